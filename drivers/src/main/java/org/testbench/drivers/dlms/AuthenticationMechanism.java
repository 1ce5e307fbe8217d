package org.testbench.drivers.dlms;

/**
 * How a DLMS client proves who it is when it associates (IEC 62056-5-3): not at all, with a password sent
 * in the association request (low level security, LLS), or with a challenge answered with GMAC under the
 * meter's authentication key (high level security, HLS mechanism 5).
 */
public enum AuthenticationMechanism {
    NONE("none"),
    LOW("low"),
    HLS_GMAC("hls-gmac");

    private final String external;

    AuthenticationMechanism(String external) {
        this.external = external;
    }

    /** The name used in meter profiles and on the command line. */
    public String external() {
        return external;
    }

    public static AuthenticationMechanism ofExternal(String name) {
        for (AuthenticationMechanism m : values()) {
            if (m.external.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("authentication '" + name + "' is not one of none, low, hls-gmac");
    }
}
