package org.testbench.lab.meter;

/**
 * Event codes the lab's meters write into the standard event log (0.0.99.98.0.255, event code
 * object 0.0.96.11.0.255). The numbers of power, billing and disconnect events are this lab's contract
 * with its clients; the tamper events use the numbers of the IDIS fraud detection event table (also
 * DSMR's): 40 terminal cover removed, 42 strong DC field detected. The lab's meters keep them in the
 * one event log they have.
 */
public enum EventCode {
    /** Supply restored, the meter started. Also the first event of every lab. */
    POWER_UP(1, "Power up"),
    /** Supply lost (logged as the last gasp before the meter goes silent). */
    POWER_DOWN(2, "Power down"),
    /** End of billing period script executed (0.0.10.0.1.255, script 1). */
    END_OF_BILLING_PERIOD(20, "End of billing period"),
    /** Disconnect control remote_disconnect opened the relay. */
    REMOTE_DISCONNECTION(61, "Remote disconnection"),
    /** Disconnect control remote_reconnect closed the relay. */
    REMOTE_RECONNECTION(62, "Remote reconnection"),
    /** remote_reconnect armed the relay (control modes 1, 3, 5, 6): the button closes it (IDIS code 59). */
    READY_FOR_RECONNECTION(59, "Disconnector ready for manual reconnection"),
    /** The button opened the relay to ready_for_reconnection (control modes 1, 2, 5; IDIS code 60). */
    MANUAL_DISCONNECTION(60, "Manual disconnection"),
    /** The button closed an armed relay (61 and 62 are the lab's remote codes, so not IDIS's 61). */
    MANUAL_RECONNECTION(63, "Manual reconnection"),
    /** The terminal cover was opened (a tamper; IDIS fraud detection code 40). */
    TERMINAL_COVER_REMOVED(40, "Terminal cover removed"),
    /** A strong DC magnetic field was detected (a tamper; IDIS fraud detection code 42). */
    STRONG_DC_FIELD(42, "Strong DC field detected");

    private final int code;
    private final String description;

    EventCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
