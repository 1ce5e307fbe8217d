package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.binding.ErrorPattern;
import org.testbench.mdms.binding.OperationRef;
import org.testbench.mdms.binding.SuggestedBinding.Suggestion;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.binding.ValueTemplate;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.internal.suggest.IdTemplate;
import org.testbench.mdms.binding.internal.suggest.InputNames;
import org.testbench.mdms.binding.internal.suggest.StateWords;
import org.testbench.mdms.binding.internal.suggest.UnitHint;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiParameter;
import org.testbench.mdms.catalog.ApiResponse;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.ParameterLocation;
import org.testbench.mdms.catalog.ResponseStatus;

/**
 * Suggests a binding from a catalog: scores every operation against each capability's profile
 * (method, words of path and name, properties of the answer), then fills in parameters, body fields,
 * value pointers, command states and the "meter unreachable" patterns it can find in the schemas.
 */
public final class BindingSuggester {

    /** Below this an operation is a guess the engineer should make, not the suggester. */
    private static final int THRESHOLD = 12;
    /** Candidates tried, best first, before a capability is reported as not bound. */
    private static final int CANDIDATES_TRIED = 3;
    private static final Pattern UNREACHABLE = Pattern.compile("(?i).*(unreachable|not_?reachable|not_?connected|no_?communication|communication_?fail|offline).*");

    private static final Pattern RELAY_FLAG = Pattern.compile("(relay|switch|breaker|load|contactor|supply|power)?(state|on|closed|connected|enabled|open|opened|off|disconnect(ed)?)");
    private static final Pattern OPENING_FLAG = Pattern.compile(".*(open|opened|off|disconnect(ed)?)");
    private static final Pattern MENTIONS_UNREACHABLE = Pattern.compile("unreachable|could not reach|cannot reach|could not be reached|cannot be reached|not connected");
    private static final Pattern DENIES = Pattern.compile("\\b(never|not used|except)\\b");

    private final ApiCatalog catalog;

