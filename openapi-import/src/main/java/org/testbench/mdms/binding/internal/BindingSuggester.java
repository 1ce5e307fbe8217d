package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.binding.ErrorPattern;
import org.testbench.mdms.binding.OperationRef;
import org.testbench.mdms.binding.SuggestedBinding.Suggestion;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.binding.ValueTemplate;
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
    private static final Pattern OPEN = Pattern.compile("(?i)^(open|disconnect(ed)?|off|opened|break)$");
    private static final Pattern CLOSE = Pattern.compile("(?i)^(close|closed|connect(ed)?|reconnect(ed)?|on)$");
    private static final Pattern PENDING = Pattern.compile("(?i)^(pending|queued|running|in_?progress|submitted|accepted|waiting|scheduled|started|new)$");
    private static final Pattern EXECUTED = Pattern.compile("(?i)^(executed|succeeded|success(ful)?|done|completed?|ok|finished)$");
    private static final Pattern FAILED = Pattern.compile("(?i)^(failed|failure|error|rejected|timeout|timed_?out|cancell?ed|expired|aborted)$");
    private static final Pattern UNREACHABLE = Pattern.compile("(?i).*(unreachable|not_?reachable|not_?connected|no_?communication|communication_?fail|offline).*");

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
        List<Capability> unmatched = new ArrayList<>();
        for (CapabilityProfile profile : CapabilityProfile.ALL) {
            List<Scored> ranked = catalog.operations().stream().map(op -> score(profile, op))
                    .filter(s -> s.score() >= THRESHOLD)
                    .sorted(Comparator.comparingInt(Scored::score).reversed()).toList();
            if (ranked.isEmpty()) {
                unmatched.add(profile.capability());
                continue;
            }
            Scored best = ranked.get(0);
            List<String> reasons = new ArrayList<>(best.reasons());
            entries.add(entry(profile.capability(), best.operation(), reasons));
            suggestions.add(new Suggestion(profile.capability(), OperationRef.of(best.operation()), best.score(), reasons,
                    ranked.stream().skip(1).limit(3).map(s -> OperationRef.of(s.operation())).toList()));
        }
        Binding binding = new Binding(entries, defaultPatterns(), catalog.title(), catalog.version(), "");
        return new SuggestedBinding(binding, suggestions, unmatched);
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
            Set<String> properties = lower(answer.get().propertyNames());
            List<String> found = profile.answerProperties().stream()
                    .filter(p -> properties.contains(p.toLowerCase(Locale.ROOT))).toList();
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
                Pattern wanted = capability == Capability.LOAD_SWITCH_OPEN ? OPEN : CLOSE;
                Optional<SchemaSearch.EnumHit> hit = requestSchema(op)
                        .flatMap(s -> SchemaSearch.enumValue(s, v -> wanted.matcher(v).matches()));
                if (hit.isPresent()) {
                    score += 12;
                    reasons.add("body field " + hit.get().pointer() + " takes " + hit.get().value());
                } else if (Words.of(op.path() + " " + op.operationId().orElse("")).stream()
                        .anyMatch(w -> wanted.matcher(w).matches())) {
                    score += 8;
                    reasons.add("path or name says " + (capability == Capability.LOAD_SWITCH_OPEN ? "open" : "close"));
                }
            }
            case COMMAND_STATUS -> {
                if (answer.flatMap(s -> SchemaSearch.enumValue(s, v -> PENDING.matcher(v).matches())).isPresent()) {
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

    private static Set<String> lower(Set<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }

    // ---- building the entry -------------------------------------------------------------------

    private BindingEntry entry(Capability capability, ApiOperation op, List<String> reasons) {
        BindingEntry entry = BindingEntry.of(capability, OperationRef.of(op));
        for (ApiParameter p : op.parameters()) {
            if (p.required() || p.location() == ParameterLocation.PATH) {
                entry = entry.withParameter(p.name(), ValueTemplate.parse("${" + input(capability, p.name()) + "}"));
            }
        }
        entry = body(capability, op, entry, reasons);
        Optional<ApiSchema> answer = op.successResponse().flatMap(ApiResponse::schema);
        if (answer.isPresent()) {
            for (Map.Entry<String, List<String>> value : ValueNames.candidates(capability).entrySet()) {
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

    /** The bench input a parameter most likely takes: serial for meters, commandId for commands. */
    private static String input(Capability capability, String parameter) {
        String p = parameter.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (p.equals("serial") || p.equals("serialnumber") || p.startsWith("meter") || p.startsWith("device")
                || p.equals("mrid")) {
            return "serial";
        }
        if (p.equals("obis") || p.startsWith("register") || p.equals("obiscode")) {
            return "obis";
        }
        if (p.startsWith("command") || p.startsWith("job") || p.startsWith("task") || p.startsWith("operation")
                || p.startsWith("request")) {
            return "commandId";
        }
        if (p.equals("id")) {
            return capability == Capability.COMMAND_STATUS ? "commandId" : "serial";
        }
        return parameter;
    }

    private BindingEntry body(Capability capability, ApiOperation op, BindingEntry entry, List<String> reasons) {
        Optional<ApiSchema> schema = requestSchema(op);
        if (schema.isEmpty()) {
            return entry;
        }
        Set<String> required = schema.get().requiredProperties();
        for (String name : schema.get().propertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            Optional<ValueTemplate> value = Optional.empty();
            if (capability == Capability.LOAD_SWITCH_OPEN || capability == Capability.LOAD_SWITCH_CLOSE) {
                Pattern wanted = capability == Capability.LOAD_SWITCH_OPEN ? OPEN : CLOSE;
                value = schema.get().property(name).flatMap(p -> p.enumValues().stream()
                        .filter(v -> wanted.matcher(v).matches()).findFirst()).map(ValueTemplate::parse);
            } else if (capability == Capability.KEYS_GET && lower.contains("cert")) {
                value = Optional.of(ValueTemplate.parse("${benchCertificate}"));
            } else if (capability == Capability.DISPLAY_SET && (lower.contains("message") || lower.equals("text"))) {
                value = Optional.of(ValueTemplate.parse("${message}"));
            } else if (capability == Capability.DISPLAY_SET && (lower.contains("visible") || lower.equals("show")
                    || lower.equals("enabled"))) {
                value = Optional.of(ValueTemplate.parse("${visible}"));
            }
            if (value.isEmpty() && required.contains(name)) {
                value = Optional.of(ValueTemplate.parse("${" + name + "}"));
                reasons.add("body field '" + name + "' is required and was guessed: check it");
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
        Set<String> pending = select(values, PENDING);
        Set<String> executed = select(values, EXECUTED);
        Set<String> failed = select(values, FAILED);
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

    private static Set<String> select(List<String> values, Pattern pattern) {
        Set<String> selected = new LinkedHashSet<>();
        values.stream().filter(v -> pattern.matcher(v).matches()).forEach(selected::add);
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
