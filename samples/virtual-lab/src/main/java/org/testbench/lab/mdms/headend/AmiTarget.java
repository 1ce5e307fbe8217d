package org.testbench.lab.mdms.headend;

import java.util.Objects;

import org.testbench.lab.keys.MeterKeys;

/**
 * Where and how the head-end reaches one meter: its AMI port (DLMS WRAPPER over TCP) and the keys
 * of its management association.
 */
public record AmiTarget(String serial, String host, int port, MeterKeys keys) {

    public AmiTarget {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keys, "keys");
    }

    @Override
    public String toString() {
        return "AmiTarget[serial=" + serial + ", " + host + ":" + port + ", keys=<redacted>]";
    }
}
