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
 * @param body            the fields of a JSON object request body (members may be objects and lists in
 *                        format 2); empty when the request has none or its body is not an object
 * @param sources         where each value the bench reads comes from in the answer, by the name the bench uses
 * @param asynchronous    the answer is a command to follow with {@link Capability#COMMAND_STATUS}
 * @param states          for {@code command.status}: which status values mean pending, executed, failed
 * @param meterUnreachable answers that mean "meter unreachable", in addition to the binding's defaults
 * @param location        where the entry is written, when it was read from a file
 * @param otherBody       a request body that is not an object (a list, a single value); empty otherwise
 * @param notFound        answers that mean "no such meter" (format 2), e.g. a search whose {@code /items} is
 *                        empty; none: a 404 means it, as HTTP says (see {@link #notFoundPatterns()})
 */
public record BindingEntry(Capability capability, OperationRef operation, Map<String, ValueTemplate> parameters,
                           Map<String, ValueTemplate> body, Map<String, ValueSource> sources, boolean asynchronous,
                           Optional<CommandStates> states, List<ErrorPattern> meterUnreachable,
                           Optional<SourceLocation> location, Optional<ValueTemplate> otherBody,
                           List<ErrorPattern> notFound) {

    /** The value naming the command to follow. */
    public static final String COMMAND_ID = "commandId";
    /** The value giving the URL to poll for the command's status (format 2). */
    public static final String STATUS_URL = "statusUrl";

    public BindingEntry {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(operation, "operation");
        parameters = ordered(parameters);
        body = ordered(body);
        sources = ordered(sources);
        Objects.requireNonNull(states, "states");
        meterUnreachable = List.copyOf(meterUnreachable);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(otherBody, "otherBody");
        notFound = List.copyOf(notFound);
        if (otherBody.isPresent() && !body.isEmpty()) {
            throw new IllegalArgumentException(capability + ": a body is either an object's fields or another value");
        }
        if (otherBody.isPresent() && otherBody.get().fields().isPresent()) {
            throw new IllegalArgumentException(capability + ": an object body is given by its fields");
        }
        if (asynchronous && !sources.containsKey(COMMAND_ID) && !sources.containsKey(STATUS_URL)) {
            throw new IllegalArgumentException(capability + " is asynchronous but has no 'commandId' or 'statusUrl'"
                    + " value to follow");
        }
    }

    /** An entry without its own "not found" rules. */
    public BindingEntry(Capability capability, OperationRef operation, Map<String, ValueTemplate> parameters,
                        Map<String, ValueTemplate> body, Map<String, ValueSource> sources, boolean asynchronous,
                        Optional<CommandStates> states, List<ErrorPattern> meterUnreachable,
                        Optional<SourceLocation> location, Optional<ValueTemplate> otherBody) {
        this(capability, operation, parameters, body, sources, asynchronous, states, meterUnreachable, location,
                otherBody, List.of());
    }

    /** The format-1 shape: every value a JSON Pointer, the body an object's top-level fields. */
    public BindingEntry(Capability capability, OperationRef operation, Map<String, ValueTemplate> parameters,
                        Map<String, ValueTemplate> body, Map<String, JsonPointer> values, boolean asynchronous,
                        Optional<CommandStates> states, List<ErrorPattern> meterUnreachable,
                        Optional<SourceLocation> location) {
        this(capability, operation, parameters, body, pointers(values), asynchronous, states, meterUnreachable,
                location, Optional.empty());
    }

    private static Map<String, ValueSource> pointers(Map<String, JsonPointer> values) {
        Map<String, ValueSource> sources = new LinkedHashMap<>();
        values.forEach((name, pointer) -> sources.put(name, ValueSource.pointer(pointer)));
        return sources;
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An entry with only an operation: parameters, body and values are added with the {@code with…} methods. */
    public static BindingEntry of(Capability capability, OperationRef operation) {
        return new BindingEntry(capability, operation, Map.of(), Map.of(), Map.of(), false, Optional.empty(),
                List.of(), Optional.empty(), Optional.empty());
    }

    public BindingEntry withParameter(String name, ValueTemplate value) {
        Map<String, ValueTemplate> copy = new LinkedHashMap<>(parameters);
        copy.put(name, value);
        return new BindingEntry(capability, operation, copy, body, sources, asynchronous, states, meterUnreachable,
                location, otherBody, notFound);
    }

    /** Adds a field to an object body (its value may itself be an object or a list). */
    public BindingEntry withBodyField(String name, ValueTemplate value) {
        Map<String, ValueTemplate> copy = new LinkedHashMap<>(body);
        copy.put(name, value);
        return new BindingEntry(capability, operation, parameters, copy, sources, asynchronous, states,
                meterUnreachable, location, Optional.empty(), notFound);
    }

    /** The whole request body, of any shape: an object's fields become {@link #body()}. */
    public BindingEntry withRequestBody(ValueTemplate requestBody) {
        if (requestBody.fields().isPresent()) {
            return new BindingEntry(capability, operation, parameters, requestBody.fields().get(), sources, asynchronous,
                    states, meterUnreachable, location, Optional.empty(), notFound);
        }
        return new BindingEntry(capability, operation, parameters, Map.of(), sources, asynchronous, states,
                meterUnreachable, location, Optional.of(requestBody), notFound);
    }

    public BindingEntry withValue(String name, JsonPointer pointer) {
        return withValue(name, ValueSource.pointer(pointer));
    }

    public BindingEntry withValue(String name, ValueSource source) {
        Map<String, ValueSource> copy = new LinkedHashMap<>(sources);
        copy.put(name, source);
        return new BindingEntry(capability, operation, parameters, body, copy, asynchronous, states, meterUnreachable,
                location, otherBody, notFound);
    }

    public BindingEntry asAsynchronous() {
        return new BindingEntry(capability, operation, parameters, body, sources, true, states, meterUnreachable,
                location, otherBody, notFound);
    }

    public BindingEntry withStates(CommandStates commandStates) {
        return new BindingEntry(capability, operation, parameters, body, sources, asynchronous,
                Optional.of(commandStates), meterUnreachable, location, otherBody, notFound);
    }

    public BindingEntry withNotFound(List<ErrorPattern> patterns) {
        return new BindingEntry(capability, operation, parameters, body, sources, asynchronous, states, meterUnreachable,
                location, otherBody, patterns);
    }

    /**
     * The answers that mean "no such meter": the entry's own rules, or else a 404 (HTTP's "not found"). A rule
     * replaces the 404 rather than adding to it: an API whose 404 means "no such path" says so by not listing it.
     */
    public List<ErrorPattern> notFoundPatterns() {
        return notFound.isEmpty() ? List.of(ErrorPattern.status(404)) : notFound;
    }

    public BindingEntry withMeterUnreachable(List<ErrorPattern> patterns) {
        return new BindingEntry(capability, operation, parameters, body, sources, asynchronous, states, patterns,
                location, otherBody, notFound);
    }

    /** The JSON Pointers of the values read from the answer's body, by name (header and literal values are not here). */
    public Map<String, JsonPointer> values() {
        Map<String, JsonPointer> pointers = new LinkedHashMap<>();
        sources.forEach((name, source) -> source.pointer().ifPresent(p -> pointers.put(name, p)));
        return Collections.unmodifiableMap(pointers);
    }

    /** The pointer of a value read from the body; empty for a header or literal value, or an unbound one. */
    public Optional<JsonPointer> value(String name) {
        return source(name).flatMap(ValueSource::pointer);
    }

    public Optional<ValueSource> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** The request body of any shape: the object of {@link #body()}, or {@link #otherBody()}; empty: none. */
    public Optional<ValueTemplate> requestBody() {
        return body.isEmpty() ? otherBody : Optional.of(ValueTemplate.object(body));
    }

    /** The states for {@code command.status}, or the reference MDMS's when the entry gives none. */
    public CommandStates commandStates() {
        return states.orElse(CommandStates.DEFAULT);
    }

    /** Whether format 1 can write this entry: pointer values (without placeholders) only, a flat object body of scalars, no notFound. */
    public boolean fitsFormat1() {
        return otherBody.isEmpty() && notFound.isEmpty() && body.values().stream().noneMatch(ValueTemplate::isContainer)
                && sources.values().stream().allMatch(ValueSource::fitsFormat1);
    }
}
