package org.testbench.drivers.attack;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.ObjectType;
import java.util.Arrays;
import java.util.HexFormat;
import org.testbench.drivers.dlms.Obis;

/**
 * The APDUs of the link and association tests: correct ones built by Gurux (a wrapper client, whose 8-byte
 * header is cut off, so the same APDU travels in HDLC or wrapper frames), broken ones made from them by
 * changing one field; and what the meter's answers say.
 */
final class Apdus {

    /** The current association (IEC 62056-6-2): every client may read its logical name, no client its secret. */
    static final String CURRENT_ASSOCIATION = "0.0.40.0.0.255";
    static final int LOGICAL_NAME = 1;
    static final int SECRET = 7;

    private static final int WRAPPER_HEADER = 8;
    private static final byte[] APPLICATION_CONTEXT = {0x06, 0x07, 0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x01};
    private static final byte[] MECHANISM = {0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x02};
    private static final byte[] CONFORMANCE = {0x5F, 0x1F, 0x04, 0x00};

    private Apdus() {
    }

    /** An AARQ of a client without ciphering: no authentication, or LLS with this password. */
    static byte[] aarq(int client, int server, byte[] password) {
        GXDLMSClient c = new GXDLMSClient(true, client, server, password == null ? Authentication.NONE
                : Authentication.LOW, null, InterfaceType.WRAPPER);
        if (password != null) {
            c.setPassword(password);
        }
        try {
            return stripWrapper(c.aarqRequest()[0]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an AARQ: " + e.getMessage(), e);
        }
    }

    /** A GET-Request-Normal of one attribute. */
    static byte[] get(String logicalName, ObjectType type, int attribute) {
        GXDLMSClient c = new GXDLMSClient(true, 16, 1, Authentication.NONE, null, InterfaceType.WRAPPER);
        try {
            return stripWrapper(c.read(logicalName, type, attribute)[0]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a GET request: " + e.getMessage(), e);
        }
    }

    /** A GET of the current association's logical name: the correct request every client may make. */
    static byte[] probe() {
        return get(CURRENT_ASSOCIATION, ObjectType.ASSOCIATION_LOGICAL_NAME, LOGICAL_NAME);
    }

    static byte[] getSerial(Obis serial) {
        return get(serial.logicalName(), ObjectType.DATA, 2);
    }

    private static byte[] stripWrapper(byte[] frame) {
        return Arrays.copyOfRange(frame, WRAPPER_HEADER, frame.length);
    }

    /** The AARQ with another application context name id (1 = LN referencing without ciphering). */
    static byte[] withApplicationContext(byte[] aarq, int id) {
        byte[] a = aarq.clone();
        a[indexAfter(a, APPLICATION_CONTEXT, "application context name")] = (byte) id;
        return a;
    }

    /** The AARQ (which names a mechanism) with another mechanism id (1 = LLS, 2 = HLS, 5 = HLS-GMAC). */
    static byte[] withMechanism(byte[] aarq, int id) {
        byte[] a = aarq.clone();
        a[indexAfter(a, MECHANISM, "mechanism name")] = (byte) id;
        return a;
    }

    /** The AARQ proposing another DLMS version in its InitiateRequest (6 is the only one today). */
    static byte[] withDlmsVersion(byte[] aarq, int version) {
        byte[] a = aarq.clone();
        a[indexAfter(a, CONFORMANCE, "conformance block") - CONFORMANCE.length - 1] = (byte) version;
        return a;
    }

    /** The AARQ proposing the given 24-bit conformance block. */
    static byte[] withConformance(byte[] aarq, int conformance) {
        byte[] a = aarq.clone();
        int p = indexAfter(a, CONFORMANCE, "conformance block");
        a[p] = (byte) (conformance >> 16);
        a[p + 1] = (byte) (conformance >> 8);
        a[p + 2] = (byte) conformance;
        return a;
    }

    private static int indexAfter(byte[] data, byte[] pattern, String what) {
        for (int i = 0; i + pattern.length < data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i + pattern.length;
            }
        }
        throw new IllegalStateException("the AARQ has no " + what);
    }

    /** What an answer APDU says, as far as the tests need to know. */
    enum Kind {
        /** A GET answered with data. */
        DATA,
        /** A GET answered with a data-access-result (refused, undefined...). */
        ACCESS_ERROR,
        EXCEPTION,
        SERVICE_ERROR,
        ASSOCIATION_ACCEPTED,
        ASSOCIATION_REJECTED,
        RELEASED,
        OTHER
    }

    record Answer(Kind kind, String detail) {
    }

    static Answer read(byte[] apdu) {
        if (apdu.length == 0) {
            return new Answer(Kind.OTHER, "an empty information field");
        }
        int tag = apdu[0] & 0xFF;
        switch (tag) {
            case 0xC4: {
                if (apdu.length >= 4 && (apdu[1] & 0xFF) == 0x01 && (apdu[3] & 0xFF) == 0x00) {
                    return new Answer(Kind.DATA, "GET answered with data");
                }
                if (apdu.length >= 5 && (apdu[1] & 0xFF) == 0x01 && (apdu[3] & 0xFF) == 0x01) {
                    return new Answer(Kind.ACCESS_ERROR, "GET refused with data-access-result " + (apdu[4] & 0xFF)
                            + accessResult(apdu[4] & 0xFF));
                }
                if (apdu.length >= 2 && (apdu[1] & 0xFF) == 0x02) {
                    return new Answer(Kind.DATA, "GET answered with a data block");
                }
                return new Answer(Kind.OTHER, "a GET response of an unexpected form");
            }
            case 0xD8:
                return new Answer(Kind.EXCEPTION, "exception-response"
                        + (apdu.length >= 3 ? " (state error " + (apdu[1] & 0xFF) + ", service error " + (apdu[2] & 0xFF)
                        + ")" : ""));
            case 0x0E:
                return new Answer(Kind.SERVICE_ERROR, "confirmed-service-error");
            case 0x61:
                return aare(apdu);
            case 0x63:
                return new Answer(Kind.RELEASED, "release response");
            default:
                return new Answer(Kind.OTHER, String.format("APDU with tag 0x%02X", tag));
        }
    }

    private static String accessResult(int code) {
        return switch (code) {
            case 3 -> " (read-write-denied)";
            case 4 -> " (object-undefined)";
            case 9 -> " (object-class-inconsistent)";
            case 11 -> " (object-unavailable)";
            case 12 -> " (type-unmatched)";
            case 13 -> " (scope-of-access-violated)";
            default -> "";
        };
    }

    private static Answer aare(byte[] apdu) {
        int result = valueAfter(apdu, new byte[] {(byte) 0xA2, 0x03, 0x02, 0x01});
        int userDiagnostic = valueAfter(apdu, new byte[] {(byte) 0xA3, 0x05, (byte) 0xA1, 0x03, 0x02, 0x01});
        int providerDiagnostic = valueAfter(apdu, new byte[] {(byte) 0xA3, 0x05, (byte) 0xA2, 0x03, 0x02, 0x01});
        String diagnostic = userDiagnostic >= 0 ? "acse-service-user " + userDiagnostic + userDiagnostic(userDiagnostic)
                : providerDiagnostic >= 0 ? "acse-service-provider " + providerDiagnostic : "no diagnostic";
        if (result == 0) {
            boolean initiateError = indexOf(apdu, new byte[] {0x0E, 0x01}) >= 0;
            return initiateError ? new Answer(Kind.ASSOCIATION_REJECTED, "association accepted in the ACSE but refused "
                    + "with an initiate error") : new Answer(Kind.ASSOCIATION_ACCEPTED, "association accepted ("
                    + diagnostic + ")");
        }
        return new Answer(Kind.ASSOCIATION_REJECTED, "association rejected (result " + result + ", " + diagnostic
                + (indexOf(apdu, new byte[] {0x0E, 0x01}) >= 0 ? ", initiate error" : "") + ")");
    }

    private static String userDiagnostic(int code) {
        return switch (code) {
            case 0 -> " null";
            case 1 -> " no-reason-given";
            case 2 -> " application-context-name-not-supported";
            case 11 -> " authentication-mechanism-name-not-recognised";
            case 12 -> " authentication-mechanism-name-required";
            case 13 -> " authentication-failure";
            case 14 -> " authentication-required";
            default -> "";
        };
    }

    private static int valueAfter(byte[] data, byte[] pattern) {
        int i = indexOf(data, pattern);
        return i < 0 || i + pattern.length >= data.length ? -1 : data[i + pattern.length] & 0xFF;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The server-max-receive-pdu-size of an AARE's InitiateResponse; -1 when it has none. */
    static int serverMaxPdu(byte[] aare) {
        int i = indexOf(aare, CONFORMANCE);
        if (i < 0 || i + CONFORMANCE.length + 5 > aare.length) {
            return -1;
        }
        int p = i + CONFORMANCE.length + 3;
        return (aare[p] & 0xFF) << 8 | (aare[p + 1] & 0xFF);
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}
