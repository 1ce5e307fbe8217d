package org.testbench.sequences.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.testbench.drivers.keys.HeldMeterKeys;
import org.testbench.sequences.language.Template;

/**
 * The names a position's steps can refer to: parameters, the built-ins {@code position} and
 * {@code serial}, and the results of the steps that ran so far.
 */
final class PositionContext {

    private final int position;
    private final Map<String, Object> parameters;
    private final Map<String, StepResult> results = new ConcurrentHashMap<>();
    private volatile String serial;
    /** When a step last provoked an event at this position (supply, tamper); events.expect measures from it. */
    private volatile java.time.Instant provokedAt;
    /** Events the broker delivered for this position that the meter's own log has not yet been checked for. */
    private final java.util.List<EventPayload> unverifiedInMeterLog = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Keys the MDMS delivered to this position: in memory only, destroyed when the position ends. */
    private final HeldMeterKeys deliveredKeys;

    PositionContext(int position, Optional<String> serial, Map<String, Object> parameters) {
        this.position = position;
        this.serial = serial.orElse(null);
        this.parameters = Map.copyOf(parameters);
        this.deliveredKeys = new HeldMeterKeys("the keys the MDMS delivered to position " + position);
    }

    HeldMeterKeys deliveredKeys() {
        return deliveredKeys;
    }

    /** Overwrites every key the MDMS delivered to this position; later steps cannot use them. */
    void destroyKeys() {
        deliveredKeys.destroy();
    }

    void remember(String stepId, StepResult result) {
        results.put(stepId, result);
    }

    void provoked(java.time.Instant at) {
        provokedAt = at;
    }

    Optional<java.time.Instant> provokedAt() {
        return Optional.ofNullable(provokedAt);
    }

    void captured(EventPayload event) {
        unverifiedInMeterLog.add(event);
    }

    /** The captured events not yet looked for in the meter's log, and forgets them. */
    java.util.List<EventPayload> takeUnverified() {
        java.util.List<EventPayload> all = java.util.List.copyOf(unverifiedInMeterLog);
        unverifiedInMeterLog.removeAll(all);
        return all;
    }

    void serial(String value) {
        if (serial == null) {
            serial = value;
        }
    }

    Optional<String> serial() {
        return Optional.ofNullable(serial);
    }

    int position() {
        return position;
    }

    Object resolve(Template template) throws StepError {
        try {
            if (template.isSingleReference()) {
                return Values.typed(template.resolve(this::lookup));
            }
            // Text with references in it: values as people read them (202, not 202.0).
            return Values.typed(template.resolve(name -> Values.format(lookup(name))));
        } catch (UnresolvedReference e) {
            throw new StepError(e.getMessage());
        }
    }

    /** The value of a dotted name; unknown names are a problem of the sequence, reported with what exists. */
    Object lookup(String name) {
        String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String field = name.contains(".") ? name.substring(name.indexOf('.') + 1) : null;
        if (head.equals("position") && field == null) {
            return (double) position;
        }
        if (head.equals("now") && field == null) {
            return java.time.Instant.now();
        }
        if (head.equals("serial") && field == null) {
            if (serial == null) {
                throw new UnresolvedReference("'${serial}': no serial is known yet for position " + position
                        + " (configure it, scan it, or read the meter first)");
            }
            return serial;
        }
        if (parameters.containsKey(head)) {
            if (field != null) {
                throw new UnresolvedReference("'${" + name + "}': parameter '" + head + "' has no fields");
            }
            return parameters.get(head);
        }
        StepResult result = results.get(head);
        if (result == null) {
            throw new UnresolvedReference("'${" + name + "}': step '" + head + "' has not run on position " + position);
        }
        if (field == null) {
            throw new UnresolvedReference("'${" + name + "}': name a field of step '" + head + "' ("
                    + String.join(", ", result.fields().keySet()) + ")");
        }
        return result.get(field).orElseThrow(() -> new UnresolvedReference("'${" + name + "}': step '" + head
                + "' has no field '" + field + "' (it has: " + String.join(", ", result.fields().keySet()) + ")"));
    }

    /** Unchecked inside template resolution, turned into a {@link StepError} at the edge. */
    static final class UnresolvedReference extends RuntimeException {
        UnresolvedReference(String message) {
            super(message);
        }
    }
}
