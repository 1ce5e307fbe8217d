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
import org.testbench.mdms.binding.InputRule;
import org.testbench.mdms.binding.ValueSource;
import org.testbench.mdms.binding.OperationRef;
import org.testbench.mdms.binding.SuggestedBinding.Suggestion;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.binding.ValueTemplate;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.internal.suggest.IdTemplate;
import org.testbench.mdms.binding.internal.suggest.InputNames;
import org.testbench.mdms.binding.internal.suggest.OwnIds;
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
    /** A flag that reports the switch's state: named for the switch and for a state, never a bare "enabled". */
    private static final Pattern SWITCH_FLAG = Pattern.compile("(relay|switch|breaker|contactor|loadswitch)(state|on|closed|connected|open|opened|off|disconnected)");
    private static final Pattern OPENING_FLAG = Pattern.compile(".*(open|opened|off|disconnect(ed)?)");
    private static final Pattern MENTIONS_UNREACHABLE = Pattern.compile("unreachable|could not reach|cannot reach|could not be reached|cannot be reached|not connected");
    private static final Pattern DENIES = Pattern.compile("\\b(never|not used|except)\\b");
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    /** Names too general to be the serial when a more specific search parameter exists. */
    private static final Set<String> GENERIC_NAMES = Set.of("id", "name", "number", "no", "nr");
    /** How deep the suggester fills a request body: an envelope, an object, its fields. */
    private static final int BODY_DEPTH = 4;

    private final ApiCatalog catalog;
    /** The meter's record once meter.get is bound: where chained inputs are looked up. */
    private BindingEntry meterGet;
    private ApiSchema meterRecord;
    /** The API's own id of the meter in its record, when meter.get finds the meter by a search on its serial. */
    private JsonPointer ownId;
    /** How meter.get chooses the meter from a list it answers: values chained later are read from it too. */
    private Optional<InputSelection.ListChoice> meterChoice = Optional.empty();
    /** Paths the load switch's commands were bound to: the resource whose state loadSwitch.status reads. */
    private final Set<String> switchedPaths = new HashSet<>();

    public BindingSuggester(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    private record Scored(ApiOperation operation, int score, List<String> reasons) {
    }

    public SuggestedBinding suggest() {
        List<BindingEntry> entries = new ArrayList<>();
        List<Suggestion> suggestions = new ArrayList<>();
        Map<Capability, String> unbound = new LinkedHashMap<>();
        Map<String, InputRule> inputs = new LinkedHashMap<>();
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
                Map<String, JsonPointer> chains = new LinkedHashMap<>();
                Map<String, InputRule> rules = new LinkedHashMap<>();
                BindingEntry plain = null;
                Optional<InputSelection.ListChoice> choice = Optional.empty();
                try {
                    plain = entry(profile.capability(), candidate.operation(), reasons, chains, rules);
                    choice = profile.capability() == Capability.METER_GET
                            ? meterInList(plain, candidate.operation(), reasons) : Optional.empty();
                    entry = choice.isPresent() ? chosen(plain, choice.get()) : plain;
                    refusal = firstError(entry, rules.values());
                } catch (CannotBind e) {
                    refusal = Optional.of(e.getMessage());
                }
                if (refusal.isPresent()) {
                    firstRefusal = firstRefusal == null
                            ? OperationRef.of(candidate.operation()) + ": " + refusal.get() : firstRefusal;
                    continue;
                }
                entries.add(entry);
                rules.forEach(inputs::putIfAbsent);
                if (profile.capability() == Capability.METER_GET) {
                    meterChoice = choice;
                    meterFound(plain, candidate.operation(), reasons);
                    meterGet = entry;
                }
                if (profile.capability() == Capability.LOAD_SWITCH_OPEN || profile.capability() == Capability.LOAD_SWITCH_CLOSE) {
                    switchedPaths.add(candidate.operation().path());
                }
                chain(chains, entries, inputs);
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
                    e.body(), e.sources(), false, e.states(), e.meterUnreachable(), e.location(), e.otherBody()) : e);
        }
        Binding binding = new Binding(entries, defaultPatterns(), catalog.title(), catalog.version(), "")
                .withInputs(inputs.values());
        return new SuggestedBinding(binding, suggestions, unbound);
    }

    /**
     * Keeps the meter's record for chained inputs; when the meter is found by a search on its serial
     * ({@code GET /devices?serialNumber=}), the record's own id is what the API's other paths take.
     */
    private void meterFound(BindingEntry entry, ApiOperation op, List<String> reasons) {
        meterGet = entry;
        meterRecord = op.successResponse().flatMap(ApiResponse::schema).orElse(null);
        boolean search = op.parameters().stream().anyMatch(p -> p.location() == ParameterLocation.QUERY
                && entry.parameters().containsKey(p.name())
                && entry.parameters().get(p.name()).placeholders().contains("serial"));
        if (search && meterRecord != null) {
            ownId = SchemaSearch.find(meterRecord, OwnIds.RECORD_ID).filter(id -> !entry.value("serial")
                    .filter(id::equals).isPresent()).filter(id -> scalar(meterRecord, id)).orElse(null);
            if (ownId != null) {
                reasons.add("the meter's own id in this API is at " + inMeterRecord(ownId));
            }
        }
    }

    /** Where meter.get reads a value: {@code /id} in the element it chooses from a list, or a pointer. */
    private String inMeterRecord(JsonPointer pointer) {
        return meterChoice.flatMap(c -> c.rewrite(pointer)).map(s -> s.item().map(Object::toString).orElse("")
                + " in the element of " + shownList(s.pointer().orElseThrow()) + " for the meter").orElse(pointer.toString());
    }

    /** Adds the chained inputs an accepted entry uses, and the values meter.get must read for them. */
    private void chain(Map<String, JsonPointer> chains, List<BindingEntry> entries, Map<String, InputRule> inputs) {
        chains.forEach((input, pointer) -> {
            inputs.putIfAbsent(input, InputRule.chained(input, Capability.METER_GET, input));
            meterGet = meterGet.withValue(input, meterChoice.flatMap(c -> c.rewrite(pointer))
                    .orElse(ValueSource.pointer(pointer)));
        });
        if (!chains.isEmpty()) {
            entries.replaceAll(e -> e.capability() == Capability.METER_GET ? meterGet : e);
        }
    }

    private static boolean scalar(ApiSchema root, JsonPointer pointer) {
        return BindingValidator.at(root, pointer).flatMap(ApiSchema::type)
                .filter(t -> t.equals("string") || t.equals("integer") || t.equals("number")).isPresent();
    }

    /** Why no operation scored: what the profile looked for. */
    private static String nothingLike(CapabilityProfile profile) {
        return "no " + profile.methods().stream().map(Object::toString).sorted().collect(Collectors.joining("/"))
                + " operation whose path, name or answer speaks of " + String.join(", ", profile.words().stream()
                .limit(5).toList());
    }

    /** The first error the validator finds in the entry alone (the command it may start is checked later). */
    private Optional<String> firstError(BindingEntry entry, java.util.Collection<InputRule> rules) {
        Binding alone = new Binding(List.of(entry), List.of(), catalog.title(), catalog.version(), "").withInputs(rules);
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
            case METER_GET -> {
                // A search on the serial (GET /devices?uniqueId=…) whose answer is a list: the meter is its first element.
                Optional<String> search = serialSearch(capability, op)
                        .filter(name -> !GENERIC_NAMES.contains(InputNames.normal(name)));
                boolean list = answer.map(a -> a.items().isPresent() || a.propertyNames().stream()
                        .anyMatch(n -> a.property(n).flatMap(ApiSchema::items).isPresent())).orElse(false);
                // Or a lookup by serial (smart-me's GET /api/DeviceBySerial?serial=): the parameter is required.
                boolean lookup = search.flatMap(op::parameter).map(ApiParameter::required).orElse(false);
                if (search.isPresent() && (list || lookup)) {
                    score += 30;
                    reasons.add("finds the meter by its serial in query parameter '" + search.get() + "'");
                }
            }
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
            case LOAD_SWITCH_STATUS -> {
                Optional<JsonPointer> flag = answer.flatMap(BindingSuggester::switchFlag);
                if (flag.isPresent()) {
                    score += 14;
                    reasons.add("answer has the switch flag " + flag.get());
                }
                if (switchedPaths.contains(op.path())) {
                    score += 4; // PUT /devices/{id}?switchState= changes it, GET /devices/{id} reads it
                    reasons.add("the resource the switch commands change");
                }
            }
            case REGISTERS_READ -> {
                if (answer.isPresent() && namesRegisters(answer.get(), documents(op))) {
                    score += 8;
                    reasons.add("answer names registers by their code");
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

    /** An answer keyed by register, or a list of readings each with its register's code. */
    private static boolean namesRegisters(ApiSchema answer, List<JsonNode> documents) {
        return InputSelection.keyedByRegister(answer, documents, Map.of()).isPresent()
                || SchemaSearch.find(answer, ValueNames.candidates(Capability.REGISTERS_READ).get("value"))
                .flatMap(v -> InputSelection.listOf(answer, v))
                .flatMap(l -> InputSelection.registerKey(answer, l, documents)).isPresent();
    }

    private static Optional<ApiSchema> requestSchema(ApiOperation op) {
        return op.requestBody().flatMap(b -> b.json()).flatMap(ApiMediaType::schema);
    }

    // ---- building the entry -------------------------------------------------------------------

    private BindingEntry entry(Capability capability, ApiOperation op, List<String> reasons,
                               Map<String, JsonPointer> chains, Map<String, InputRule> rules) {
        BindingEntry entry = BindingEntry.of(capability, OperationRef.of(op));
        Optional<String> search = serialSearch(capability, op);
        for (ApiParameter p : op.parameters()) {
            boolean optional = !p.required() && p.location() != ParameterLocation.PATH;
            if (optional && search.isPresent() && !search.get().equals(p.name())
                    && InputNames.inputFor(capability, p.name()).filter("serial"::equals).isPresent()) {
                continue; // the serial goes into one search parameter only: the most specific one
            }
            Optional<ValueTemplate> value = parameterValue(capability, p, reasons, chains);
            if (value.isPresent()) {
                entry = entry.withParameter(p.name(), value.get());
            } else if (!optional) {
                throw new CannotBind(p + " takes nothing the bench supplies for " + capability + " ("
                        + String.join(", ", inputs(capability)) + ")" + (OwnIds.isIdName(p.name())
                        ? ", nor meter.get's answer" + (meterGet == null ? " (meter.get is not bound)" : "") : "")
                        + ", and the spec gives no value for it");
            }
        }
        entry = body(capability, op, entry, reasons, chains);
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
            if (capability == Capability.LOAD_SWITCH_STATUS) {
                entry = relayState(entry, answer.get(), reasons);
            }
            if (capability == Capability.REGISTERS_READ) {
                Selected selected = registerByInput(entry, answer.get(), documents(op), reasons, rules);
                entry = implicitUnit(selected.entry(), op, answer.get(), selected.sample(), reasons);
            }
        }
        return entry;
    }

    /** A reading's entry, and where one register's value is in the answer's schema (to read its description). */
    private record Selected(BindingEntry entry, Optional<JsonPointer> sample) {
    }

    /**
     * The register the call asks for, when the answer holds several: the element of a list whose code is
     * {@code ${obis}} ({@code where: {/obis: "${obis}"}}), or the key of a map keyed by register
     * ({@code /registers/${obis}/value}), with the OBIS form the spec's examples show. A list whose elements
     * name no register keeps its first element, and says so.
     */
    private static Selected registerByInput(BindingEntry entry, ApiSchema answer, List<JsonNode> documents,
                                            List<String> reasons, Map<String, InputRule> rules) {
        Optional<JsonPointer> value = entry.value("value");
        Optional<JsonPointer> list = value.flatMap(v -> InputSelection.listOf(answer, v));
        if (value.isPresent() && list.isEmpty()) {
            return new Selected(entry, value); // one register per answer
        }
        if (list.isPresent()) {
            Optional<InputSelection.RegisterKey> key = InputSelection.registerKey(answer, list.get(), documents);
            if (key.isPresent()) {
                InputSelection.ListChoice choice = new InputSelection.ListChoice(list.get(),
                        Map.of(key.get().key(), ValueTemplate.parse("${obis}")));
                reasons.add("the register asked for is the element of " + shownList(list.get()) + " whose "
                        + key.get().key() + " is its code");
                obisForm(key.get().form(), rules, reasons);
                return new Selected(chosen(entry, choice), value);
            }
        }
        Map<String, List<String>> others = new LinkedHashMap<>(ValueNames.candidates(Capability.REGISTERS_READ));
        others.remove("value");
        Optional<InputSelection.Keyed> keyed = InputSelection.keyedByRegister(answer, documents, others);
        if (keyed.isPresent()) {
            reasons.add("the answer is keyed by register: the value asked for is at " + keyed.get().template());
            obisForm(keyed.get().form(), rules, reasons);
            entry = entry.withValue("value", ValueSource.pointer(keyed.get().template()));
            for (Map.Entry<String, JsonPointer> other : keyed.get().others().entrySet()) {
                entry = entry.withValue(other.getKey(), ValueSource.pointer(other.getValue()));
            }
            return new Selected(entry, Optional.of(keyed.get().sample()));
        }
        list.ifPresent(l -> reasons.add("the answer is a list at " + shownList(l) + " whose elements have no property"
                + " that names the register (obis, code, register, channel…) with a code in the spec's examples: its"
                + " first element is read, check it"));
        return new Selected(entry, value);
    }

    /** How the API writes OBIS codes, for ${obis} (format 2 {@code inputs:}): as the spec's examples show. */
    private static void obisForm(Optional<InputRule.ObisForm> shown, Map<String, InputRule> rules, List<String> reasons) {
        InputRule.ObisForm form = shown.orElse(InputRule.ObisForm.FULL);
        if (shown.isEmpty()) {
            reasons.add("no example shows how the API writes OBIS codes: " + form.written() + " assumed (an answer's"
                    + " code is compared by its value groups), check it");
        } else {
            reasons.add("OBIS codes written " + form.written() + ", as the spec writes them");
        }
        rules.put("obis", new InputRule("obis", "", "", 0, "0", Optional.empty(), Optional.of(form), Optional.empty(),
                java.time.ZoneOffset.UTC, Optional.empty(), "obis"));
    }

    /**
     * A meter found in a list its search answers ({@code GET /devices?uniqueId=}): the element whose serial is
     * the one asked for, written as the search parameter writes it, never simply the first element.
     */
    private Optional<InputSelection.ListChoice> meterInList(BindingEntry entry, ApiOperation op, List<String> reasons) {
        Optional<ApiSchema> answer = op.successResponse().flatMap(ApiResponse::schema);
        Optional<JsonPointer> serial = entry.value("serial");
        if (answer.isEmpty() || serial.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonPointer> list = InputSelection.listOf(answer.get(), serial.get());
        Optional<JsonPointer> key = list.flatMap(l -> InputSelection.serialKey(answer.get(), l, serial.get()));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        ValueTemplate written = entry.parameters().values().stream().filter(t -> t.placeholders().contains("serial"))
                .findFirst().orElse(ValueTemplate.parse("${serial}"));
        reasons.add("the meter is the element of " + shownList(list.get()) + " whose " + key.get() + " is " + written);
        return Optional.of(new InputSelection.ListChoice(list.get(), Map.of(key.get(), written)));
    }

    /** The entry with every value found in the list's first element read from the element chosen instead. */
    private static BindingEntry chosen(BindingEntry entry, InputSelection.ListChoice choice) {
        for (Map.Entry<String, ValueSource> source : entry.sources().entrySet()) {
            if (source.getValue().isPlainPointer()) {
                Optional<ValueSource> rewritten = choice.rewrite(source.getValue().pointer().get());
                if (rewritten.isPresent()) {
                    entry = entry.withValue(source.getKey(), rewritten.get());
                }
            }
        }
        return entry;
    }

    private static String shownList(JsonPointer list) {
        return list.matches() ? "the answer" : list.toString();
    }

    /** The examples the spec gives of an operation's answer (whole answers, to look into). */
    private static List<JsonNode> documents(ApiOperation op) {
        return op.successResponse().map(r -> r.content().values().stream().flatMap(m -> m.examples().stream()).toList())
                .orElse(List.of());
    }

    /**
     * The optional query parameter that takes the serial when several could (Traccar's {@code GET /devices}
     * has {@code id} and {@code uniqueId}): the most specific name, not a bare {@code id} or {@code name}.
     */
    private static Optional<String> serialSearch(Capability capability, ApiOperation op) {
        List<ApiParameter> takers = op.parameters().stream().filter(p -> p.location() == ParameterLocation.QUERY)
                .filter(p -> InputNames.inputFor(capability, p.name()).filter("serial"::equals).isPresent()).toList();
        return takers.stream().filter(p -> !GENERIC_NAMES.contains(InputNames.normal(p.name()))).findFirst()
                .or(() -> takers.stream().findFirst()).map(ApiParameter::name);
    }

    /**
     * The load switch's state in the bench's words: the API's enum ({@code ON}/{@code OFF},
     * {@code CONNECTED}/{@code DISCONNECTED}) or a boolean named for the switch, mapped to OPEN and CLOSED
     * (binding format 2). An enum word that means neither cannot be read: the entry is refused.
     */
    private static BindingEntry relayState(BindingEntry entry, ApiSchema answer, List<String> reasons) {
        Optional<JsonPointer> pointer = entry.value("state").or(() -> switchFlag(answer));
        Optional<ApiSchema> state = pointer.flatMap(p -> BindingValidator.at(answer, p));
        if (state.isEmpty()) {
            return entry;
        }
        List<String> words = state.get().enumValues();
        if (!words.isEmpty()) {
            if (Set.of(StateWords.OPEN, StateWords.CLOSED).containsAll(words)) {
                return entry;
            }
            Map<String, String> map = StateWords.relayMap(words);
            List<String> unknown = words.stream().filter(w -> !map.containsKey(w)).toList();
            if (map.isEmpty() || !unknown.isEmpty()) {
                throw new CannotBind("the state at " + pointer.get() + " may be " + String.join(", ", words) + ", of which "
                        + (map.isEmpty() ? "none says" : String.join(", ", unknown) + " says") + " open or closed");
            }
            reasons.add("state words " + map.entrySet().stream().map(e -> e.getKey() + " → " + e.getValue())
                    .collect(Collectors.joining(", ")));
            return entry.withValue("state", ValueSource.pointer(pointer.get()).withMap(map));
        }
        if (state.get().type().filter("boolean"::equals).isPresent()) {
            String name = pointer.get().last().getMatchingProperty();
            String n = InputNames.normal(name);
            if (!RELAY_FLAG.matcher(n).matches()) {
                throw new CannotBind("the state at " + pointer.get() + " is a boolean whose name does not say which"
                        + " value is open");
            }
            boolean conducting = !OPENING_FLAG.matcher(n).matches();
            Map<String, String> map = new LinkedHashMap<>();
            map.put("true", conducting ? StateWords.CLOSED : StateWords.OPEN);
            map.put("false", conducting ? StateWords.OPEN : StateWords.CLOSED);
            reasons.add("'" + name + "' true means " + map.get("true"));
            return entry.withValue("state", ValueSource.pointer(pointer.get()).withMap(map));
        }
        return entry;
    }

    /** A boolean in an answer named for the switch's state ({@code SwitchOn}, {@code relayClosed}), shallowest first. */
    private static Optional<JsonPointer> switchFlag(ApiSchema answer) {
        return SchemaSearch.first(answer, (pointer, schema) -> schema.type().filter("boolean"::equals).isPresent()
                && SWITCH_FLAG.matcher(InputNames.normal(pointer.substring(pointer.lastIndexOf('/') + 1))).matches());
    }

    /**
     * A reading whose answer has no unit field: the unit its description or examples name ("in kWh"),
     * written as a literal (binding format 2), so that a kWh value is compared with a Wh register correctly.
     */
    private static BindingEntry implicitUnit(BindingEntry entry, ApiOperation op, ApiSchema answer,
                                             Optional<JsonPointer> value, List<String> reasons) {
        if (value.isEmpty() || entry.source("unit").isPresent()) {
            return entry;
        }
        Optional<ApiSchema> schema = BindingValidator.at(answer, value.get());
        List<String> texts = new ArrayList<>();
        schema.ifPresent(s -> texts.add(s.json().path("description").asText("")));
        BindingValidator.at(answer, value.get().head()).ifPresent(s -> texts.add(s.json().path("description").asText("")));
        texts.add(op.summary());
        texts.add(op.description());
        op.successResponse().ifPresent(r -> texts.add(r.description()));
        List<String> examples = IdTemplate.examples(schema);
        for (String text : texts) {
            Optional<String> unit = UnitHint.from(text, examples);
            if (unit.isPresent()) {
                reasons.add("the value at " + value.get() + " is in " + unit.get() + " (said by the spec, not by the answer)");
                return entry.withValue("unit", ValueSource.literal(JsonNodeFactory.instance.textNode(unit.get())));
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
    private Optional<ValueTemplate> parameterValue(Capability capability, ApiParameter p, List<String> reasons,
                                                   Map<String, JsonPointer> chains) {
        Optional<ValueTemplate> state = switchValue(capability, p.name(), p.schema(), reasons);
        if (state.isPresent()) {
            return state;
        }
        Optional<ValueTemplate> input = inputValue(capability, p.name(), p.schema(), reasons, chains);
        if (input.isPresent()) {
            return input;
        }
        if (!p.required() && p.location() != ParameterLocation.PATH) {
            return Optional.empty();
        }
        Optional<ValueTemplate> chained = chained(capability, p.name(), reasons, chains);
        if (chained.isPresent()) {
            return chained;
        }
        Optional<ValueTemplate> literal = p.schema().flatMap(BindingSuggester::specDefault);
        literal.ifPresent(v -> reasons.add(p + " set to the spec's " + v + ": check it"));
        return literal;
    }

    /**
     * The bench's input a parameter or body field takes by its name; an id-named one ({@code deviceId}) is
     * the API's own id of the meter when meter.get finds the meter by a search (a chained input).
     */
    private Optional<ValueTemplate> inputValue(Capability capability, String name, Optional<ApiSchema> schema,
                                               List<String> reasons, Map<String, JsonPointer> chains) {
        Optional<String> input = InputNames.inputFor(capability, name);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        if (input.get().equals("serial") && capability != Capability.METER_GET && ownId != null
                && OwnIds.isIdName(name) && PLACEHOLDER_NAME.matcher(name).matches()) {
            chains.put(name, ownId);
            reasons.add("'" + name + "' is the API's own id of the meter, looked up once through meter.get at " + inMeterRecord(ownId));
            return Optional.of(ValueTemplate.parse("${" + name + "}"));
        }
        return Optional.of(ValueTemplate.parse(withPrefix(input.get(), IdTemplate.examples(schema), name, reasons)));
    }

    /**
     * An id of the API's own that meter.get's answer gives ({@code webId}, {@code functionalityId}): a
     * chained input, looked up once per meter; empty when meter.get is not bound or does not give it.
     */
    private Optional<ValueTemplate> chained(Capability capability, String name, List<String> reasons,
                                            Map<String, JsonPointer> chains) {
        if (capability == Capability.METER_GET || meterRecord == null || !OwnIds.isIdName(name)
                || !PLACEHOLDER_NAME.matcher(name).matches() || capability.inputs().contains(name)) {
            return Optional.empty();
        }
        Optional<JsonPointer> pointer = SchemaSearch.find(meterRecord, OwnIds.candidates(name))
                .filter(p -> scalar(meterRecord, p));
        pointer.ifPresent(p -> {
            chains.put(name, p);
            reasons.add("'" + name + "' looked up once per meter through meter.get at " + inMeterRecord(p) + ": check it");
        });
        return pointer.map(p -> ValueTemplate.parse("${" + name + "}"));
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

    private BindingEntry body(Capability capability, ApiOperation op, BindingEntry entry, List<String> reasons,
                              Map<String, JsonPointer> chains) {
        Optional<ApiSchema> schema = requestSchema(op);
        if (schema.isEmpty()) {
            return entry;
        }
        for (Map.Entry<String, ValueTemplate> field : fields(capability, schema.get(), "", reasons, chains).fields().entrySet()) {
            entry = entry.withBodyField(field.getKey(), field.getValue());
        }
        return entry;
    }

    /** An object's fields, and whether any says something of the bench's (an input, a switch word). */
    private record Fields(Map<String, ValueTemplate> fields, boolean meaningful) {
    }

    /**
     * The fields of an object in a request body, at any depth ({@code {"operation": {"type": "DISCONNECT"}}}):
     * a switch word or flag, the bench's inputs (typed: a whole placeholder keeps the input's type), the
     * spec's defaults for what is required; a required object is filled in the same way, an optional one
     * only when it carries something of the bench's.
     */
    private Fields fields(Capability capability, ApiSchema schema, String at, List<String> reasons,
                          Map<String, JsonPointer> chains) {
        Map<String, ValueTemplate> fields = new LinkedHashMap<>();
        boolean meaningful = false;
        Set<String> required = schema.requiredProperties();
        for (String name : schema.propertyNames()) {
            String pointer = at + "/" + name;
            Optional<ApiSchema> field = schema.property(name);
            boolean mandatory = required.contains(name);
            Optional<ValueTemplate> value = switchValue(capability, name, field, reasons);
            boolean ours = value.isPresent();
            Optional<String> input = InputNames.inputFor(capability, name);
            boolean ownInput = input.filter(i -> !i.equals("serial")).isPresent();
            if (value.isEmpty() && input.isPresent() && (ownInput || mandatory)) {
                value = inputValue(capability, name, field, reasons, chains);
                ours = value.isPresent();
            }
            if (value.isEmpty() && field.isPresent() && isObject(field.get()) && at.split("/").length < BODY_DEPTH) {
                Fields nested = fields(capability, field.get(), pointer, reasons, chains);
                if (mandatory || nested.meaningful()) {
                    value = Optional.of(ValueTemplate.object(nested.fields()));
                    ours = nested.meaningful();
                }
            }
            if (value.isEmpty() && mandatory) {
                value = chained(capability, name, reasons, chains);
                ours = value.isPresent();
            }
            if (value.isEmpty() && mandatory) {
                value = field.flatMap(BindingSuggester::specDefault);
                value.ifPresent(v -> reasons.add("body field '" + shown(pointer) + "' set to the spec's " + v + ": check it"));
            }
            if (value.isEmpty() && mandatory) {
                throw new CannotBind("required body field '" + shown(pointer) + "' takes nothing the bench supplies for "
                        + capability + " (" + String.join(", ", inputs(capability)) + ")");
            }
            if (value.isPresent()) {
                fields.put(name, value.get());
                meaningful |= ours;
            }
        }
        return new Fields(fields, meaningful);
    }

    private static boolean isObject(ApiSchema schema) {
        return schema.type().map("object"::equals).orElse(!schema.propertyNames().isEmpty())
                && !schema.propertyNames().isEmpty();
    }

    /** A top-level field by its name, a deeper one by its JSON Pointer (as the validator names them). */
    private static String shown(String pointer) {
        return pointer.lastIndexOf('/') == 0 ? pointer.substring(1) : pointer;
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
