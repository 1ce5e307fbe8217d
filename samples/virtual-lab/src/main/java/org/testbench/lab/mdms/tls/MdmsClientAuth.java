package org.testbench.lab.mdms.tls;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether the MDMS's HTTPS endpoint asks a client for its certificate (mutual TLS), as a TLS server's
 * "client auth" setting says it: {@link #NONE} never asks, {@link #WANT} asks and accepts a client that has
 * none, {@link #NEED} refuses such a client in the handshake. A certificate that is presented must chain to
 * a trusted client CA in both modes that ask for one.
 */
public enum MdmsClientAuth {
    NONE("none"),
    WANT("want"),
    NEED("need");

    private final String externalName;

    MdmsClientAuth(String externalName) {
        this.externalName = externalName;
    }

    /** The name on the command line and in the endpoints file. */
    public String externalName() {
        return externalName;
    }

    /** True when the server sends a CertificateRequest. */
    public boolean asks() {
        return this != NONE;
    }

    public static MdmsClientAuth parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (MdmsClientAuth mode : values()) {
            if (mode.externalName.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown MDMS client authentication '" + name + "'; valid: "
                + Arrays.stream(values()).map(MdmsClientAuth::externalName).collect(Collectors.joining(", ")));
    }
}
