package org.testbench.mdms.binding;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the bench asks of an MDMS, independent of any vendor's API. A binding maps each one to an
 * operation; sequences name capabilities, never operations.
 */
public enum Capability {
    METER_GET("meter.get", false, List.of("serial"), List.of("serial"),
            "the MDMS's record of a meter: nameplate, firmware, communication status"),
    LOAD_SWITCH_OPEN("loadSwitch.open", true, List.of(), List.of("serial"),
            "open the load switch (disconnect the customer)"),
    LOAD_SWITCH_CLOSE("loadSwitch.close", true, List.of(), List.of("serial"),
            "close the load switch (reconnect the customer)"),
    LOAD_SWITCH_STATUS("loadSwitch.status", false, List.of("state"), List.of("serial"),
            "the load switch state as the MDMS reports it"),
    COMMAND_STATUS("command.status", false, List.of("status"), List.of("commandId"),
            "the state of an asynchronous command: pending, executed or failed"),
    REGISTERS_READ("registers.read", false, List.of("value", "unit"), List.of("serial", "obis"),
            "a register value read through the MDMS, with unit and timestamps"),
    EVENTS_LIST("events.list", false, List.of("events"), List.of("serial"),
            "the meter's event log as the MDMS reads it"),
    KEYS_GET("keys.get", false, List.of("envelope"), List.of("serial", "benchCertificate"),
            "the meter's keys, wrapped for the bench's certificate"),
    BILLING_NEW_PERIOD("billing.newPeriod", true, List.of(), List.of("serial"),
            "end the billing period (new customer)"),
    DISPLAY_SET("display.set", true, List.of(), List.of("serial", "message", "visible"),
            "show or clear a customer message on the meter's display"),
    EVENTS_NOTIFICATIONS("events.notifications", false, List.of("notifications"), List.of("serial"),
            "the event notifications the meter pushed (last gasp, tamper), as the MDMS stored them");

    /** The name the first bindings used for {@link #COMMAND_STATUS}; read for compatibility, never written. */
    private static final String JOB_STATUS_ALIAS = "job.status";

    private final String id;
    private final boolean asynchronous;
    private final List<String> requiredValues;
    private final List<String> inputs;
    private final String meaning;

    Capability(String id, boolean asynchronous, List<String> requiredValues, List<String> inputs, String meaning) {
        this.id = id;
        this.asynchronous = asynchronous;
        this.requiredValues = requiredValues;
        this.inputs = inputs;
        this.meaning = meaning;
    }

    /** The name used in binding files and sequences, e.g. {@code loadSwitch.open}. */
    public String id() {
        return id;
    }

    /** Whether the bench expects a command to follow (through {@link #COMMAND_STATUS}) rather than an answer. */
    public boolean expectsCommand() {
        return asynchronous;
    }

    /**
     * Values the bench reads from the answer; a binding must give a JSON Pointer for each. Commands
     * need {@code commandId} only when the MDMS answers asynchronously (the entry says {@code async}).
     */
    public List<String> requiredValues() {
        return requiredValues;
    }

    /** The values a caller supplies, usable as {@code ${name}} in a binding. */
    public List<String> inputs() {
        return inputs;
    }

    public String meaning() {
        return meaning;
    }

    /** The capability with this exact name; empty when there is none. */
    public static Optional<Capability> find(String id) {
        if (JOB_STATUS_ALIAS.equals(id)) {
            return Optional.of(COMMAND_STATUS);
        }
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** Like {@link #find} but throws with the list of names, and the near miss when the case differs. */
    public static Capability parse(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(unknown(id)));
    }

    /** The message for an unknown name: a near miss first, then every valid name. */
    public static String unknown(String id) {
        Optional<Capability> nearMiss = Arrays.stream(values())
                .filter(c -> c.id.toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT)))
                .findFirst();
        return "unknown capability '" + id + "'" + nearMiss.map(c -> " (did you mean " + c.id + "?)").orElse("")
                + "; capabilities are " + Arrays.stream(values()).map(Capability::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
