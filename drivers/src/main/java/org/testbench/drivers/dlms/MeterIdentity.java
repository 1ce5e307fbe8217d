package org.testbench.drivers.dlms;

import java.util.Objects;

/**
 * What a meter says about itself over DLMS: serial (0.0.96.1.0.255, or where its profile says — the serial part of
 * the logical device name for a meter that keeps it only there), logical device name, firmware.
 */
public record MeterIdentity(String serial, String logicalDeviceName, String firmware) {

    public MeterIdentity {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(logicalDeviceName, "logicalDeviceName");
        Objects.requireNonNull(firmware, "firmware");
    }
}
