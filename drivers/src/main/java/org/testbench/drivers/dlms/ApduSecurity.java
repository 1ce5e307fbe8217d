package org.testbench.drivers.dlms;

/** Which protection a ciphered association applies to each APDU (the security control byte's bits). */
public enum ApduSecurity {
    NONE("none"),
    AUTHENTICATED("authenticated"),
    ENCRYPTED("encrypted"),
    AUTHENTICATED_ENCRYPTED("authenticated-encrypted");

    private final String external;

    ApduSecurity(String external) {
        this.external = external;
    }

    public String external() {
        return external;
    }
}
