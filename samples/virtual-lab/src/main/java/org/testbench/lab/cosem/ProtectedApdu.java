package org.testbench.lab.cosem;

import java.util.Arrays;
import java.util.Optional;

/**
 * The security header of an APDU, found where DLMS puts it: directly in a glo-ciphered request,
 * in a general-glo-ciphering APDU (with the sender's system title), or in the user-information
 * of an AARQ or RLRQ (a glo-initiate-request).
 *
 * <p>Only what the security checks need is extracted: the security control byte, the invocation
 * counter, the sender's system title when the APDU carries it, and the protected bytes
 * (ciphertext followed by the authentication tag).
 */
final class ProtectedApdu {

    /** Where the APDU came from, as far as its protection is concerned. */
    enum Kind {
        /** No security header: a plain xDLMS or ACSE APDU. */
        PLAIN("plain APDU"),
        /** glo-get/set/action-request. */
        GLOBAL("glo-ciphered request"),
        /** general-glo-ciphering. */
        GENERAL_GLOBAL("general-glo-ciphering"),
        /** AARQ with a glo-initiate-request in its user-information. */
        ASSOCIATION_REQUEST("ciphered AARQ"),
        /** RLRQ with a glo-initiate-request in its user-information. */
        RELEASE_REQUEST("ciphered RLRQ"),
        /** Dedicated-key, general or signed ciphering: this meter has no such keys. */
        UNSUPPORTED("APDU with unsupported protection"),
        /** Protected, but its lengths do not add up. */
        MALFORMED("malformed protected APDU");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    private static final int AARQ = 0x60;
    private static final int RLRQ = 0x62;
    private static final int GLO_GET_REQUEST = 0xC8;
    private static final int GLO_SET_REQUEST = 0xC9;
    private static final int GLO_ACTION_REQUEST = 0xCB;
    private static final int DED_GET_REQUEST = 0xD0;
    private static final int DED_SET_REQUEST = 0xD1;
    private static final int DED_ACTION_REQUEST = 0xD3;
    private static final int GENERAL_GLO_CIPHERING = 0xDB;
    private static final int GENERAL_DED_CIPHERING = 0xDC;
    private static final int GENERAL_CIPHERING = 0xDD;
    private static final int GENERAL_SIGNING = 0xDF;
    private static final int GLO_INITIATE_REQUEST = 0x21;
    private static final int CALLING_AP_TITLE = 0xA6;
    private static final int USER_INFORMATION = 0xBE;
    private static final int OCTET_STRING = 0x04;
    private static final int HEADER_LENGTH = 5; // security control byte + invocation counter

    private final Kind kind;
    private final int securityControl;
    private final long invocationCounter;
    private final byte[] senderSystemTitle;
    private final byte[] protectedPayload;

    private ProtectedApdu(Kind kind, int securityControl, long invocationCounter, byte[] senderSystemTitle,
            byte[] protectedPayload) {
        this.kind = kind;
        this.securityControl = securityControl;
        this.invocationCounter = invocationCounter;
        this.senderSystemTitle = senderSystemTitle;
        this.protectedPayload = protectedPayload;
    }

    private static ProtectedApdu withoutHeader(Kind kind) {
        return new ProtectedApdu(kind, 0, -1, null, new byte[0]);
    }

    /** Finds the security header of an APDU, if it has one. */
    static ProtectedApdu inspect(byte[] apdu) {
        if (apdu.length == 0) {
            return withoutHeader(Kind.PLAIN);
        }
        try {
            switch (apdu[0] & 0xFF) {
                case GLO_GET_REQUEST:
                case GLO_SET_REQUEST:
                case GLO_ACTION_REQUEST:
                    return globalRequest(apdu);
                case GENERAL_GLO_CIPHERING:
                    return generalGlobal(apdu);
                case AARQ:
                    return associationApdu(apdu, Kind.ASSOCIATION_REQUEST);
                case RLRQ:
                    return associationApdu(apdu, Kind.RELEASE_REQUEST);
                case DED_GET_REQUEST:
                case DED_SET_REQUEST:
                case DED_ACTION_REQUEST:
                case GENERAL_DED_CIPHERING:
                case GENERAL_CIPHERING:
                case GENERAL_SIGNING:
                    return withoutHeader(Kind.UNSUPPORTED);
                default:
                    return withoutHeader(Kind.PLAIN);
            }
        } catch (MalformedException e) {
            return withoutHeader(Kind.MALFORMED);
        }
    }

    private static ProtectedApdu globalRequest(byte[] apdu) throws MalformedException {
        BerReader reader = new BerReader(apdu, 1, apdu.length);
        int length = reader.length();
        reader.requireRemaining(length);
        return securedContent(Kind.GLOBAL, reader, length, null);
    }

