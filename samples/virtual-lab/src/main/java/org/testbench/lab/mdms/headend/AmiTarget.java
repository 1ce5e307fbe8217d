package org.testbench.lab.mdms.headend;

import java.util.Objects;

import org.testbench.lab.keys.MeterKeys;

/**
 * Where and how the head-end reaches one meter: its AMI port (DLMS WRAPPER over TCP), the keys
 * of its management association, and whether its public client may read registers (false: the
 * head-end reads through the management association), its logical device (the server address of the wrapper)
 * and its management client's address.
 */
public record AmiTarget(String serial, String host, int port, MeterKeys keys, boolean publicReads,
        int serverAddress, int managementClient) {

    public AmiTarget(String serial, String host, int port, MeterKeys keys) {
        this(serial, host, port, keys, true);
    }

    /** A meter at the management logical device (1) whose management client is 1. */
    public AmiTarget(String serial, String host, int port, MeterKeys keys, boolean publicReads) {
        this(serial, host, port, keys, publicReads, DlmsClients.SERVER, DlmsClients.MANAGEMENT_CLIENT);
    }

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
