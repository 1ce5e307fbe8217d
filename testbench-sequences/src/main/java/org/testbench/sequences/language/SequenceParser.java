package org.testbench.sequences.language;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.testbench.mdms.Utf8Text;
import org.testbench.mdms.binding.Capability;
import org.testbench.sequences.language.Action.Via;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.yaml.InputFileException;
import org.testbench.sequences.yaml.YamlComposer;
import org.testbench.sequences.yaml.YamlReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a sequence file into a checked {@link Sequence}. Everything that can be known before a run is
 * checked here — keys, step kinds, capabilities, durations, limits, references to parameters and
 * earlier steps — so a file with an error never starts, and the error names file, line and column.
 */
public final class SequenceParser {

    /** Capabilities a binding maps to MDMS operations (docs/binding.md). */
    public static final List<String> MDMS_CAPABILITIES = java.util.Arrays.stream(Capability.values())
            .map(Capability::id).toList();
    /** Names every step can reference without defining them: the position and the serial assigned to it. */
    public static final List<String> BUILT_IN_NAMES = List.of("position", "serial", "now");

    static final List<String> STEP_KINDS = List.of("meter.read", "meter.switch", "meter.attack", "bench.source",
            "bench.measure", "bench.amiLink", "bench.supply", "verify.loadSwitch", "check", "poll", "prompt", "wait",
            "tls.audit", "bench.tamper", "events.expect");
    private static final List<String> ROOT_KEYS = List.of("sequence", "title", "description", "parameters", "steps",
            "cleanup");
    private static final List<String> STEP_KEYS = List.of("id", "name", "timeout", "retries", "retry_delay", "on_fail",
            "expect");
    private static final List<String> LIMIT_KEYS = List.of("equals", "not_equals", "below", "above", "range",
            "within_percent", "within", "matches");
    private static final List<String> CHECK_KEYS = List.of("value", "equals", "not_equals", "below", "above", "range",
            "within_percent", "within", "of", "matches", "finding", "message");
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_MDMS_TIMEOUT = Duration.ofMinutes(5);

    private SequenceParser() {
    }

