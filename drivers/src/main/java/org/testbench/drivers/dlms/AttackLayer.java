package org.testbench.drivers.dlms;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a negative test breaks the protocol: the HDLC link (optical port, AMI over HDLC), the TCP wrapper
 * (AMI), the association (ACSE: AARQ/AARE) or the application layer (xDLMS APDUs, ciphered or not).
 */
public enum AttackLayer {
    HDLC("hdlc"),
    WRAPPER("wrapper"),
    ACSE("acse"),
    APDU("apdu");

    private final String external;

    AttackLayer(String external) {
        this.external = external;
    }

    /** The name used on the command line ({@code --layer}) and in sequences ({@code layer:}). */
    public String external() {
        return external;
    }

    /** Whether attacks of this layer can travel over a port with this framing. */
    public boolean appliesTo(DlmsFraming framing) {
        return switch (this) {
            case HDLC -> framing == DlmsFraming.HDLC;
            case WRAPPER -> framing == DlmsFraming.WRAPPER;
            case ACSE, APDU -> true;
        };
    }

    /** The layers that apply to a port with this framing, in their usual order. */
    public static List<AttackLayer> applyingTo(DlmsFraming framing) {
        return Arrays.stream(values()).filter(l -> l.appliesTo(framing)).toList();
    }

    public static AttackLayer ofExternal(String name) {
        for (AttackLayer l : values()) {
            if (l.external.equalsIgnoreCase(name.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layer '" + name + "' (expected: " + Arrays.stream(values())
                .map(AttackLayer::external).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return external.toLowerCase(Locale.ROOT);
    }
}
