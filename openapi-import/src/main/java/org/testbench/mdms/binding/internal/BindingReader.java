package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
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
            "states", "meterUnreachable");
    private static final Set<String> PATTERN = orderedSet("status", "pointer", "equals", "matches");

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
        Map<String, LocatedNode> top = root.fields("a binding file", orderedSet("binding", "api", "spec", "defaults",
                "capabilities"));
        LocatedNode format = top.get("binding");
        if (format == null) {
            throw root.fail("missing 'binding: " + Binding.FORMAT + "' (the format version) at the top");
        }
        if (!format.json().canConvertToInt() || format.json().asInt() != Binding.FORMAT || !format.json().isNumber()) {
            throw format.fail("binding format " + format.json().asText() + " is not supported (this version reads "
                    + Binding.FORMAT + ")");
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
            entries.add(entry(capability.get(), field.getValue()));
        }
        Binding binding = new Binding(entries, defaults, title, version, source);
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

    private static BindingEntry entry(Capability capability, LocatedNode node) throws BindingException {
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
        if (fields.containsKey("body")) {
            for (var b : fields.get("body").fields(capability + ".body").entrySet()) {
                entry = entry.withBodyField(b.getKey(), template(capability, "body field '" + b.getKey() + "'", b.getValue()));
            }
        }
        if (fields.containsKey("values")) {
            for (var v : fields.get("values").fields(capability + ".values").entrySet()) {
                entry = entry.withValue(v.getKey(), pointer(capability + ": value '" + v.getKey() + "'", v.getValue()));
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
        if (fields.containsKey("async")) {
            LocatedNode async = fields.get("async");
            if (!async.json().isBoolean()) {
                throw async.fail(capability + ": async must be true or false, found '" + async.json().asText() + "'");
            }
            if (async.json().booleanValue()) {
                if (entry.value("commandId").isEmpty()) {
                    throw async.fail(capability + ": async needs a 'commandId' under values (where the answer"
                            + " gives the command to follow)");
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
        List<ErrorPattern> patterns = new ArrayList<>();
        for (LocatedNode element : node.elements("meterUnreachable")) {
            Map<String, LocatedNode> fields = element.fields("a meterUnreachable pattern", PATTERN);
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
                        ? pointer("meterUnreachable pattern: pointer", fields.get("pointer")) : null;
                String equalsValue = fields.containsKey("equals") ? fields.get("equals").text("equals") : null;
                String regex = fields.containsKey("matches") ? fields.get("matches").text("matches") : null;
                patterns.add(ErrorPattern.of(statuses, pointer, equalsValue, regex));
            } catch (IllegalArgumentException e) {
                throw element.fail("meterUnreachable pattern: " + e.getMessage(), e);
            }
        }
        return patterns;
    }
}
