package org.testbench.mdms.binding;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.SourceLocation;

/**
 * How one capability is carried out with the MDMS's API.
 *
 * @param parameters      path, query and header parameters by name
 * @param body            top-level fields of the JSON request body; empty when the request has none
 * @param values          JSON Pointers into the success answer, by the name the bench uses
 * @param asynchronous    the answer is a command to follow with {@link Capability#COMMAND_STATUS}
 * @param states          for {@code command.status}: which status values mean pending, executed, failed
 * @param meterUnreachable answers that mean "meter unreachable", in addition to the binding's defaults
 * @param location        where the entry is written, when it was read from a file
 */
public record BindingEntry(Capability capability, OperationRef operation, Map<String, ValueTemplate> parameters,
                           Map<String, ValueTemplate> body, Map<String, JsonPointer> values, boolean asynchronous,
                           Optional<CommandStates> states, List<ErrorPattern> meterUnreachable,
                           Optional<SourceLocation> location) {

    public BindingEntry {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(operation, "operation");
        parameters = ordered(parameters);
        body = ordered(body);
        values = ordered(values);
        Objects.requireNonNull(states, "states");
        meterUnreachable = List.copyOf(meterUnreachable);
        Objects.requireNonNull(location, "location");
        if (asynchronous && !values.containsKey("commandId")) {
            throw new IllegalArgumentException(capability + " is asynchronous but has no 'commandId' value to follow");
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An entry with only an operation: parameters, body and values are added with the {@code with…} methods. */
    public static BindingEntry of(Capability capability, OperationRef operation) {
        return new BindingEntry(capability, operation, Map.of(), Map.of(), Map.of(), false, Optional.empty(),
                List.of(), Optional.empty());
    }

    public BindingEntry withParameter(String name, ValueTemplate value) {
        Map<String, ValueTemplate> copy = new LinkedHashMap<>(parameters);
        copy.put(name, value);
        return new BindingEntry(capability, operation, copy, body, values, asynchronous, states, meterUnreachable, location);
    }

    public BindingEntry withBodyField(String name, ValueTemplate value) {
        Map<String, ValueTemplate> copy = new LinkedHashMap<>(body);
        copy.put(name, value);
        return new BindingEntry(capability, operation, parameters, copy, values, asynchronous, states, meterUnreachable, location);
    }

    public BindingEntry withValue(String name, JsonPointer pointer) {
        Map<String, JsonPointer> copy = new LinkedHashMap<>(values);
        copy.put(name, pointer);
        return new BindingEntry(capability, operation, parameters, body, copy, asynchronous, states, meterUnreachable, location);
    }

    public BindingEntry asAsynchronous() {
        return new BindingEntry(capability, operation, parameters, body, values, true, states, meterUnreachable, location);
    }

    public BindingEntry withStates(CommandStates commandStates) {
        return new BindingEntry(capability, operation, parameters, body, values, asynchronous,
                Optional.of(commandStates), meterUnreachable, location);
    }

    public BindingEntry withMeterUnreachable(List<ErrorPattern> patterns) {
        return new BindingEntry(capability, operation, parameters, body, values, asynchronous, states, patterns, location);
    }

    public Optional<JsonPointer> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The states for {@code command.status}, or the reference MDMS's when the entry gives none. */
    public CommandStates commandStates() {
        return states.orElse(CommandStates.DEFAULT);
    }
}
