package org.testbench.lab.cosem;

/**
 * The xDLMS EXCEPTION-Response APDU a meter sends when it cannot even decipher or accept a
 * request: state-error service-not-allowed and a service-error saying why.
 */
final class ExceptionResponse {

    private static final int TAG = 0xD8;
    private static final int SERVICE_NOT_ALLOWED = 1;
    private static final int DECIPHERING_ERROR = 5;
    private static final int INVOCATION_COUNTER_ERROR = 6;
    private static final int PDU_TOO_LONG = 4;

    private ExceptionResponse() {
    }

    /** The APDU is longer than the meter's max receive PDU size. */
    static byte[] pduTooLong() {
        return new byte[] {(byte) TAG, SERVICE_NOT_ALLOWED, PDU_TOO_LONG};
    }

    /** The APDU could not be authenticated or deciphered. */
    static byte[] decipheringError() {
        return new byte[] {(byte) TAG, SERVICE_NOT_ALLOWED, DECIPHERING_ERROR};
    }

    /**
     * The invocation counter was not fresh.
     *
     * @param expected the lowest counter the meter accepts now
     */
    static byte[] invocationCounterError(long expected) {
        return new byte[] {(byte) TAG, SERVICE_NOT_ALLOWED, INVOCATION_COUNTER_ERROR,
            (byte) (expected >>> 24), (byte) (expected >>> 16), (byte) (expected >>> 8), (byte) expected};
    }
}