    public static Sequence parse(Path file) throws InputFileException, IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InputFileException(file.toString(), 1, 1, "file is larger than " + MAX_FILE_BYTES
                        + " bytes: not a sequence");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "sequence file does not exist");
        }
        return parse(file.toString(), bytes);
    }

    public static Sequence parse(String fileName, byte[] bytes) throws InputFileException {
        String text;
        try {
            text = Utf8Text.decode(bytes);
        } catch (Utf8Text.Malformed e) {
            throw new InputFileException(fileName, e.location().line(), e.location().column(), e.getMessage());
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_FILE_BYTES);
        Node root = YamlComposer.compose(fileName, text, options, line -> hintFor(text, line));
        if (root == null) {
            throw new InputFileException(fileName, 1, 1, "the file is empty (expected 'sequence:' and 'steps:')");
        }
        return new SequenceParser.Reading(fileName, text, sha256(bytes)).sequence(root);
    }

    /** The one YAML trap of this language: '{' of a reference inside a { } mapping. */
    private static String hintFor(String text, int line) {
        String[] lines = text.split("\n", -1);
        String l = line >= 1 && line <= lines.length ? lines[line - 1] : "";
        return l.contains("{") && l.matches(".*[{,]\\s*\\w+:\\s*\\$\\{.*")
                ? " (a ${...} reference inside { } must be quoted: \"${...}\")" : "";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file being read: the names known so far, for reference checks. */
    private static final class Reading {
        private final YamlReader yaml;
        private final String fileName;
        private final String text;
        private final String sha256;
        private final Set<String> knownNames = new HashSet<>(BUILT_IN_NAMES);
        /** The action of each step read so far, for the fields a reference may name. */
        private final Map<String, Action> stepActions = new java.util.HashMap<>();
        private final Set<String> stepIds = new HashSet<>();
        private int stepCounter;

        Reading(String fileName, String text, String sha256) {
            this.yaml = new YamlReader(fileName);
            this.fileName = fileName;
            this.text = text;
            this.sha256 = sha256;
        }

        Sequence sequence(Node root) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(root, "the sequence file");
            yaml.onlyKeys(entries, ROOT_KEYS, "the sequence file");
            NodeTuple name = required(entries, "sequence", root, "the sequence file");
            String sequenceName = yaml.text(name.getValueNode(), "sequence (its name)");
            String title = optionalText(entries, "title");
            String description = optionalText(entries, "description");

            Map<String, Template> parameters = new LinkedHashMap<>();
            if (entries.containsKey("parameters")) {
                Map<String, NodeTuple> params = yaml.mapping(entries.get("parameters").getValueNode(), "parameters");
                for (Map.Entry<String, NodeTuple> p : params.entrySet()) {
                    checkName(p.getValue().getKeyNode(), p.getKey(), "parameter");
                    parameters.put(p.getKey(), literal(p.getValue().getValueNode(), "parameter '" + p.getKey() + "'"));
                    knownNames.add(p.getKey());
                }
            }
            NodeTuple stepsEntry = required(entries, "steps", root, "the sequence file");
            List<Step> steps = steps(stepsEntry.getValueNode(), "steps");
            if (steps.isEmpty()) {
                throw yaml.error(stepsEntry.getValueNode(), "'steps' is empty: a sequence needs at least one step");
            }
            List<Step> cleanup = entries.containsKey("cleanup")
                    ? steps(entries.get("cleanup").getValueNode(), "cleanup") : List.of();
            return new Sequence(sequenceName, title, description, parameters, steps, cleanup, text, sha256, fileName);
        }

        private NodeTuple required(Map<String, NodeTuple> entries, String key, Node parent, String what)
                throws InputFileException {
            NodeTuple t = entries.get(key);
            if (t == null) {
                throw yaml.error(parent, what + " has no '" + key + "'");
            }
            return t;
        }

        private String optionalText(Map<String, NodeTuple> entries, String key) throws InputFileException {
            return entries.containsKey(key) ? yaml.scalar(entries.get(key).getValueNode(), key) : null;
        }

        private Template literal(Node node, String what) throws InputFileException {
            Template t = template(node, what);
            if (!t.isLiteral()) {
                throw yaml.error(node, what + " must be a plain value, not a reference");
            }
            return t;
        }

        private void checkName(Node node, String name, String what) throws InputFileException {
            if (!ID.matcher(name).matches()) {
                throw yaml.error(node, what + " name '" + name + "' must start with a letter and hold only letters, "
                        + "digits and '_'");
            }
            if (BUILT_IN_NAMES.contains(name)) {
                throw yaml.error(node, "'" + name + "' is a built-in name (" + String.join(", ", BUILT_IN_NAMES)
                        + "): choose another " + what + " name");
            }
            if (knownNames.contains(name)) {
                throw yaml.error(node, what + " name '" + name + "' is already used in this file");
            }
        }

        private List<Step> steps(Node node, String what) throws InputFileException {
            List<Step> steps = new ArrayList<>();
            for (Node item : yaml.sequence(node, what)) {
                steps.add(step(item));
            }
            return steps;
        }

        private Step step(Node node) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(node, "a step");
            List<String> actionKeys = entries.keySet().stream().filter(k -> !STEP_KEYS.contains(k)).toList();
            if (actionKeys.isEmpty()) {
                throw yaml.error(node, "a step needs one action (" + String.join(", ", STEP_KINDS) + " or mdms.<capability>)");
            }
            if (actionKeys.size() > 1) {
                throw yaml.error(entries.get(actionKeys.get(1)).getKeyNode(), "a step has one action, found '"
                        + actionKeys.get(0) + "' and '" + actionKeys.get(1) + "' (split it into two steps)");
            }
            String id;
            Node idNode = node;
            if (entries.containsKey("id")) {
                idNode = entries.get("id").getValueNode();
                id = yaml.text(idNode, "id");
                checkName(idNode, id, "step");
            } else {
                do {
                    id = "step" + ++stepCounter;
                } while (knownNames.contains(id));
            }
            NodeTuple actionEntry = entries.get(actionKeys.get(0));
            Action action = action(actionKeys.get(0), actionEntry.getKeyNode(), actionEntry.getValueNode(), id);
            // The step's own result may be checked in its 'expect'.
            knownNames.add(id);
            stepActions.put(id, action);
            stepIds.add(id);
            List<Check> expect = new ArrayList<>();
            if (entries.containsKey("expect")) {
                for (Node c : yaml.sequence(entries.get("expect").getValueNode(), "expect")) {
                    expect.add(check(c, "an expectation"));
                }
            }
            Duration timeout = entries.containsKey("timeout")
                    ? yaml.duration(entries.get("timeout").getValueNode(), "timeout")
                    : action instanceof Action.MdmsCall || action instanceof Action.Poll || action instanceof Action.MdmsKeys
                    || action instanceof Action.MeterAttack ? DEFAULT_MDMS_TIMEOUT
                    : action instanceof Action.Prompt ? Duration.ofHours(8) : DEFAULT_TIMEOUT;
            int retries = entries.containsKey("retries")
                    ? yaml.integer(entries.get("retries").getValueNode(), "retries", 0, 100) : 0;
            Duration retryDelay = entries.containsKey("retry_delay")
                    ? yaml.duration(entries.get("retry_delay").getValueNode(), "retry_delay") : Duration.ofSeconds(1);
            OnFail onFail = entries.containsKey("on_fail")
                    ? yaml.choice(entries.get("on_fail").getValueNode(), "on_fail", OnFail.class) : OnFail.STOP;
            String name = entries.containsKey("name") ? yaml.scalar(entries.get("name").getValueNode(), "name") : null;
            return new Step(id, name, action, expect, timeout, retries, retryDelay, onFail, yaml.location(node));
        }

        private Action action(String kind, Node keyNode, Node value, String stepId) throws InputFileException {
            if (kind.startsWith("mdms.")) {
                return mdms(kind.substring("mdms.".length()), keyNode, value);
            }
            return switch (kind) {
                case "meter.read" -> meterRead(value);
                case "meter.switch" -> meterSwitch(value);
                case "meter.attack" -> meterAttack(value);
                case "bench.source" -> benchSource(value);
                case "bench.measure" -> new Action.BenchMeasure();
                case "bench.amiLink" -> new Action.BenchAmiLink(onOffOrKey(value, "up", "bench.amiLink"));
                case "bench.supply" -> new Action.BenchSupply(onOffOrKey(value, "on", "bench.supply"));
                case "verify.loadSwitch" -> verifyLoadSwitch(value);
                case "bench.tamper" -> new Action.BenchTamper(isMapping(value)
                        ? yaml.choice(requiredValue(value, "kind", "bench.tamper"), "tamper", Action.TamperKind.class)
                        : yaml.choice(value, "tamper", Action.TamperKind.class));
                case "events.expect" -> eventsExpect(value);
                case "check" -> new Action.CheckValue(check(value, "check"));
                case "poll" -> poll(value, stepId);
                case "prompt" -> prompt(value);
                case "tls.audit" -> tlsAudit(value);
                case "wait" -> new Action.Wait(isMapping(value)
                        ? yaml.duration(requiredValue(value, "duration", "wait"), "wait duration")
                        : yaml.duration(value, "wait"));
                default -> throw yaml.error(keyNode, "unknown step '" + kind + "'"
                        + YamlReader.suggestion(kind, STEP_KINDS) + " (expected: " + String.join(", ", STEP_KINDS)
                        + " or mdms.<capability>)");
            };
        }

        private Action mdms(String capability, Node keyNode, Node value) throws InputFileException {
            if (!MDMS_CAPABILITIES.contains(capability)) {
                throw yaml.error(keyNode, "unknown MDMS capability '" + capability + "'"
                        + YamlReader.suggestion(capability, MDMS_CAPABILITIES) + " (expected: "
                        + String.join(", ", MDMS_CAPABILITIES) + ")");
            }
            if (capability.equals("keys.get")) {
                return mdmsKeys(value);
            }
            Map<String, Template> params = new LinkedHashMap<>();
            boolean follow = true;
            if (!isEmpty(value)) {
                for (Map.Entry<String, NodeTuple> p : yaml.mapping(value, "mdms." + capability).entrySet()) {
                    if (p.getKey().equals("follow")) {
                        follow = yaml.bool(p.getValue().getValueNode(), "follow");
                    } else {
                        params.put(p.getKey(), reference(p.getValue().getValueNode(), "parameter '" + p.getKey() + "'"));
                    }
                }
            }
            return new Action.MdmsCall(Capability.parse(capability), params, follow);
        }

        /** {@code mdms.keys.get: {}} or {@code {serial: ...}}: the bench's certificate is added by the engine. */
        private Action mdmsKeys(Node value) throws InputFileException {
            if (isEmpty(value)) {
                return new Action.MdmsKeys(Optional.empty());
            }
            Map<String, NodeTuple> entries = yaml.mapping(value, "mdms.keys.get");
            yaml.onlyKeys(entries, List.of("serial"), "mdms.keys.get");
            return new Action.MdmsKeys(optionalReference(entries, "serial"));
        }

        /** {@code meter.attack: {}}, {@code all}, or {@code {attacks: [replayed-counter, ...]}}. */
        private Action meterAttack(Node value) throws InputFileException {
            if (isEmpty(value)) {
                return new Action.MeterAttack(Action.MeterAttack.ATTACKS);
            }
            if (!isMapping(value)) {
                String all = yaml.scalar(value, "meter.attack").strip();
                if (!all.equals("all")) {
                    throw yaml.error(value, "meter.attack takes 'all', {} or {attacks: [...]}, found '" + all + "'");
                }
                return new Action.MeterAttack(Action.MeterAttack.ATTACKS);
            }
            Map<String, NodeTuple> entries = yaml.mapping(value, "meter.attack");
            yaml.onlyKeys(entries, List.of("attacks", "layer"), "meter.attack");
            List<String> layers = new ArrayList<>();
            if (entries.containsKey("layer")) {
                Node layerNode = entries.get("layer").getValueNode();
                List<Node> names = isScalarNode(layerNode) ? List.of(layerNode) : yaml.sequence(layerNode, "layer");
                for (Node l : names) {
                    String name = yaml.text(l, "a layer");
                    if (!Action.MeterAttack.LAYERS.contains(name)) {
                        throw yaml.error(l, "unknown layer '" + name + "'" + YamlReader.suggestion(name,
                                Action.MeterAttack.LAYERS) + " (expected: " + String.join(", ",
                                Action.MeterAttack.LAYERS) + ")");
                    }
                    if (!layers.contains(name)) {
                        layers.add(name);
                    }
                }
                if (!entries.containsKey("attacks")) {
                    return new Action.MeterAttack(List.of(), layers);
                }
            }
            List<String> attacks = new ArrayList<>();
            Node list = requiredValue(value, "attacks", "meter.attack");
            for (Node a : yaml.sequence(list, "attacks")) {
                String name = yaml.text(a, "an attack");
                if (!Action.MeterAttack.ATTACKS.contains(name)) {
                    throw yaml.error(a, "unknown attack '" + name + "'"
                            + YamlReader.suggestion(name, Action.MeterAttack.ATTACKS) + " (expected: "
                            + String.join(", ", Action.MeterAttack.ATTACKS) + ")");
                }
                if (attacks.contains(name)) {
                    throw yaml.error(a, "attack '" + name + "' is named twice");
                }
                attacks.add(name);
            }
            if (attacks.isEmpty()) {
                throw yaml.error(list, "attacks is empty: name at least one, or leave it out for all");
            }
            return new Action.MeterAttack(Action.MeterAttack.ATTACKS.stream().filter(attacks::contains).toList(), layers);
        }

        private Action meterRead(Node value) throws InputFileException {
            List<String> objects = new ArrayList<>(List.of("serial", "firmware", "energyImport", "energyExport",
                    "loadSwitch"));
            Via via = Via.OPTICAL;
            if (!isEmpty(value)) {
                Map<String, NodeTuple> entries = yaml.mapping(value, "meter.read");
                yaml.onlyKeys(entries, List.of("objects", "via"), "meter.read");
                if (entries.containsKey("objects")) {
                    objects.clear();
                    for (Node o : yaml.sequence(entries.get("objects").getValueNode(), "objects")) {
                        String name = yaml.text(o, "an object");
                        if (!Action.MeterRead.NAMED_OBJECTS.contains(name) && !looksLikeObis(name)) {
                            throw yaml.error(o, "unknown object '" + name + "'"
                                    + YamlReader.suggestion(name, Action.MeterRead.NAMED_OBJECTS) + " (expected: "
                                    + String.join(", ", Action.MeterRead.NAMED_OBJECTS) + " or an OBIS code)");
                        }
                        objects.add(name);
                    }
                }
                if (entries.containsKey("via")) {
                    via = yaml.choice(entries.get("via").getValueNode(), "via", Via.class);
                }
            }
            return new Action.MeterRead(objects, via);
        }

        private static boolean looksLikeObis(String s) {
            return s.matches("\\d{1,3}[.-]\\d{1,3}[.:]\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?:[.*&]\\d{1,3})?");
        }

        private Action meterSwitch(Node value) throws InputFileException {
            Node actionNode = value;
            Via via = Via.OPTICAL;
            if (isMapping(value)) {
                Map<String, NodeTuple> entries = yaml.mapping(value, "meter.switch");
                yaml.onlyKeys(entries, List.of("action", "via"), "meter.switch");
                actionNode = requiredValue(value, "action", "meter.switch");
                if (entries.containsKey("via")) {
                    via = yaml.choice(entries.get("via").getValueNode(), "via", Via.class);
                }
            }
            String a = yaml.scalar(actionNode, "meter.switch action").strip().toLowerCase(java.util.Locale.ROOT);
            return switch (a) {
                case "open" -> new Action.MeterSwitch(Action.SwitchAction.OPEN, via);
                case "close" -> new Action.MeterSwitch(Action.SwitchAction.CLOSE, via);
                case "complete" -> new Action.MeterSwitch(Action.SwitchAction.COMPLETE, via);
                default -> throw yaml.error(actionNode, "meter.switch action must be open, close or complete, found '"
                        + a + "'");
            };
        }

        private Action benchSource(Node value) throws InputFileException {
            if (!isMapping(value)) {
                return new Action.BenchSource(yaml.bool(value, "bench.source"), Optional.empty(), Optional.empty(),
                        Optional.empty());
            }
            Map<String, NodeTuple> entries = yaml.mapping(value, "bench.source");
            yaml.onlyKeys(entries, List.of("on", "voltage", "current", "phase"), "bench.source");
            boolean on = yaml.bool(requiredValue(value, "on", "bench.source"), "on");
            return new Action.BenchSource(on, optionalReference(entries, "voltage"),
                    optionalReference(entries, "current"), optionalReference(entries, "phase"));
        }

        private Action verifyLoadSwitch(Node value) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(value, "verify.loadSwitch");
            yaml.onlyKeys(entries, List.of("expect", "mdms", "nominal_current", "open_below", "closed_tolerance_percent"),
                    "verify.loadSwitch");
            Node expectNode = requiredValue(value, "expect", "verify.loadSwitch");
            String expect = yaml.scalar(expectNode, "expect").strip().toLowerCase(java.util.Locale.ROOT);
            if (!expect.equals("open") && !expect.equals("closed")) {
                throw yaml.error(expectNode, "verify.loadSwitch expects open or closed, found '" + expect + "'");
            }
            Template nominal = reference(requiredValue(value, "nominal_current", "verify.loadSwitch"), "nominal_current");
            Template openBelow = entries.containsKey("open_below")
                    ? reference(entries.get("open_below").getValueNode(), "open_below") : Template.of("50 mA");
            double tolerance = entries.containsKey("closed_tolerance_percent")
                    ? yaml.number(entries.get("closed_tolerance_percent").getValueNode(), "closed_tolerance_percent") : 5;
            return new Action.VerifyLoadSwitch(expect.equals("closed"), optionalReference(entries, "mdms"), nominal,
                    openBelow, tolerance);
        }

        private Action poll(Node value, String stepId) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(value, "poll");
            yaml.onlyKeys(entries, List.of("step", "until", "timeout", "interval"), "poll");
            Node inner = requiredValue(value, "step", "poll");
            Map<String, NodeTuple> innerEntries = yaml.mapping(inner, "the polled step");
            if (innerEntries.size() != 1) {
                throw yaml.error(inner, "the polled step has exactly one action, e.g. 'mdms.loadSwitch.status: {}'");
            }
            Map.Entry<String, NodeTuple> only = innerEntries.entrySet().iterator().next();
            if (only.getKey().equals("poll")) {
                throw yaml.error(only.getValue().getKeyNode(), "a poll cannot poll another poll");
            }
            Action action = action(only.getKey(), only.getValue().getKeyNode(), only.getValue().getValueNode(), stepId);
            knownNames.add(stepId); // 'until' refers to the latest result of this step
            stepActions.put(stepId, action);
            List<Check> until = new ArrayList<>();
            for (Node c : yaml.sequence(requiredValue(value, "until", "poll"), "until")) {
                until.add(check(c, "a poll condition"));
            }
            knownNames.remove(stepId);
            Duration timeout = yaml.duration(requiredValue(value, "timeout", "poll"), "poll timeout");
            Duration interval = entries.containsKey("interval")
                    ? yaml.duration(entries.get("interval").getValueNode(), "poll interval") : Duration.ofSeconds(5);
            if (interval.compareTo(timeout) > 0) {
                throw yaml.error(entries.get("interval").getValueNode(), "poll interval " + interval.toSeconds()
                        + " s is longer than its timeout " + timeout.toSeconds() + " s");
            }
            return new Action.Poll(action, until, timeout, interval);
        }

        private Action tlsAudit(Node value) throws InputFileException {
            if (isEmpty(value)) {
                return new Action.TlsAudit(Optional.empty(), Optional.empty());
            }
            if (!isMapping(value)) {
                throw yaml.error(value, "tls.audit takes {} or {url: ..., ca: ...}");
            }
            Map<String, NodeTuple> entries = yaml.mapping(value, "tls.audit");
            yaml.onlyKeys(entries, List.of("url", "ca"), "tls.audit");
            return new Action.TlsAudit(optionalReference(entries, "url"), optionalReference(entries, "ca"));
        }

        private Action eventsExpect(Node value) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(value, "events.expect");
            yaml.onlyKeys(entries, List.of("type", "via", "within", "timeout", "verify_signature", "meter_log", "replay"),
                    "events.expect");
            Action.EventKind type = yaml.choice(requiredValue(value, "type", "events.expect"), "event type",
                    Action.EventKind.class);
            Action.EventVia via = entries.containsKey("via")
                    ? yaml.choice(entries.get("via").getValueNode(), "via", Action.EventVia.class) : Action.EventVia.BOTH;
            Duration within = entries.containsKey("within")
                    ? yaml.duration(entries.get("within").getValueNode(), "within") : Duration.ofMillis(500);
            Duration timeout = entries.containsKey("timeout")
                    ? yaml.duration(entries.get("timeout").getValueNode(), "timeout")
                    : within.multipliedBy(4).compareTo(Duration.ofSeconds(3)) > 0 ? within.multipliedBy(4)
                    : Duration.ofSeconds(3);
            if (timeout.compareTo(within) < 0) {
                throw yaml.error(entries.get("timeout").getValueNode(), "timeout must not be shorter than within");
            }
            boolean verify = !entries.containsKey("verify_signature")
                    || yaml.bool(entries.get("verify_signature").getValueNode(), "verify_signature");
            boolean meterLog = entries.containsKey("meter_log")
                    && yaml.bool(entries.get("meter_log").getValueNode(), "meter_log");
            boolean replay = entries.containsKey("replay") && yaml.bool(entries.get("replay").getValueNode(), "replay");
            if (replay && via != Action.EventVia.BOTH) {
                throw yaml.error(entries.get("replay").getValueNode(),
                        "replay re-publishes what the broker delivered and asks the MDMS: it needs via: both");
            }
            if (verify && via == Action.EventVia.MDMS) {
                throw yaml.error(value, "verify_signature needs the payload from the broker: use via: broker or both,"
                        + " or verify_signature: false");
            }
            return new Action.EventsExpect(type, via, within, timeout, verify, meterLog, replay);
        }

        private Action prompt(Node value) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(value, "prompt");
            yaml.onlyKeys(entries, List.of("kind", "message", "into"), "prompt");
            Action.PromptKind kind = entries.containsKey("kind")
                    ? yaml.choice(entries.get("kind").getValueNode(), "prompt kind", Action.PromptKind.class)
                    : Action.PromptKind.CONFIRM;
            Template message = reference(requiredValue(value, "message", "prompt"), "message");
            String into = null;
            if (kind != Action.PromptKind.CONFIRM) {
                Node intoNode = requiredValue(value, "into", "a prompt that asks for a value");
                into = yaml.text(intoNode, "into");
                if (!ID.matcher(into).matches()) {
                    throw yaml.error(intoNode, "into '" + into + "' must be a plain name");
                }
            }
            return new Action.Prompt(kind, message, into);
        }

        private Check check(Node node, String what) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(node, what);
            yaml.onlyKeys(entries, CHECK_KEYS, what);
            Template value = reference(requiredValue(node, "value", what), "value");
            List<String> limits = entries.keySet().stream().filter(LIMIT_KEYS::contains).toList();
            if (limits.size() != 1) {
                throw yaml.error(node, what + " needs exactly one limit (" + String.join(", ", LIMIT_KEYS) + "), found "
                        + (limits.isEmpty() ? "none" : String.join(" and ", limits)));
            }
            Node limitNode = entries.get(limits.get(0)).getValueNode();
            Limit limit = switch (limits.get(0)) {
                case "equals" -> new Limit.EqualTo(reference(limitNode, "equals"));
                case "not_equals" -> new Limit.NotEqualTo(reference(limitNode, "not_equals"));
                case "below" -> new Limit.Below(reference(limitNode, "below"));
                case "above" -> new Limit.Above(reference(limitNode, "above"));
                case "range" -> range(limitNode);
                case "within_percent" -> new Limit.WithinPercent(reference(requiredValue(node, "of",
                        "a within_percent check"), "of"), yaml.number(limitNode, "within_percent"));
                case "within" -> new Limit.Within(reference(limitNode, "within"),
                        reference(requiredValue(node, "of", "a within check"), "of"));
                default -> matches(limitNode);
            };
            if (!(limit instanceof Limit.WithinPercent) && !(limit instanceof Limit.Within) && entries.containsKey("of")) {
                throw yaml.error(entries.get("of").getKeyNode(), "'of' belongs to within and within_percent only");
            }
            FindingType finding = entries.containsKey("finding")
                    ? yaml.choice(entries.get("finding").getValueNode(), "finding", FindingType.class)
                    : FindingType.LIMIT_EXCEEDED;
            Template message = entries.containsKey("message")
                    ? reference(entries.get("message").getValueNode(), "message") : null;
            return new Check(value, limit, finding, message, yaml.location(node));
        }

        private Limit range(Node node) throws InputFileException {
            List<Node> bounds = yaml.sequence(node, "range");
            if (bounds.size() != 2) {
                throw yaml.error(node, "range needs [min, max], found " + bounds.size() + " value(s)");
            }
            return new Limit.Range(reference(bounds.get(0), "range min"), reference(bounds.get(1), "range max"));
        }

        private Limit matches(Node node) throws InputFileException {
            String regex = yaml.scalar(node, "matches");
            try {
                return new Limit.Matches(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw yaml.error(node, "matches: invalid regular expression: " + e.getDescription());
            }
        }

        private Template template(Node node, String what) throws InputFileException {
            String s = yaml.scalar(node, what);
            String bad = Template.malformedReference(s);
            if (bad != null) {
                throw yaml.error(node, "malformed reference '" + bad + "' in " + what
                        + " (expected ${parameter} or ${stepId.field})");
            }
            return Template.of(s);
        }

        /** A template whose references must name a parameter, a built-in or an earlier step. */
        private Template reference(Node node, String what) throws InputFileException {
            Template t = template(node, what);
            for (String ref : t.references()) {
                String head = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
                if (!knownNames.contains(head)) {
                    throw yaml.error(node, "'${" + ref + "}' in " + what + " refers to '" + head
                            + "', which is no parameter, built-in name or earlier step"
                            + YamlReader.suggestion(head, knownNames));
                }
                checkField(node, ref, head, what);
            }
            return t;
        }

        /** A field of a step whose fields the file tells must be one of them (or the retries' 'attempts'). */
        private void checkField(Node node, String ref, String head, String what) throws InputFileException {
            Action action = stepActions.get(head);
            if (action == null || !ref.contains(".") || action.fields().isEmpty()) {
                return;
            }
            String field = ref.substring(head.length() + 1);
            Set<String> fields = new java.util.TreeSet<>(action.fields().get());
            fields.add("attempts");
            if (!fields.contains(field)) {
                throw yaml.error(node, "'${" + ref + "}' in " + what + " names field '" + field + "' of step '"
                        + head + "' (" + action.kind() + "), which has: " + String.join(", ", fields)
                        + YamlReader.suggestion(field, fields));
            }
        }

        private Optional<Template> optionalReference(Map<String, NodeTuple> entries, String key)
                throws InputFileException {
            return entries.containsKey(key) ? Optional.of(reference(entries.get(key).getValueNode(), key))
                    : Optional.empty();
        }

        private boolean onOffOrKey(Node value, String key, String what) throws InputFileException {
            if (isMapping(value)) {
                Map<String, NodeTuple> entries = yaml.mapping(value, what);
                yaml.onlyKeys(entries, List.of(key), what);
                return yaml.bool(requiredValue(value, key, what), key);
            }
            return yaml.bool(value, what);
        }

        private Node requiredValue(Node mapping, String key, String what) throws InputFileException {
            NodeTuple t = yaml.mapping(mapping, what).get(key);
            if (t == null) {
                throw yaml.error(mapping, what + " needs '" + key + "'");
            }
            return t.getValueNode();
        }

        private static boolean isScalarNode(Node node) {
            return node instanceof ScalarNode;
        }

        private static boolean isMapping(Node node) {
            return node instanceof org.yaml.snakeyaml.nodes.MappingNode;
        }

        private static boolean isEmpty(Node node) {
            return node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~")
                    || s.getValue().equals("null"))
                    || node instanceof org.yaml.snakeyaml.nodes.MappingNode m && m.getValue().isEmpty();
        }
    }
}
