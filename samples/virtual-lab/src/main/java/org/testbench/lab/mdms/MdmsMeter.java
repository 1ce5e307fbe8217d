package org.testbench.lab.mdms;

import java.util.Objects;

import org.testbench.lab.keys.MeterKeys;

/**
 * A meter as the MDMS knows it from installation: nameplate data, where the head-end reaches its
 * AMI port, and its DLMS keys (held in memory, as the MDMS's key store would).
 *
 * @param serial serial number, the key of every MDMS resource
 * @param manufacturer three-letter FLAG identifier
 * @param model model name
 * @param firmware active firmware identifier known to the MDMS
 * @param meterType kind of meter, one of the spec's MeterType values
 * @param amiHost host of the meter's AMI port (DLMS WRAPPER over TCP)
 * @param amiPort TCP port of the meter's AMI port
 * @param keys EK and AK; the MDMS never logs or shows them
 * @param publicReads true if the public client may read registers, event log and relay; false for a meter
 *        whose public client sees only its nameplate or association: the head-end reads through the management
 *        association
 * @param serverAddress the meter's logical device (the wrapper's server port)
 * @param managementClient the address of the meter's management client (HLS-GMAC)
 */
public record MdmsMeter(String serial, String manufacturer, String model, String firmware, String meterType,
        String amiHost, int amiPort, MeterKeys keys, boolean publicReads, int serverAddress, int managementClient) {

    /** A meter whose public client reads everything. */
    public MdmsMeter(String serial, String manufacturer, String model, String firmware, String meterType,
            String amiHost, int amiPort, MeterKeys keys) {
        this(serial, manufacturer, model, firmware, meterType, amiHost, amiPort, keys, true);
    }

    /** A meter at the management logical device (1) whose management client is 1. */
    public MdmsMeter(String serial, String manufacturer, String model, String firmware, String meterType,
            String amiHost, int amiPort, MeterKeys keys, boolean publicReads) {
        this(serial, manufacturer, model, firmware, meterType, amiHost, amiPort, keys, publicReads, 1, 1);
    }

    public MdmsMeter {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(meterType, "meterType");
        Objects.requireNonNull(amiHost, "amiHost");
        Objects.requireNonNull(keys, "keys");
        if (amiPort < 1 || amiPort > 65_535) {
            throw new IllegalArgumentException("amiPort must be 1..65535, was " + amiPort);
        }
    }

    @Override
    public String toString() {
        // MeterKeys redacts itself; spelled out anyway so that nobody has to check.
        return "MdmsMeter[serial=" + serial + ", model=" + model + ", ami=" + amiHost + ":" + amiPort
                + ", keys=<redacted>]";
    }
}
