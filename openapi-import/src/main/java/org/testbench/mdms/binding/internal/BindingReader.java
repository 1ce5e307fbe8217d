package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testbench.mdms.Utf8Text;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.binding.ErrorPattern;
import org.testbench.mdms.binding.InputRule;
import org.testbench.mdms.binding.ValueSource;
import org.testbench.mdms.binding.OperationRef;
import org.testbench.mdms.binding.ValueTemplate;
import org.testbench.mdms.catalog.ResponseStatus;
import org.testbench.mdms.internal.LocatedTree;
import org.testbench.mdms.internal.LocatedTreeReader;
import org.testbench.mdms.internal.TextSyntaxException;

/** Reads the binding file format (docs/binding.md); every error names file, line and column. */
public final class BindingReader {

    private static final int MAX_SIZE = 4 * 1024 * 1024;
    private static final Set<String> ENTRY = orderedSet("operation", "parameters", "body", "values", "async",
            "states", "meterUnreachable", "notFound");
    private static final Set<String> PATTERN = orderedSet("status", "pointer", "equals", "matches");
    private static final Set<String> NOT_FOUND = orderedSet("status", "pointer", "equals", "matches", "empty");
    private static final Set<String> VALUE = orderedSet("pointer", "where", "item", "header", "literal", "matches", "map",
            "scale");
    private static final Set<String> INPUT = orderedSet("prefix", "suffix", "pad", "padWith", "case", "obis", "date",
            "zone", "from", "value");

    private BindingReader() {
    }

