package org.testbench.lab.cosem;

/** Logical names of the COSEM objects every lab meter exposes. */
public final class ObisCodes {

    public static final String CURRENT_ASSOCIATION = "0.0.40.0.0.255";
    public static final String PUBLIC_ASSOCIATION = "0.0.40.0.1.255";
    public static final String MANAGEMENT_ASSOCIATION = "0.0.40.0.2.255";
    public static final String SECURITY_SETUP = "0.0.43.0.0.255";
    public static final String INVOCATION_COUNTER = "0.0.43.1.0.255";
    public static final String DEVICE_ID_SERIAL = "0.0.96.1.0.255";
    public static final String LOGICAL_DEVICE_NAME = "0.0.42.0.0.255";
    public static final String ACTIVE_FIRMWARE_ID = "1.0.0.2.0.255";
    public static final String CLOCK = "0.0.1.0.0.255";
    public static final String ACTIVE_ENERGY_IMPORT = "1.0.1.8.0.255";
    public static final String ACTIVE_ENERGY_EXPORT = "1.0.2.8.0.255";
    public static final String DISCONNECT_CONTROL = "0.0.96.3.10.255";
    public static final String STANDARD_EVENT_LOG = "0.0.99.98.0.255";
    public static final String STANDARD_EVENT_CODE = "0.0.96.11.0.255";
    public static final String END_OF_BILLING_SCRIPT_TABLE = "0.0.10.0.1.255";
    public static final String BILLING_PERIOD_COUNTER = "0.0.0.1.0.255";
    public static final String CONSUMER_MESSAGE = "0.0.96.13.1.255";
    public static final String HDLC_SETUP = "0.0.22.0.0.255";
    public static final String TCP_UDP_SETUP = "0.0.25.0.0.255";

    private ObisCodes() {
    }
}
