package org.testbench.drivers.dlms;

/** OBIS codes of the objects every bench step needs (IEC 62056-6-1, DLMS UA Blue Book). */
public final class StandardObis {

    public static final Obis SERIAL_NUMBER = Obis.parse("0.0.96.1.0.255");
    public static final Obis LOGICAL_DEVICE_NAME = Obis.parse("0.0.42.0.0.255");
    public static final Obis FIRMWARE_ID = Obis.parse("1.0.0.2.0.255");
    public static final Obis CLOCK = Obis.parse("0.0.1.0.0.255");
    public static final Obis ACTIVE_ENERGY_IMPORT = Obis.parse("1.0.1.8.0.255");
    public static final Obis ACTIVE_ENERGY_EXPORT = Obis.parse("1.0.2.8.0.255");
    public static final Obis DISCONNECT_CONTROL = Obis.parse("0.0.96.3.10.255");
    public static final Obis STANDARD_EVENT_LOG = Obis.parse("0.0.99.98.0.255");
    public static final Obis FRAUD_EVENT_LOG = Obis.parse("0.0.99.98.1.255");
    public static final Obis END_OF_BILLING_SCRIPT = Obis.parse("0.0.10.0.1.255");
    public static final Obis INVOCATION_COUNTER = Obis.parse("0.0.43.1.0.255");
    public static final Obis CURRENT_ASSOCIATION = Obis.parse("0.0.40.0.0.255");

    private StandardObis() {
    }
}