    private static Set<String> orderedSet(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    public static Binding read(Path file) throws BindingException {
        String text;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new BindingException(file.toString(), null, "larger than " + MAX_SIZE + " bytes: not a binding file", null);
            }
            text = Utf8Text.decode(Files.readAllBytes(file));
        } catch (Utf8Text.Malformed e) {
            throw new BindingException(file.toString(), e.location(), e.getMessage(), e);
        } catch (IOException e) {
            throw new BindingException(file.toString(), null, "cannot read: " + e, e);
        }
        Binding binding = parse(text, file.toString());
        // spec: is relative to the binding file, wherever the bench runs from.
        Path dir = file.toAbsolutePath().getParent();
        return binding.spec().map(spec -> binding.withSpec(dir.resolve(spec).normalize())).orElse(binding);
    }

    public static Binding parse(String text, String source) throws BindingException {
        LocatedTree tree;
        try {
            tree = new LocatedTreeReader(MAX_SIZE, Integer.MAX_VALUE).read(text);
        } catch (TextSyntaxException e) {
            throw new BindingException(source, e.location().orElse(null), "not well-formed YAML: " + e.problem(), e);
        }
        LocatedNode root = new LocatedNode(tree, tree.root(), "", source);
        Map<String, LocatedNode> top = root.fields("a binding file", orderedSet("binding", "api", "spec", "inputs",
                "defaults", "capabilities"));
        LocatedNode format = top.get("binding");
        if (format == null) {
            throw root.fail("missing 'binding: " + Binding.FORMAT_2 + "' (the format version) at the top");
        }
        if (!format.json().isNumber() || !format.json().canConvertToInt()
                || (format.json().asInt() != Binding.FORMAT && format.json().asInt() != Binding.FORMAT_2)) {
            throw format.fail("binding format " + format.json().asText() + " is not supported (this version reads "
                    + Binding.FORMAT + " and " + Binding.FORMAT_2 + ")");
        }
        int version2 = format.json().asInt();
        if (version2 == Binding.FORMAT && top.containsKey("inputs")) {
            throw top.get("inputs").fail("'inputs' needs 'binding: 2' (format 1 has no inputs section)");
        }
        String title = "";
        String version = "";
        if (top.containsKey("api")) {
            Map<String, LocatedNode> api = top.get("api").fields("api", orderedSet("title", "version"));
            title = api.containsKey("title") ? api.get("title").text("api.title") : "";
            version = api.containsKey("version") ? api.get("version").text("api.version") : "";
        }
        List<ErrorPattern> defaults = List.of();
        if (top.containsKey("defaults")) {
            Map<String, LocatedNode> d = top.get("defaults").fields("defaults", orderedSet("meterUnreachable"));
            defaults = d.containsKey("meterUnreachable") ? patterns(d.get("meterUnreachable")) : List.of();
        }
        LocatedNode capabilities = top.get("capabilities");
        if (capabilities == null) {
            throw root.fail("missing 'capabilities' (the capabilities this binding maps)");
        }
        List<BindingEntry> entries = new ArrayList<>();
        for (var field : capabilities.fields("capabilities").entrySet()) {
            Optional<Capability> capability = Capability.find(field.getKey());
            if (capability.isEmpty()) {
                throw field.getValue().fail(Capability.unknown(field.getKey()));
            }
            if (entries.stream().anyMatch(e -> e.capability() == capability.get())) {
                throw field.getValue().fail(field.getKey() + " is bound twice (job.status is another name for command.status)");
            }
            entries.add(entry(capability.get(), field.getValue(), version2));
        }
        Binding binding = new Binding(entries, defaults, title, version, source);
        if (top.containsKey("inputs")) {
            binding = inputs(binding, top.get("inputs"));
        }
        if (top.containsKey("spec")) {
            LocatedNode spec = top.get("spec");
            try {
                binding = binding.withSpec(specPath(spec.text("spec")));
            } catch (IllegalArgumentException e) {
                throw spec.fail(e.getMessage(), e);
            }
        }
        return binding;
    }

    private static Path specPath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("spec is empty (a path to the OpenAPI file, relative to the binding file)");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("spec '" + text + "' is not a path: " + e.getReason(), e);
        }
    }

    private static BindingEntry entry(Capability capability, LocatedNode node, int format) throws BindingException {
        Map<String, LocatedNode> fields = node.fields(capability.id(), ENTRY);
        LocatedNode operationNode = fields.get("operation");
        if (operationNode == null) {
            throw node.fail(capability + ": missing 'operation' (an operationId, or 'METHOD /path')");
        }
        OperationRef operation;
        try {
            operation = OperationRef.parse(operationNode.text(capability + ".operation"));
        } catch (IllegalArgumentException e) {
            throw operationNode.fail(capability + ": " + e.getMessage(), e);
        }
        BindingEntry entry = new BindingEntry(capability, operation, Map.of(), Map.of(), Map.of(), false,
                Optional.empty(), List.of(), Optional.of(node.location()));
        if (fields.containsKey("parameters")) {
            for (var p : fields.get("parameters").fields(capability + ".parameters").entrySet()) {
                entry = entry.withParameter(p.getKey(), template(capability, "parameter '" + p.getKey() + "'", p.getValue()));
            }
        }
        if (fields.containsKey("body") && format == Binding.FORMAT) {
            for (var b : fields.get("body").fields(capability + ".body").entrySet()) {
                LocatedNode value = b.getValue();
                if (value.json().isContainerNode()) {
                    throw value.fail(capability + ": body field '" + b.getKey() + "' is a " + (value.json().isObject()
                            ? "mapping" : "list") + ": nested bodies need 'binding: 2'");
                }
                entry = entry.withBodyField(b.getKey(), template(capability, "body field '" + b.getKey() + "'", value));
            }
        } else if (fields.containsKey("body")) {
            entry = entry.withRequestBody(bodyTemplate(capability, fields.get("body"), ""));
        }
        if (fields.containsKey("values")) {
            for (var v : fields.get("values").fields(capability + ".values").entrySet()) {
                String what = capability + ": value '" + v.getKey() + "'";
                if (v.getValue().json().isObject() && format == Binding.FORMAT) {
                    throw v.getValue().fail(what + " is a mapping: values with header, literal, map, matches or scale"
                            + " need 'binding: 2'");
                }
                entry = entry.withValue(v.getKey(), v.getValue().json().isObject() ? source(what, v.getValue())
                        : ValueSource.pointer(valuePointer(what, v.getValue(), format)));
            }
        }
        if (fields.containsKey("states")) {
            if (capability != Capability.COMMAND_STATUS) {
                throw fields.get("states").fail(capability + ": 'states' belongs to command.status only");
            }
            entry = entry.withStates(states(fields.get("states")));
        }
        if (fields.containsKey("meterUnreachable")) {
            entry = entry.withMeterUnreachable(patterns(fields.get("meterUnreachable")));
        }
        if (fields.containsKey("notFound")) {
            if (format == Binding.FORMAT) {
                throw fields.get("notFound").fail(capability + ": 'notFound' needs 'binding: 2'");
            }
            entry = entry.withNotFound(patterns(fields.get("notFound"), "notFound", NOT_FOUND));
        }
        if (fields.containsKey("async")) {
            LocatedNode async = fields.get("async");
            if (!async.json().isBoolean()) {
                throw async.fail(capability + ": async must be true or false, found '" + async.json().asText() + "'");
            }
            if (async.json().booleanValue()) {
                if (entry.source(BindingEntry.COMMAND_ID).isEmpty() && entry.source(BindingEntry.STATUS_URL).isEmpty()) {
                    throw async.fail(capability + ": async needs a 'commandId' under values (where the answer"
                            + " gives the command to follow)" + (format == Binding.FORMAT ? "" : " or a 'statusUrl'"
                            + " (the URL to poll)"));
                }
                entry = entry.asAsynchronous();
            }
        }
        return entry;
    }

    private static ValueTemplate template(Capability capability, String what, LocatedNode node) throws BindingException {
        try {
            if (!node.json().isValueNode() || node.json().isNull()) {
                throw node.fail(capability + ": " + what + " must be a single value, not "
                        + (node.json().isNull() ? "empty" : "a " + node.json().getNodeType().name().toLowerCase()));
            }
            return ValueTemplate.literal(node.json());
        } catch (IllegalArgumentException e) {
            throw node.fail(capability + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /** A format-2 body: any JSON, every text parsed for placeholders; errors name the place by pointer too. */
    private static ValueTemplate bodyTemplate(Capability capability, LocatedNode node, String at) throws BindingException {
        JsonNode json = node.json();
        if (json.isObject()) {
            Map<String, ValueTemplate> members = new LinkedHashMap<>();
            for (var field : node.fields(capability + ".body" + at).entrySet()) {
                members.put(field.getKey(), bodyTemplate(capability, field.getValue(), at + "/"
                        + field.getKey().replace("~", "~0").replace("/", "~1")));
            }
            return ValueTemplate.object(members);
        }
        if (json.isArray()) {
            List<ValueTemplate> items = new ArrayList<>();
            List<LocatedNode> elements = node.elements(capability + ".body" + at);
            for (int i = 0; i < elements.size(); i++) {
                items.add(bodyTemplate(capability, elements.get(i), at + "/" + i));
            }
            return ValueTemplate.array(items);
        }
        try {
            return ValueTemplate.literal(json);
        } catch (IllegalArgumentException e) {
            throw node.fail(capability + ": body " + (at.isEmpty() ? "" : at + " ") + e.getMessage(), e);
        }
    }

    private static ValueSource source(String what, LocatedNode node) throws BindingException {
        Map<String, LocatedNode> f = node.fields(what, VALUE);
        ValueSource source;
        try {
            if (f.containsKey("pointer")) {
                source = ValueSource.pointer(valuePointer(what + " pointer", f.get("pointer"), Binding.FORMAT_2));
                if (f.containsKey("header") || f.containsKey("literal")) {
                    throw node.fail(what + ": give one of pointer, header and literal");
                }
                if (f.containsKey("where")) {
                    source = source.withWhere(conditions(what, f.get("where")), f.containsKey("item")
                            ? Optional.of(pointer(what + " item", f.get("item"))) : Optional.empty());
                } else if (f.containsKey("item")) {
                    throw f.get("item").fail(what + ": item points into the element that 'where' chooses from the"
                            + " list at pointer; give where, e.g. where: {/obis: \"${obis}\"}");
                }
            } else if (f.containsKey("where") || f.containsKey("item")) {
                String key = f.containsKey("where") ? "where" : "item";
                throw f.get(key).fail(what + ": " + key + " chooses an element of the list at 'pointer', which is"
                        + " missing");
            } else if (f.containsKey("header")) {
                String header = f.get("header").text(what + " header");
                if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw f.get("header").fail(what + ": '" + header + "' is not a header name");
                }
                if (f.containsKey("literal")) {
                    throw node.fail(what + ": give one of pointer, header and literal");
                }
                source = ValueSource.header(header);
            } else if (f.containsKey("literal")) {
                JsonNode literal = f.get("literal").json();
                if (!literal.isValueNode() || literal.isNull()) {
                    throw f.get("literal").fail(what + ": literal is a single value (kWh, 1000, true)");
                }
                source = ValueSource.literal(literal);
            } else {
                throw node.fail(what + " needs one of pointer, header and literal");
            }
        } catch (IllegalArgumentException e) {
            throw node.fail(what + ": " + e.getMessage(), e);
        }
        if (f.containsKey("matches")) {
            LocatedNode m = f.get("matches");
            try {
                source = source.withMatches(java.util.regex.Pattern.compile(m.text(what + " matches")));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw m.fail(what + ": matches is not a regular expression: " + e.getDescription(), e);
            } catch (IllegalArgumentException e) {
                throw m.fail(what + ": " + e.getMessage(), e);
            }
        }
        if (f.containsKey("map")) {
            Map<String, String> words = new LinkedHashMap<>();
            for (var w : f.get("map").fields(what + " map").entrySet()) {
                words.put(w.getKey(), w.getValue().text(what + " map '" + w.getKey() + "'"));
            }
            if (words.isEmpty()) {
                throw f.get("map").fail(what + ": map is empty (the API's words to the bench's, e.g. {ON: CLOSED})");
            }
            source = source.withMap(words);
        }
        if (f.containsKey("scale")) {
            LocatedNode scale = f.get("scale");
            if (!scale.json().isNumber() || scale.json().decimalValue().signum() == 0) {
                throw scale.fail(what + ": scale is a number other than 0, e.g. 0.001, not '" + scale.json().asText() + "'");
            }
            source = source.withScale(scale.json().decimalValue());
        }
        return source;
    }

    /** {@code where:} pointers into a list's element → the text each must have, placeholders allowed. */
    private static Map<JsonPointer, ValueTemplate> conditions(String what, LocatedNode node) throws BindingException {
        Map<JsonPointer, ValueTemplate> conditions = new LinkedHashMap<>();
        for (var c : node.fields(what + " where").entrySet()) {
            LocatedNode value = c.getValue();
            String key = c.getKey();
            if (!key.isEmpty() && !key.startsWith("/")) {
                throw value.fail(what + ": where '" + key + "' is not a JSON Pointer into the element (it starts"
                        + " with '/', e.g. /" + key + ")");
            }
            JsonPointer at;
            try {
                at = JsonPointer.compile(key);
            } catch (IllegalArgumentException e) {
                throw value.fail(what + ": where '" + key + "' is not a JSON Pointer: " + e.getMessage(), e);
            }
            if (!value.json().isValueNode() || value.json().isNull()) {
                throw value.fail(what + ": where '" + key + "' is a single value (a text with placeholders, a number,"
                        + " true or false), not " + (value.json().isNull() ? "empty" : "a " + value.json().getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT)));
            }
            try {
                conditions.put(at, ValueTemplate.literal(value.json()));
            } catch (IllegalArgumentException e) {
                throw value.fail(what + ": where '" + key + "': " + e.getMessage(), e);
            }
        }
        if (conditions.isEmpty()) {
            throw node.fail(what + ": where is empty (pointers into the element → values, e.g. {/obis: \"${obis}\"})");
        }
        return conditions;
    }

    /**
     * A value's pointer: in format 2 its tokens may hold placeholders ({@code /${obis}/value}), checked here so
     * that a malformed one is named with its place.
     */
    private static JsonPointer valuePointer(String what, LocatedNode node, int format) throws BindingException {
        JsonPointer pointer = pointer(what, node);
        if (!pointer.toString().contains("${")) {
            return pointer;
        }
        if (format == Binding.FORMAT) {
            throw node.fail(what + " '" + pointer + "' has a placeholder: placeholders in pointers need 'binding: 2'"
                    + " ($${ writes a literal ${)");
        }
        try {
            org.testbench.mdms.binding.PointerTemplate.placeholders(pointer);
        } catch (IllegalArgumentException e) {
            throw node.fail(what + ": " + e.getMessage(), e);
        }
        return pointer;
    }

    private static Binding inputs(Binding binding, LocatedNode node) throws BindingException {
        List<InputRule> rules = new ArrayList<>();
        Map<String, LocatedNode> where = new LinkedHashMap<>();
        for (var field : node.fields("inputs").entrySet()) {
            String name = field.getKey();
            String what = "inputs." + name;
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw field.getValue().fail(what + ": '" + name + "' is not a placeholder name (letters, digits, _ . -)");
            }
            Map<String, LocatedNode> f = field.getValue().fields(what, INPUT);
            try {
                Optional<InputRule.TextCase> textCase = Optional.empty();
                if (f.containsKey("case")) {
                    String c = f.get("case").text(what + ".case");
                    textCase = Optional.of(switch (c) {
                        case "upper" -> InputRule.TextCase.UPPER;
                        case "lower" -> InputRule.TextCase.LOWER;
                        default -> throw f.get("case").fail(what + ".case is upper or lower, not '" + c + "'");
                    });
                }
                Optional<InputRule.ObisForm> obis = Optional.empty();
                if (f.containsKey("obis")) {
                    String o = f.get("obis").text(what + ".obis");
                    obis = Optional.of(InputRule.ObisForm.find(o).orElseThrow(() -> f.get("obis").fail(what + ".obis '"
                            + o + "' is not a form: \"A-B:C.D.E*F\", \"A-B:C.D.E\", \"A.B.C.D.E.F\", \"C.D.E\" or hex")));
                }
                int pad = 0;
                if (f.containsKey("pad")) {
                    LocatedNode p = f.get("pad");
                    if (!p.json().isInt()) {
                        throw p.fail(what + ".pad is a length (e.g. 12), not '" + p.json().asText() + "'");
                    }
                    pad = p.json().asInt();
                }
                java.time.ZoneId zone = java.time.ZoneOffset.UTC;
                if (f.containsKey("zone")) {
                    try {
                        zone = java.time.ZoneId.of(f.get("zone").text(what + ".zone"));
                    } catch (java.time.DateTimeException e) {
                        throw f.get("zone").fail(what + ".zone: " + e.getMessage(), e);
                    }
                }
                Optional<Capability> from = Optional.empty();
                if (f.containsKey("from")) {
                    String c = f.get("from").text(what + ".from");
                    from = Optional.of(Capability.find(c).orElseThrow(() -> f.get("from").fail(what + ".from: "
                            + Capability.unknown(c))));
                    BindingEntry source = binding.entry(from.get()).orElseThrow(() -> f.get("from").fail(what
                            + ".from: " + c + " is not bound in this binding"));
                    String value = f.containsKey("value") ? f.get("value").text(what + ".value") : name;
                    if (source.source(value).isEmpty()) {
                        throw (f.containsKey("value") ? f.get("value") : f.get("from")).fail(what + ": " + c
                                + " has no value '" + value + "' (it has: " + String.join(", ", source.sources().keySet())
                                + ")");
                    }
                } else if (f.containsKey("value")) {
                    throw f.get("value").fail(what + ".value names the value of the capability in 'from', which is missing");
                }
                rules.add(new InputRule(name, text(f, "prefix", what), text(f, "suffix", what), pad,
                        text(f, "padWith", what), textCase, obis,
                        f.containsKey("date") ? Optional.of(f.get("date").text(what + ".date")) : Optional.empty(),
                        zone, from, text(f, "value", what)));
                where.put(name, field.getValue());
            } catch (IllegalArgumentException e) {
                throw field.getValue().fail(what + ": " + e.getMessage(), e);
            }
        }
        try {
            return binding.withInputs(rules);
        } catch (IllegalArgumentException cycle) {
            // Name the first input of the cycle where it is written.
            String first = cycle.getMessage().replaceFirst("^.*: ", "").split(" ")[0];
            throw where.getOrDefault(first, node).fail("inputs: " + cycle.getMessage(), cycle);
        }
    }

    private static String text(Map<String, LocatedNode> fields, String key, String what) throws BindingException {
        return fields.containsKey(key) ? fields.get(key).text(what + "." + key) : "";
    }

    /** @param what names the place in messages: {@code loadSwitch.status: value 'state'} */
    private static JsonPointer pointer(String what, LocatedNode node) throws BindingException {
        String text = node.text(what);
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw node.fail(what + " '" + text + "' is not a JSON Pointer (it starts with '/', e.g. /" + text
                    + "; '' is the whole answer)");
        }
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw node.fail(what + " '" + text + "' is not a JSON Pointer: " + e.getMessage(), e);
        }
    }

    private static CommandStates states(LocatedNode node) throws BindingException {
        Map<String, LocatedNode> fields = node.fields("command.status.states", orderedSet("pending", "executed", "failed"));
        try {
            return new CommandStates(values(fields.get("pending")), values(fields.get("executed")), values(fields.get("failed")));
        } catch (IllegalArgumentException e) {
            throw node.fail("command.status.states: " + e.getMessage(), e);
        }
    }

    private static Set<String> values(LocatedNode node) throws BindingException {
        Set<String> values = new LinkedHashSet<>();
        if (node == null) {
            return values;
        }
        if (node.json().isValueNode()) {
            values.add(node.text("a state"));
            return values;
        }
        for (LocatedNode element : node.elements("a list of states")) {
            values.add(element.text("a state"));
        }
        return values;
    }

    private static List<ErrorPattern> patterns(LocatedNode node) throws BindingException {
        return patterns(node, "meterUnreachable", PATTERN);
    }

    /** A list of patterns: "meter unreachable" ones, or "not found" ones (which may also say {@code empty}). */
    private static List<ErrorPattern> patterns(LocatedNode node, String what, Set<String> keys) throws BindingException {
        List<ErrorPattern> patterns = new ArrayList<>();
        for (LocatedNode element : node.elements(what)) {
            Map<String, LocatedNode> fields = element.fields("a " + what + " pattern", keys);
            try {
                List<ResponseStatus> statuses = new ArrayList<>();
                if (fields.containsKey("status")) {
                    LocatedNode status = fields.get("status");
                    if (status.json().isArray()) {
                        for (LocatedNode s : status.elements("status")) {
                            statuses.add(ResponseStatus.parse(s.text("a status")));
                        }
                    } else {
                        statuses.add(ResponseStatus.parse(status.text("status")));
                    }
                }
                JsonPointer pointer = fields.containsKey("pointer")
                        ? pointer(what + " pattern: pointer", fields.get("pointer")) : null;
                String equalsValue = fields.containsKey("equals") ? fields.get("equals").text("equals") : null;
                String regex = fields.containsKey("matches") ? fields.get("matches").text("matches") : null;
                boolean empty = false;
                if (fields.containsKey("empty")) {
                    LocatedNode e = fields.get("empty");
                    if (!e.json().isBoolean()) {
                        throw e.fail(what + " pattern: empty must be true or false, found '" + e.json().asText() + "'");
                    }
                    empty = e.json().booleanValue();
                }
                patterns.add(ErrorPattern.of(statuses, pointer, equalsValue, regex, empty));
            } catch (IllegalArgumentException e) {
                throw element.fail(what + " pattern: " + e.getMessage(), e);
            }
        }
        return patterns;
    }
}
