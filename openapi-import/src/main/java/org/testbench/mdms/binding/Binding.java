package org.testbench.mdms.binding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.binding.internal.BindingReader;
import org.testbench.mdms.binding.internal.BindingSuggester;
import org.testbench.mdms.binding.internal.BindingValidator;
import org.testbench.mdms.binding.internal.BindingWriter;
import org.testbench.mdms.catalog.ApiCatalog;

/**
 * Which MDMS operation carries out each bench capability, with its parameters, the JSON Pointers of
 * the values the bench reads, and how "meter unreachable" looks. Read from a YAML file an engineer
 * confirmed ({@link #load}), suggested from a catalog ({@link #suggest}), checked against a catalog
 * ({@link #validate}). Immutable. The format is described in {@code docs/binding.md}.
 */
public final class Binding {

    /** The first format version ({@code binding: 1}): still read, and written when it suffices. */
    public static final int FORMAT = 1;
    /** The latest format version ({@code binding: 2}): nested bodies, value sources, inputs (docs/binding.md). */
    public static final int FORMAT_2 = 2;

    private final Map<Capability, BindingEntry> entries;
    private final List<ErrorPattern> defaultMeterUnreachable;
    private final String apiTitle;
    private final String apiVersion;
    private final String source;
    private final Path spec;
    private final Map<String, InputRule> inputs;

    /**
     * @param apiTitle   informative: the API the binding was written for ("" when unknown)
     * @param source     where it was read from ("" when built in code)
     */
    public Binding(Collection<BindingEntry> entries, List<ErrorPattern> defaultMeterUnreachable,
                   String apiTitle, String apiVersion, String source) {
        Map<Capability, BindingEntry> map = new EnumMap<>(Capability.class);
        for (BindingEntry entry : entries) {
            if (map.put(entry.capability(), entry) != null) {
                throw new IllegalArgumentException(entry.capability() + " is bound twice");
            }
        }
        this.entries = Collections.unmodifiableMap(map);
        this.defaultMeterUnreachable = List.copyOf(defaultMeterUnreachable);
        this.apiTitle = Objects.requireNonNullElse(apiTitle, "");
        this.apiVersion = Objects.requireNonNullElse(apiVersion, "");
        this.source = Objects.requireNonNullElse(source, "");
        this.spec = null;
        this.inputs = Map.of();
    }

    private Binding(Binding original, Map<Capability, BindingEntry> entries, Path spec, Map<String, InputRule> inputs) {
        this.entries = Collections.unmodifiableMap(entries);
        this.defaultMeterUnreachable = original.defaultMeterUnreachable;
        this.apiTitle = original.apiTitle;
        this.apiVersion = original.apiVersion;
        this.source = original.source;
        this.spec = spec;
        this.inputs = inputs;
    }

    /** Reads a binding file; errors name the file, line and column. */
    public static Binding load(Path file) throws BindingException {
        return BindingReader.read(file);
    }

    /** Reads binding text; {@code sourceName} is what messages call it. */
    public static Binding parse(String yaml, String sourceName) throws BindingException {
        return BindingReader.parse(yaml, sourceName);
    }

    /**
     * Builds a binding from a catalog by heuristics (paths, methods, operationIds, schema property
     * names), for an engineer to confirm: the result says why it chose each operation.
     */
    public static SuggestedBinding suggest(ApiCatalog catalog) {
        return new BindingSuggester(catalog).suggest();
    }

    /** Checks every entry against the catalog: operations, parameters, body fields, pointers, states. */
    public BindingCheck validate(ApiCatalog catalog) {
        return new BindingValidator(this, catalog).validate();
    }

    public Optional<BindingEntry> entry(Capability capability) {
        return Optional.ofNullable(entries.get(capability));
    }

    /** In capability order. */
    public Collection<BindingEntry> entries() {
        return entries.values();
    }

    /** Patterns for "meter unreachable" that apply to every capability. */
    public List<ErrorPattern> defaultMeterUnreachable() {
        return defaultMeterUnreachable;
    }

    /** The entry's own patterns, then the defaults. */
    public List<ErrorPattern> meterUnreachablePatterns(Capability capability) {
        List<ErrorPattern> all = new ArrayList<>();
        entry(capability).ifPresent(e -> all.addAll(e.meterUnreachable()));
        all.addAll(defaultMeterUnreachable);
        return all;
    }