    public BindingSuggester(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    private record Scored(ApiOperation operation, int score, List<String> reasons) {
    }

    public SuggestedBinding suggest() {
        List<BindingEntry> entries = new ArrayList<>();
        List<Suggestion> suggestions = new ArrayList<>();
        Map<Capability, String> unbound = new LinkedHashMap<>();
        for (CapabilityProfile profile : CapabilityProfile.ALL) {
            List<Scored> ranked = catalog.operations().stream().map(op -> score(profile, op))
                    .filter(s -> s.score() >= THRESHOLD)
                    .sorted(Comparator.comparingInt(Scored::score).reversed()).toList();
            if (ranked.isEmpty()) {
                unbound.put(profile.capability(), nothingLike(profile));
                continue;
            }
            String firstRefusal = null;
            boolean bound = false;
            for (Scored candidate : ranked.stream().limit(CANDIDATES_TRIED).toList()) {
                List<String> reasons = new ArrayList<>(candidate.reasons());
                Optional<String> refusal;
                BindingEntry entry = null;
                try {
                    entry = entry(profile.capability(), candidate.operation(), reasons);
                    refusal = firstError(entry);
                } catch (CannotBind e) {
                    refusal = Optional.of(e.getMessage());
                }
                if (refusal.isPresent()) {
                    firstRefusal = firstRefusal == null
                            ? OperationRef.of(candidate.operation()) + ": " + refusal.get() : firstRefusal;
                    continue;
                }
                entries.add(entry);
                suggestions.add(new Suggestion(profile.capability(), OperationRef.of(candidate.operation()),
                        candidate.score(), reasons, ranked.stream().filter(s -> s != candidate).limit(3)
                        .map(s -> OperationRef.of(s.operation())).toList()));
                bound = true;
                break;
            }
            if (!bound) {
                unbound.put(profile.capability(), "the likeliest operation cannot carry it: " + firstRefusal);
            }
        }
        if (entries.stream().noneMatch(e -> e.capability() == Capability.COMMAND_STATUS)) {
            // Without command.status a command cannot be followed: its answer is then the outcome.
            entries.replaceAll(e -> e.asynchronous() ? new BindingEntry(e.capability(), e.operation(), e.parameters(),
                    e.body(), e.values(), false, e.states(), e.meterUnreachable(), e.location()) : e);
        }
        Binding binding = new Binding(entries, defaultPatterns(), catalog.title(), catalog.version(), "");
        return new SuggestedBinding(binding, suggestions, unbound);
    }

    /** Why no operation scored: what the profile looked for. */
    private static String nothingLike(CapabilityProfile profile) {
        return "no " + profile.methods().stream().map(Object::toString).sorted().collect(Collectors.joining("/"))
                + " operation whose path, name or answer speaks of " + String.join(", ", profile.words().stream()
                .limit(5).toList());
    }

    /** The first error the validator finds in the entry alone (the command it may start is checked later). */
    private Optional<String> firstError(BindingEntry entry) {
        Binding alone = new Binding(List.of(entry), List.of(), catalog.title(), catalog.version(), "");
        return alone.validate(catalog).errors().stream()
                .filter(p -> p.kind() != BindingProblem.Kind.ASYNC_WITHOUT_COMMAND_STATUS)
                .map(BindingProblem::message).findFirst();
    }

    /** A capability that the chosen operation cannot carry, with the reason. */
    private static final class CannotBind extends RuntimeException {
        CannotBind(String reason) {
            super(reason, null, false, false);
        }
    }

    // ---- scoring ------------------------------------------------------------------------------

    private Scored score(CapabilityProfile profile, ApiOperation op) {
        List<String> reasons = new ArrayList<>();
        if (!profile.methods().contains(op.method())) {
            return new Scored(op, 0, reasons);
        }
        Set<String> words = new LinkedHashSet<>();
        for (String segment : op.path().split("/")) {
            if (!segment.startsWith("{")) {
                words.addAll(Words.of(segment));
            }
        }
        op.operationId().ifPresent(id -> words.addAll(Words.of(id)));
        words.addAll(Words.of(op.summary()));
        int score = 0;
        List<String> hits = profile.words().stream().filter(words::contains).toList();
        if (!hits.isEmpty()) {
            score += 10 * hits.size();
            reasons.add("words " + String.join(", ", hits));
        }
        List<String> avoided = profile.avoid().stream().filter(words::contains).toList();
        score -= 15 * avoided.size();
        String[] segments = op.path().split("/");
        boolean endsWithParameter = segments.length > 0 && segments[segments.length - 1].startsWith("{");
        if (profile.endsWithParameter() && endsWithParameter) {
            score += 5;
            reasons.add("path ends with a parameter");
        } else if (profile.endsWithParameter()) {
            score -= 10;
        }
        Optional<ApiSchema> answer = op.successResponse().flatMap(ApiResponse::schema);
        if (answer.isPresent()) {
            // Deep, and through arrays: a reading's value is often in a list (/readings/0/value).
            List<String> found = profile.answerProperties().stream()
                    .filter(p -> SchemaSearch.find(answer.get(), List.of(p)).isPresent()).toList();
            if (!found.isEmpty()) {
                score += 4 * found.size();
                reasons.add("answer has " + String.join(", ", found));
            }
        }
        score += specific(profile.capability(), op, answer, reasons);
        if (score > 0) {
            reasons.add(0, op.method() + " " + op.path());
        }
        return new Scored(op, score, reasons);
    }

    private int specific(Capability capability, ApiOperation op, Optional<ApiSchema> answer, List<String> reasons) {
        int score = 0;
        if (capability.expectsCommand() && op.responses().containsKey(ResponseStatus.of(202))) {
            score += 6;
            reasons.add("answers 202 Accepted");
        }
        switch (capability) {
            case LOAD_SWITCH_OPEN, LOAD_SWITCH_CLOSE -> {
                String wanted = capability == Capability.LOAD_SWITCH_OPEN ? StateWords.OPEN : StateWords.CLOSED;
                Optional<SchemaSearch.EnumHit> hit = requestSchema(op).flatMap(s -> SchemaSearch.enumValue(s,
                        v -> StateWords.relay(v).filter(wanted::equals).isPresent()));
                Optional<ApiParameter> flag = op.parameters().stream().filter(p -> p.location() == ParameterLocation.QUERY)
                        .filter(p -> switchValue(capability, p.name(), p.schema(), new ArrayList<>()).isPresent()).findFirst();
                if (hit.isPresent()) {
                    score += 12;
                    reasons.add("body field " + hit.get().pointer() + " takes " + hit.get().value());
                } else if (flag.isPresent()) {
                    score += 12;
                    reasons.add(flag.get() + " sets the switch");
                } else if (Words.of(op.path() + " " + op.operationId().orElse("")).stream()
                        .anyMatch(w -> StateWords.relay(w).filter(wanted::equals).isPresent())) {
                    score += 8;
                    reasons.add("path or name says " + (capability == Capability.LOAD_SWITCH_OPEN ? "open" : "close"));
                }
            }
            case COMMAND_STATUS -> {
                if (answer.flatMap(s -> SchemaSearch.enumValue(s, StateWords::isPending)).isPresent()) {
                    score += 8;
                    reasons.add("answer has a pending-like status");
                }
            }
            case KEYS_GET -> {
                if (requestSchema(op).map(s -> s.propertyNames().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT)
                        .contains("cert"))).orElse(false)) {
                    score += 8;
                    reasons.add("body takes a certificate");
                }
            }
            default -> {
            }
        }
        return score;
    }

    private static Optional<ApiSchema> requestSchema(ApiOperation op) {
        return op.requestBody().flatMap(b -> b.json()).flatMap(ApiMediaType::schema);
    }

    // ---- building the entry -------------------------------------------------------------------

    private BindingEntry entry(Capability capability, ApiOperation op, List<String> reasons) {
        BindingEntry entry = BindingEntry.of(capability, OperationRef.of(op));
        for (ApiParameter p : op.parameters()) {
            Optional<ValueTemplate> value = parameterValue(capability, p, reasons);
            if (value.isPresent()) {
                entry = entry.withParameter(p.name(), value.get());
            } else if (p.required() || p.location() == ParameterLocation.PATH) {
                throw new CannotBind(p + " takes nothing the bench supplies for " + capability + " ("
                        + String.join(", ", inputs(capability)) + ") and the spec gives no value for it");
            }
        }
        entry = body(capability, op, entry, reasons);
        Optional<ApiSchema> answer = op.successResponse().flatMap(ApiResponse::schema);
        if (answer.isPresent()) {
            for (Map.Entry<String, List<String>> value : candidates(capability, entry).entrySet()) {
                Optional<JsonPointer> pointer = value.getKey().equals("events") && answer.get().type().filter("array"::equals).isPresent()
                        ? Optional.of(JsonPointer.empty())
                        : SchemaSearch.find(answer.get(), value.getValue());
                if (pointer.isPresent()) {
                    entry = entry.withValue(value.getKey(), pointer.get());
                }
            }
            if (capability.expectsCommand() && entry.value("commandId").isPresent()) {
                entry = entry.asAsynchronous();
            }
            if (capability == Capability.COMMAND_STATUS) {
                entry = commandStatus(entry, answer.get(), reasons);
            }
        }
        return entry;
    }

    /**
     * The value names to look for; a meter's own record echoes the id it was asked with, so the name of
     * the parameter that takes the serial is looked for first ({@code /device/name} for {@code {name}}).
     */
    private static Map<String, List<String>> candidates(Capability capability, BindingEntry entry) {
        Map<String, List<String>> candidates = ValueNames.candidates(capability);
        if (capability == Capability.METER_GET) {
            entry.parameters().entrySet().stream()
                    .filter(p -> p.getValue().placeholders().contains("serial")).findFirst()
                    .ifPresent(p -> {
                        List<String> names = new ArrayList<>();
                        names.add(p.getKey());
                        names.addAll(candidates.get("serial"));
                        candidates.put("serial", names);
                    });
        }
        return candidates;
    }

    /** The inputs the bench supplies for a capability; command.status also has the original call's. */
    private static List<String> inputs(Capability capability) {
        List<String> inputs = new ArrayList<>(capability.inputs());
        if (capability == Capability.COMMAND_STATUS) {
            inputs.add("serial");
        }
        return inputs;
    }

    /**
     * What a parameter is set to: the bench's input (with the prefix the spec's examples show), the value
     * that asks for the load switch's state, or the spec's own default; empty for an optional parameter the
     * bench has nothing for, and for a required one that the caller reports as not bindable.
     */
    private Optional<ValueTemplate> parameterValue(Capability capability, ApiParameter p, List<String> reasons) {
        Optional<ValueTemplate> state = switchValue(capability, p.name(), p.schema(), reasons);
        if (state.isPresent()) {
            return state;
        }
        Optional<String> input = InputNames.inputFor(capability, p.name());
        if (input.isPresent()) {
            return Optional.of(ValueTemplate.parse(withPrefix(input.get(), IdTemplate.examples(p.schema()), p.name(), reasons)));
        }
        if (!p.required() && p.location() != ParameterLocation.PATH) {
            return Optional.empty();
        }
        Optional<ValueTemplate> literal = p.schema().flatMap(BindingSuggester::specDefault);
        literal.ifPresent(v -> reasons.add(p + " set to the spec's " + v + ": check it"));
        return literal;
    }

    /** {@code ${serial}}, or {@code MTR-${serial}} when the spec's examples all carry that prefix. */
    private static String withPrefix(String input, List<String> examples, String name, List<String> reasons) {
        String placeholder = "${" + input + "}";
        if (!input.equals("serial")) {
            return placeholder;
        }
        Optional<String> prefix = IdTemplate.prefix(examples);
        prefix.ifPresent(p -> reasons.add("'" + name + "' is written " + p + "<serial> in the spec's examples"));
        return prefix.map(p -> p.replace("$", "$$") + placeholder).orElse(placeholder);
    }

    /** The spec's {@code default}, or its only enum value, as a literal. */
    private static Optional<ValueTemplate> specDefault(ApiSchema schema) {
        JsonNode json = schema.json();
        if (json.has("default") && json.get("default").isValueNode() && !json.get("default").isNull()) {
            return Optional.of(ValueTemplate.literal(json.get("default")));
        }
        List<String> values = schema.enumValues();
        return values.size() == 1 ? Optional.of(ValueTemplate.parse(values.get(0))) : Optional.empty();
    }

    /**
     * For the load switch's commands: the value of a parameter or field that sets the relay's state, an enum
     * word ({@code OFF}, {@code DISCONNECTED}) or a boolean named for the closed state ({@code switchState},
     * {@code on}) or for the open one ({@code disconnect}).
     */
    private static Optional<ValueTemplate> switchValue(Capability capability, String name, Optional<ApiSchema> schema,
                                                       List<String> reasons) {
        if ((capability != Capability.LOAD_SWITCH_OPEN && capability != Capability.LOAD_SWITCH_CLOSE) || schema.isEmpty()) {
            return Optional.empty();
        }
        String wanted = capability == Capability.LOAD_SWITCH_OPEN ? StateWords.OPEN : StateWords.CLOSED;
        Optional<String> word = StateWords.valueFor(schema.get().enumValues(), wanted);
        if (word.isPresent()) {
            return word.map(ValueTemplate::parse);
        }
        String n = InputNames.normal(name);
        if (schema.get().type().filter("boolean"::equals).isPresent() && RELAY_FLAG.matcher(n).matches()) {
            boolean conducting = !OPENING_FLAG.matcher(n).matches();
            boolean value = wanted.equals(StateWords.CLOSED) == conducting;
            reasons.add("'" + name + "' = " + value + " " + (wanted.equals(StateWords.CLOSED) ? "closes" : "opens")
                    + " the switch");
            return Optional.of(ValueTemplate.literal(JsonNodeFactory.instance.booleanNode(value)));
        }
        return Optional.empty();
    }

    private BindingEntry body(Capability capability, ApiOperation op, BindingEntry entry, List<String> reasons) {
        Optional<ApiSchema> schema = requestSchema(op);
        if (schema.isEmpty()) {
            return entry;
        }
        Set<String> required = schema.get().requiredProperties();
        for (String name : schema.get().propertyNames()) {
            Optional<ApiSchema> field = schema.get().property(name);
            Optional<ValueTemplate> value = switchValue(capability, name, field, reasons);
            Optional<String> input = InputNames.inputFor(capability, name);
            boolean ownInput = input.filter(i -> !i.equals("serial")).isPresent();
            if (value.isEmpty() && input.isPresent() && (ownInput || required.contains(name))) {
                value = Optional.of(ValueTemplate.parse(withPrefix(input.get(), IdTemplate.examples(field), name, reasons)));
            }
            if (value.isEmpty() && required.contains(name)) {
                value = field.flatMap(BindingSuggester::specDefault);
                value.ifPresent(v -> reasons.add("body field '" + name + "' set to the spec's " + v + ": check it"));
            }
            if (value.isEmpty() && required.contains(name)) {
                throw new CannotBind("required body field '" + name + "' takes nothing the bench supplies for "
                        + capability + " (" + String.join(", ", inputs(capability)) + ")");
            }
            if (value.isPresent()) {
                entry = entry.withBodyField(name, value.get());
            }
        }
        return entry;
    }

    private BindingEntry commandStatus(BindingEntry entry, ApiSchema answer, List<String> reasons) {
        Optional<JsonPointer> status = entry.value("status");
        List<String> values = status.flatMap(p -> BindingValidator.at(answer, p)).map(ApiSchema::enumValues).orElse(List.of());
        Set<String> pending = select(values, StateWords::isPending);
        Set<String> executed = select(values, StateWords::isExecuted);
        Set<String> failed = select(values, StateWords::isFailed);
        if (!executed.isEmpty() && !failed.isEmpty()) {
            entry = entry.withStates(new CommandStates(pending, executed, failed));
        }
        Optional<SchemaSearch.EnumHit> reason = SchemaSearch.enumValue(answer, v -> UNREACHABLE.matcher(v).matches());
        if (reason.isPresent()) {
            entry = entry.withMeterUnreachable(List.of(ErrorPattern.of(List.of(), reason.get().pointer(),
                    reason.get().value(), null)));
            reasons.add("failure reason " + reason.get().pointer() + " can say " + reason.get().value());
        }
        return entry;
    }

    private static Set<String> select(List<String> values, Predicate<String> meaning) {
        Set<String> selected = new LinkedHashSet<>();
        values.stream().filter(meaning).forEach(selected::add);
        return selected;
    }

    /**
     * "Meter unreachable" as the error schemas spell it: an enum value like METER_UNREACHABLE, with the
     * statuses of the error responses whose examples use it (or, without examples, whose description
     * says so without denying it: "never used for a meter that cannot be reached" is the opposite).
     */
    private List<ErrorPattern> defaultPatterns() {
        Predicate<String> unreachable = v -> UNREACHABLE.matcher(v).matches();
        Optional<SchemaSearch.EnumHit> hit = Optional.empty();
        Set<ResponseStatus> byExample = new LinkedHashSet<>();
        Set<ResponseStatus> byDescription = new LinkedHashSet<>();
        for (ApiOperation op : catalog.operations()) {
            for (ApiResponse response : op.responses().values()) {
                if (response.status().isSuccess() || response.schema().isEmpty()) {
                    continue;
                }
                Optional<SchemaSearch.EnumHit> found = SchemaSearch.enumValue(response.schema().get(), unreachable);
                if (found.isEmpty()) {
                    continue;
                }
                hit = hit.or(() -> found);
                if (response.status().isDefault() || response.status().isRange()) {
                    continue;
                }
                String value = found.get().value();
                if (response.content().values().stream().flatMap(m -> m.examples().stream())
                        .anyMatch(e -> value.equals(e.at(found.get().pointer()).asText()))) {
                    byExample.add(response.status());
                }
                String description = response.description().toLowerCase(Locale.ROOT);
                if (MENTIONS_UNREACHABLE.matcher(description).find() && !DENIES.matcher(description).find()) {
                    byDescription.add(response.status());
                }
            }
        }
        List<ResponseStatus> statuses = List.copyOf(byExample.isEmpty() ? byDescription : byExample);
        return hit.map(h -> List.of(ErrorPattern.of(statuses, h.pointer(), h.value(), null))).orElse(List.of());
    }
}
