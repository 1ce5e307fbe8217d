package org.testbench.drivers.dlms;

import gurux.dlms.GXDLMSClient;
import java.util.OptionalInt;

/**
 * The meter's DLMS server address: its logical device and, on HDLC links that need one, its physical
 * address (the lower HDLC address). Without a physical address HDLC uses the one-byte address of the
 * logical device, as single-device meters on an optical port do.
 */
public record ServerAddress(int logical, OptionalInt physical) {

    public static final ServerAddress MANAGEMENT_LOGICAL_DEVICE = new ServerAddress(1, OptionalInt.empty());

    public ServerAddress {
        if (logical < 0 || logical > 0x3FFF) {
            throw new IllegalArgumentException("a logical device address is 0..16383, not " + logical);
        }
        if (physical.isPresent() && (physical.getAsInt() < 0 || physical.getAsInt() > 0x3FFF)) {
            throw new IllegalArgumentException("an HDLC physical address is 0..16383, not " + physical.getAsInt());
        }
    }

    /** The address Gurux expects for this framing: the combined HDLC address, or the wrapper's logical device. */
    int forFraming(DlmsFraming framing) {
        if (framing == DlmsFraming.HDLC && physical.isPresent()) {
            return GXDLMSClient.getServerAddress(logical, physical.getAsInt());
        }
        return logical;
    }

    @Override
    public String toString() {
        return "logical " + logical + (physical.isPresent() ? ", physical " + physical.getAsInt() : "");
    }
}