    public String apiTitle() {
        return apiTitle;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String source() {
        return source;
    }

    /**
     * The OpenAPI file the binding was written for, from the optional {@code spec:} key: resolved
     * against the binding file's directory by {@link #load}, as written by {@link #parse}. Empty when
     * the binding names none. Whether the file exists is for the caller to check.
     */
    public Optional<Path> spec() {
        return Optional.ofNullable(spec);
    }

    /**
     * A copy that names this OpenAPI file; {@link #toYaml} writes it as given, so give it relative to
     * where the binding file will be (that is how {@link #load} reads it back).
     */
    public Binding withSpec(Path specFile) {
        Map<Capability, BindingEntry> copy = new EnumMap<>(Capability.class);
        copy.putAll(entries);
        return new Binding(this, copy, Objects.requireNonNull(specFile, "specFile"), inputs);
    }

    /** The binding in its file format, loadable with {@link #parse}. */
    public String toYaml() {
        return BindingWriter.write(this, Map.of());
    }

    /** A copy with one entry added or replaced. */
    public Binding with(BindingEntry entry) {
        Map<Capability, BindingEntry> copy = new EnumMap<>(Capability.class);
        copy.putAll(entries);
        copy.put(entry.capability(), entry);
        return new Binding(this, copy, spec, inputs);
    }

    /**
     * A copy with these input rules (format 2 {@code inputs:}), replacing any before.
     *
     * @throws IllegalArgumentException when chained inputs form a cycle, or one names itself
     */
    public Binding withInputs(Collection<InputRule> rules) {
        Map<String, InputRule> map = new java.util.LinkedHashMap<>();
        rules.forEach(r -> map.put(r.name(), r));
        Map<Capability, BindingEntry> copy = new EnumMap<>(Capability.class);
        copy.putAll(entries);
        Binding result = new Binding(this, copy, spec, Collections.unmodifiableMap(map));
        result.chainCycle().ifPresent(cycle -> {
            throw new IllegalArgumentException("chained inputs form a cycle: " + cycle);
        });
        return result;
    }

    /** How the bench's inputs are written for this API, by input name (format 2); empty in format 1. */
    public Map<String, InputRule> inputs() {
        return inputs;
    }

    public Optional<InputRule> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    /**
     * A chained input whose lookup needs itself, directly or through others, in words
     * ({@code deviceId → meter.get needs ${deviceId}}); empty when there is none.
     */
    public Optional<String> chainCycle() {
        for (InputRule start : inputs.values()) {
            Optional<String> cycle = cycleFrom(start, new java.util.ArrayList<>());
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<String> cycleFrom(InputRule rule, List<String> path) {
        if (rule.from().isEmpty()) {
            return Optional.empty();
        }
        if (path.contains(rule.name())) {
            path.add(rule.name());
            return Optional.of(String.join(" → ", path));
        }
        path.add(rule.name());
        Capability from = rule.from().get();
        Optional<BindingEntry> entry = entry(from);
        if (entry.isPresent()) {
            for (String placeholder : placeholders(entry.get())) {
                InputRule next = inputs.get(placeholder);
                if (next != null && next.isChained()) {
                    List<String> branch = new java.util.ArrayList<>(path);
                    branch.add(from + " needs ${" + placeholder + "}");
                    Optional<String> cycle = cycleFrom(next, branch);
                    if (cycle.isPresent()) {
                        return cycle;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Every placeholder an entry uses, in parameters, body and the values it picks by input. */
    public static java.util.Set<String> placeholders(BindingEntry entry) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        entry.parameters().values().forEach(t -> names.addAll(t.placeholders()));
        entry.requestBody().ifPresent(t -> names.addAll(t.placeholders()));
        entry.sources().values().forEach(s -> names.addAll(s.placeholders()));
        return names;
    }

    /** 2 when anything needs format 2 (inputs, nested bodies, value sources), 1 otherwise. */
    public int format() {
        return inputs.isEmpty() && entries.values().stream().allMatch(BindingEntry::fitsFormat1) ? FORMAT : FORMAT_2;
    }

    @Override
    public String toString() {
        return "Binding[" + entries.keySet() + (source.isEmpty() ? "" : " from " + source) + "]";
    }
}