    private static ProtectedApdu generalGlobal(byte[] apdu) throws MalformedException {
        BerReader reader = new BerReader(apdu, 1, apdu.length);
        byte[] systemTitle = reader.bytes(reader.length());
        int length = reader.length();
        reader.requireRemaining(length);
        return securedContent(Kind.GENERAL_GLOBAL, reader, length, systemTitle);
    }

    /** Walks the ACSE components of an AARQ or RLRQ for the calling AP title and user-information. */
    private static ProtectedApdu associationApdu(byte[] apdu, Kind kind) throws MalformedException {
        BerReader outer = new BerReader(apdu, 1, apdu.length);
        int length = outer.length();
        outer.requireRemaining(length);
        BerReader components = outer.sub(length);
        byte[] callingTitle = null;
        byte[] userInformation = null;
        while (components.hasRemaining()) {
            int tag = components.tag();
            BerReader value = components.sub(components.length());
            if (tag == CALLING_AP_TITLE) {
                callingTitle = value.octetString();
            } else if (tag == USER_INFORMATION) {
                userInformation = value.octetString();
            }
        }
        if (userInformation == null || userInformation.length == 0
                || (userInformation[0] & 0xFF) != GLO_INITIATE_REQUEST) {
            return withoutHeader(Kind.PLAIN);
        }
        BerReader initiate = new BerReader(userInformation, 1, userInformation.length);
        int contentLength = initiate.length();
        initiate.requireRemaining(contentLength);
        return securedContent(kind, initiate, contentLength, callingTitle);
    }

    private static ProtectedApdu securedContent(Kind kind, BerReader reader, int length, byte[] systemTitle)
            throws MalformedException {
        if (length < HEADER_LENGTH) {
            throw new MalformedException();
        }
        int securityControl = reader.octet();
        long counter = reader.uint32();
        byte[] payload = reader.bytes(length - HEADER_LENGTH);
        return new ProtectedApdu(kind, securityControl, counter, systemTitle, payload);
    }

    Kind kind() {
        return kind;
    }

    boolean isProtected() {
        return kind != Kind.PLAIN;
    }

    /** True if the APDU has a readable security header (counter and payload). */
    boolean hasSecurityHeader() {
        return kind == Kind.GLOBAL || kind == Kind.GENERAL_GLOBAL || kind == Kind.ASSOCIATION_REQUEST
                || kind == Kind.RELEASE_REQUEST;
    }

    int securityControl() {
        return securityControl;
    }

    long invocationCounter() {
        return invocationCounter;
    }

    Optional<byte[]> senderSystemTitle() {
        return Optional.ofNullable(senderSystemTitle).map(byte[]::clone);
    }

    byte[] protectedPayload() {
        return protectedPayload.clone();
    }

    @Override
    public String toString() {
        // Counter and security control are public on the wire; the payload is never shown.
        return hasSecurityHeader()
                ? kind.description() + " (SC 0x" + Integer.toHexString(securityControl) + ", IC " + invocationCounter + ")"
                : kind.description();
    }

    /** A length field points past the end of the APDU. */
    private static final class MalformedException extends Exception {
        MalformedException() {
            super(null, null, false, false);
        }
    }

    /** Reads BER-TLV fields of an APDU within a bounded region. */
    private static final class BerReader {
        private final byte[] data;
        private final int end;
        private int position;

        BerReader(byte[] data, int position, int end) {
            this.data = data;
            this.position = position;
            this.end = end;
        }

        boolean hasRemaining() {
            return position < end;
        }

        void requireRemaining(int count) throws MalformedException {
            if (count < 0 || end - position < count) {
                throw new MalformedException();
            }
        }

        int octet() throws MalformedException {
            requireRemaining(1);
            return data[position++] & 0xFF;
        }

        int tag() throws MalformedException {
            return octet();
        }

        /** A BER length: short form, or long form with one to three length octets. */
        int length() throws MalformedException {
            int first = octet();
            if (first < 0x80) {
                return first;
            }
            int octets = first & 0x7F;
            if (octets == 0 || octets > 3) {
                throw new MalformedException();
            }
            int length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | octet();
            }
            return length;
        }

        long uint32() throws MalformedException {
            long value = 0;
            for (int i = 0; i < 4; i++) {
                value = (value << 8) | octet();
            }
            return value;
        }

        byte[] bytes(int count) throws MalformedException {
            requireRemaining(count);
            byte[] result = Arrays.copyOfRange(data, position, position + count);
            position += count;
            return result;
        }

        BerReader sub(int length) throws MalformedException {
            requireRemaining(length);
            BerReader sub = new BerReader(data, position, position + length);
            position += length;
            return sub;
        }

        /** An OCTET STRING TLV (tag 0x04) filling this reader. */
        byte[] octetString() throws MalformedException {
            if (tag() != OCTET_STRING) {
                throw new MalformedException();
            }
            return bytes(length());
        }
    }
}
