package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingCheck;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingProblem.Kind;
import org.testbench.mdms.binding.BindingProblem.Severity;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.binding.ErrorPattern;
import org.testbench.mdms.binding.PointerTemplate;
import org.testbench.mdms.binding.ValueSource;
import org.testbench.mdms.binding.ValueTemplate;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiParameter;
import org.testbench.mdms.catalog.ApiRequestBody;
import org.testbench.mdms.catalog.ApiResponse;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.PointerCheck;
import org.testbench.mdms.catalog.ResponseStatus;

/** Checks a binding against a catalog; see {@link Binding#validate(ApiCatalog)}. */
public final class BindingValidator {

    private final Binding binding;
    private final ApiCatalog catalog;
    private final List<BindingProblem> problems = new ArrayList<>();

    public BindingValidator(Binding binding, ApiCatalog catalog) {
        this.binding = binding;
        this.catalog = catalog;
    }

    public BindingCheck validate() {
        for (Capability capability : Capability.values()) {
            Optional<BindingEntry> entry = binding.entry(capability);
            if (entry.isPresent()) {
                check(entry.get());
            } else {
                problem(capability, Kind.NOT_BOUND, Severity.WARNING, "capability",
                        capability + " is not bound: sequences that use it cannot run");
            }
        }
        checkDefaultPatterns();
        return new BindingCheck(problems);
    }

    private void check(BindingEntry entry) {
        Capability c = entry.capability();
        Optional<ApiOperation> resolved = entry.operation().resolve(catalog);
        if (resolved.isEmpty()) {
            problem(c, Kind.UNKNOWN_OPERATION, Severity.ERROR, "operation", c + ": operation '" + entry.operation()
                    + "' is not in " + catalog.title() + " " + catalog.version() + nearMiss(entry));
            return;
        }
        ApiOperation op = resolved.get();
        checkParameters(entry, op);
        checkPlaceholders(entry);
        checkBody(entry, op);
        checkValues(entry, op);
        checkAsync(entry);
        if (c == Capability.COMMAND_STATUS) {
            checkStates(entry, op);
        }
        checkPatterns(entry, op);
        checkNotFound(entry, op);
    }

    private String nearMiss(BindingEntry entry) {
        if (entry.operation().operationId().isPresent()) {
            String wanted = entry.operation().operationId().get();
            return catalog.operations().stream().flatMap(o -> o.operationId().stream())
                    .min(Comparator.comparingInt(id -> Words.distance(id.toLowerCase(), wanted.toLowerCase())))
                    .filter(id -> Words.distance(id.toLowerCase(), wanted.toLowerCase()) <= Math.max(3, wanted.length() / 3))
                    .map(id -> " (did you mean " + id + "?)").orElse("");
        }
        String path = entry.operation().key().orElseThrow().path();
        String methods = catalog.operations().stream().filter(o -> o.path().equals(path))
                .map(o -> o.method().name()).collect(Collectors.joining(", "));
        return methods.isEmpty() ? "" : " (the path has " + methods + ")";
    }

    private void checkParameters(BindingEntry entry, ApiOperation op) {
        Capability c = entry.capability();
        for (String name : entry.parameters().keySet()) {
            if (op.parameter(name).isEmpty()) {
                problem(c, Kind.UNKNOWN_PARAMETER, Severity.ERROR, "parameter:" + name, c + ": parameter '" + name
                        + "' is not a parameter of " + op + "; it has: " + names(op.parameters()));
            }
        }
        for (ApiParameter p : op.parameters()) {
            if (p.required() && !entry.parameters().containsKey(p.name())) {
                problem(c, Kind.MISSING_PARAMETER, Severity.ERROR, "parameter:" + p.name(), c + ": " + op
                        + " requires " + p.location() + " parameter '" + p.name() + "', which the binding does not set");
            }
        }
    }

    private static String names(List<ApiParameter> parameters) {
        return parameters.isEmpty() ? "none" : parameters.stream().map(ApiParameter::name).collect(Collectors.joining(", "));
    }

    private void checkPlaceholders(BindingEntry entry) {
        Capability c = entry.capability();
        Set<String> supplied = new LinkedHashSet<>(c.inputs());
        if (c == Capability.COMMAND_STATUS) {
            // Polling happens with what the original call had: its serial and the returned commandId.
            for (Capability asynchronous : Capability.values()) {
                if (asynchronous.expectsCommand()) {
                    supplied.addAll(asynchronous.inputs());
                }
            }
        }
        binding.inputs().values().stream().filter(org.testbench.mdms.binding.InputRule::isChained)
                .forEach(rule -> supplied.add(rule.name()));
        List<ValueTemplate> templates = new ArrayList<>(entry.parameters().values());
        entry.requestBody().ifPresent(templates::add);
        for (ValueTemplate template : templates) {
            for (String name : template.placeholders()) {
                if (!supplied.contains(name)) {
                    problem(c, Kind.UNKNOWN_PLACEHOLDER, Severity.WARNING, "placeholder:" + name, c + ": ${" + name
                            + "} is not among the values the bench supplies for it (" + String.join(", ", supplied)
                            + "); the caller must pass it");
                }
            }
        }
        // A value looked up by an input no call of this capability has could never be read: an error.
        entry.sources().forEach((value, source) -> {
            for (String name : source.placeholders()) {
                if (!supplied.contains(name)) {
                    problem(c, Kind.UNKNOWN_PLACEHOLDER, Severity.ERROR, "value:" + value + ":placeholder:" + name, c
                            + ": value '" + value + "' is looked up by ${" + name + "}, which is not among the inputs of "
                            + c + " (" + String.join(", ", supplied) + "): it could never be read");
                }
            }
        });
    }

    private void checkBody(BindingEntry entry, ApiOperation op) {
        Capability c = entry.capability();
        Optional<ApiRequestBody> body = op.requestBody();
        Optional<ValueTemplate> given = entry.requestBody();
        if (body.isEmpty()) {
            if (given.isPresent()) {
                problem(c, Kind.UNEXPECTED_BODY, Severity.ERROR, "body", c + ": " + op + " takes no request body, but"
                        + " the binding gives " + (entry.body().isEmpty() ? "one" : "body fields "
                        + String.join(", ", entry.body().keySet())));
            }
            return;
        }
        Optional<ApiSchema> schema = body.get().json().flatMap(ApiMediaType::schema);
        if (schema.isEmpty()) {
            return;
        }
        ApiSchema s = schema.get();
        Set<String> required = s.requiredProperties();
        if (given.isEmpty()) {
            if (body.get().required() && !required.isEmpty()) {
                problem(c, Kind.MISSING_BODY, Severity.ERROR, "body", c + ": " + op + " requires a request body with "
                        + String.join(", ", required) + "; the binding gives no body fields");
            }
            return;
        }
        walk(entry, op, s.componentName().orElse("(inline)"), given.get(), s, "");
    }

    /** Checks a body template against its schema at every depth; {@code at} is the JSON Pointer of the place. */
    private void walk(BindingEntry entry, ApiOperation op, String schemaName, ValueTemplate value, ApiSchema schema,
                      String at) {
        Capability c = entry.capability();
        String place = at.isEmpty() ? "the body" : "body field '" + shown(at) + "'";
        Optional<String> type = schema.type();
        if (value.fields().isPresent()) {
            if (type.isPresent() && !type.get().equals("object")) {
                problem(c, Kind.BAD_BODY_VALUE, Severity.ERROR, "body:" + at, c + ": " + place + " is an object, but"
                        + " the request schema " + schemaName + " of " + op + " wants " + article(type.get()) + " there");
                return;
            }
            Map<String, ValueTemplate> fields = value.fields().get();
            fields.forEach((field, member) -> {
                String child = at + "/" + field.replace("~", "~0").replace("/", "~1");
                if (schema.check(JsonPointer.compile("/" + field.replace("~", "~0").replace("/", "~1")))
                        == PointerCheck.ABSENT) {
                    problem(c, Kind.UNKNOWN_BODY_FIELD, Severity.ERROR, "body:" + child, c + ": body field '"
                            + shown(child) + "' is not in the request schema " + schemaName + " of " + op + " (it has"
                            + (at.isEmpty() ? "" : " at " + at) + ": " + String.join(", ", schema.propertyNames()) + ")");
                    return;
                }
                schema.property(field).ifPresent(p -> walk(entry, op, schemaName, member, p, child));
            });
            for (String name : schema.requiredProperties()) {
                if (!fields.containsKey(name)) {
                    String child = at + "/" + name;
                    problem(c, Kind.MISSING_BODY_FIELD, Severity.ERROR, "body:" + child, c + ": the request schema "
                            + schemaName + " of " + op + " requires body field '" + shown(child) + "', which the binding"
                            + " does not set");
                }
            }
            return;
        }
        if (value.elements().isPresent()) {
            if (type.isPresent() && !type.get().equals("array")) {
                problem(c, Kind.BAD_BODY_VALUE, Severity.ERROR, "body:" + at, c + ": " + place + " is a list, but the"
                        + " request schema " + schemaName + " of " + op + " wants " + article(type.get()) + " there");
                return;
            }
            List<ValueTemplate> elements = value.elements().get();
            for (int i = 0; i < elements.size(); i++) {
                int index = i;
                schema.items().ifPresent(items -> walk(entry, op, schemaName, elements.get(index), items, at + "/" + index));
            }
            return;
        }
        // A single value: a literal, one whole placeholder (the input's type), or text.
        String given;
        Optional<String> valueType;
        if (value.isLiteral()) {
            JsonNode literal = value.literalValue();
            given = literal.isTextual() ? literal.asText() : literal.toString();
            valueType = Optional.of(jsonType(literal));
        } else if (value.wholePlaceholder().isPresent()) {
            String input = value.wholePlaceholder().get();
            given = value.toString();
            valueType = inputType(input);
        } else {
            given = value.toString();
            valueType = Optional.of("string");
        }
        if (type.isPresent() && valueType.isPresent() && !compatible(valueType.get(), type.get())) {
            problem(c, Kind.BAD_BODY_VALUE, Severity.ERROR, "body:" + at, c + ": " + place + " = " + given + " is "
                    + article(valueType.get()) + (value.isLiteral() ? "" : " (the input's type)") + ", but the request"
                    + " schema " + schemaName + " of " + op + " wants " + article(type.get()) + " there");
            return;
        }
        List<String> allowed = schema.enumValues();
        if (value.isLiteral() && !allowed.isEmpty() && !allowed.contains(value.literalValue().asText())) {
            problem(c, Kind.BAD_BODY_VALUE, Severity.ERROR, "body:" + at, c + ": " + place + " = " + value
                    + " is not one of " + String.join(", ", allowed));
        }
    }

    /** A top-level field by its name (as format 1 wrote them), a deeper one by its pointer. */
    private static String shown(String pointer) {
        return pointer.lastIndexOf('/') == 0 ? pointer.substring(1).replace("~1", "/").replace("~0", "~") : pointer;
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "an object";
            case "array" -> "a list";
            case "integer" -> "an integer";
            case "string" -> "a text";
            default -> "a " + type;
        };
    }

    private static String jsonType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.isNull() ? "null" : node.isArray() ? "array" : "object";
    }

    private static boolean compatible(String valueType, String schemaType) {
        return valueType.equals(schemaType) || (valueType.equals("integer") && schemaType.equals("number"))
                || valueType.equals("null");
    }

    /** The JSON type of what the bench supplies for an input; empty when it cannot be told (chained, unknown). */
    private Optional<String> inputType(String input) {
        Optional<org.testbench.mdms.binding.InputRule> rule = binding.input(input);
        if (rule.isPresent() && rule.get().isChained()) {
            return Optional.empty();
        }
        boolean written = rule.isPresent() && !rule.get().apply("x").equals("x");
        if (written) {
            return Optional.of("string"); // prefix, padding, OBIS or date form: always text
        }
        return switch (input) {
            case "serial", "obis", "commandId", "message", "benchCertificate", "statusUrl", "now" -> Optional.of("string");
            case "visible" -> Optional.of("boolean");
            default -> Optional.empty();
        };
    }

    private void checkValues(BindingEntry entry, ApiOperation op) {
        Capability c = entry.capability();
        for (String name : c.requiredValues()) {
            if (!entry.sources().containsKey(name)) {
                problem(c, Kind.MISSING_VALUE, Severity.ERROR, "value:" + name, c + ": no pointer for '" + name
                        + "', which the bench reads (add it under values)");
            }
        }
        if (entry.values().isEmpty()) {
            return;
        }
        Optional<ApiResponse> success = op.successResponse();
        Optional<ApiSchema> schema = success.flatMap(ApiResponse::schema);
        if (schema.isEmpty()) {
            problem(c, Kind.NO_RESPONSE_SCHEMA, Severity.WARNING, "response", c + ": " + op
                    + " documents no success response with a schema; the values cannot be checked");
            return;
        }
        String where = "the " + success.get().status() + " response schema "
                + schema.get().componentName().orElse("(inline)") + " of " + op;
        entry.sources().forEach((name, source) -> {
            if (source.pointer().isEmpty() || source.map().isEmpty() || source.matches().isPresent()) {
                return;
            }
            List<String> documented = valueSchema(schema.get(), source).map(ApiSchema::enumValues).orElse(List.of());
            for (String word : documented) {
                if (!source.map().containsKey(word)) {
                    problem(c, Kind.UNMAPPED_ENUM_VALUE, Severity.ERROR, "map:" + name + "=" + word, c + ": value '"
                            + name + "' at " + source.pointer().get() + " may be '" + word + "' (" + where + "), which"
                            + " its map does not have (it maps " + String.join(", ", source.map().keySet()) + ")");
                }
            }
            if (!documented.isEmpty()) {
                source.map().keySet().stream().filter(word -> !documented.contains(word)).forEach(word -> problem(c,
                        Kind.UNKNOWN_STATE, Severity.WARNING, "map:" + name + "=" + word, c + ": value '" + name
                                + "' maps '" + word + "', which the schema does not allow at " + source.pointer().get()
                                + " (enum: " + String.join(", ", documented) + ")"));
            }
        });
        entry.sources().forEach((name, source) -> {
            if (source.pointer().isPresent() && source.selects()) {
                checkSelection(c, name, source, schema.get(), where);
            }
        });
        entry.values().forEach((name, pointer) -> {
            if (entry.source(name).filter(ValueSource::selects).isPresent()) {
                return;
            }
            PointerCheck check = check(schema.get(), pointer);
            if (check == PointerCheck.ABSENT) {
                problem(c, Kind.POINTER_NOT_IN_SCHEMA, Severity.ERROR, "value:" + name + "=" + pointer, c + ": value '"
                        + name + "' at " + pointer + " is not in " + where + " (it has: "
                        + String.join(", ", schema.get().propertyNames()) + ")");
            } else if (check == PointerCheck.UNDETERMINED) {
                problem(c, Kind.POINTER_UNCHECKED, Severity.WARNING, "value:" + name + "=" + pointer, c + ": value '"
                        + name + "' at " + pointer + " cannot be checked: " + where + " leaves that part open");
            }
        });
    }

    private void checkAsync(BindingEntry entry) {
        Capability c = entry.capability();
        if (c.expectsCommand() && !entry.asynchronous()) {
            problem(c, Kind.NOT_ASYNCHRONOUS, Severity.WARNING, "async", c + ": the bench expects a command to"
                    + " follow, but the entry is not async: the answer will be taken as the final outcome");
        }
        if (entry.asynchronous() && binding.entry(Capability.COMMAND_STATUS).isEmpty()) {
            problem(c, Kind.ASYNC_WITHOUT_COMMAND_STATUS, Severity.ERROR, "async", c
                    + " is asynchronous but command.status is not bound: the bench cannot follow the command");
        }
    }

    private void checkStates(BindingEntry entry, ApiOperation op) {
        Optional<JsonPointer> statusPointer = entry.value("status");
        Optional<ApiSchema> schema = op.successResponse().flatMap(ApiResponse::schema);
        if (statusPointer.isEmpty() || schema.isEmpty()) {
            return;
        }
        Optional<ApiSchema> statusSchema = at(schema.get(), statusPointer.get());
        List<String> documented = statusSchema.map(ApiSchema::enumValues).orElse(List.of());
        if (documented.isEmpty()) {
            return;
        }
        CommandStates states = entry.commandStates();
        for (String value : states.all()) {
            if (!documented.contains(value)) {
                problem(entry.capability(), Kind.UNKNOWN_STATE, Severity.WARNING, "state:" + value, entry.capability()
                        + ": state '" + value + "' is not a value the schema allows at " + statusPointer.get()
                        + " (enum: " + String.join(", ", documented) + ")");
            }
        }
        for (String value : documented) {
            if (!states.all().contains(value)) {
                problem(entry.capability(), Kind.UNKNOWN_STATE, Severity.WARNING, "state:" + value, entry.capability()
                        + ": status value '" + value + "' of the schema is not listed under states: the bench would"
                        + " report it as unknown");
            }
        }
    }

    /**
     * A value chosen from a list ({@code where}): the list must be a list in the schema, and the conditions'
     * pointers and the item pointer must be in its elements' schema.
     */
    private void checkSelection(Capability c, String name, ValueSource source, ApiSchema schema, String where) {
        JsonPointer list = source.pointer().get();
        PointerCheck check = check(schema, list);
        String subject = "value:" + name + "=" + list;
        if (check == PointerCheck.ABSENT) {
            problem(c, Kind.POINTER_NOT_IN_SCHEMA, Severity.ERROR, subject, c + ": value '" + name + "' chooses from "
                    + list + ", which is not in " + where + " (it has: " + String.join(", ", schema.propertyNames()) + ")");
            return;
        }
        Optional<ApiSchema> listSchema = PointerTemplate.hasPlaceholders(list) ? Optional.empty() : at(schema, list);
        if (check == PointerCheck.UNDETERMINED || listSchema.isEmpty()) {
            problem(c, Kind.POINTER_UNCHECKED, Severity.WARNING, subject, c + ": value '" + name + "' chooses from "
                    + list + ", which cannot be checked: " + where + " leaves that part open");
            return;
        }
        Optional<ApiSchema> items = listSchema.get().items();
        if (items.isEmpty()) {
            boolean array = listSchema.get().type().filter("array"::equals).isPresent();
            if (array) {
                problem(c, Kind.POINTER_UNCHECKED, Severity.WARNING, subject, c + ": value '" + name + "' chooses from "
                        + list + ", whose elements " + where + " leaves open");
            } else {
                problem(c, Kind.POINTER_NOT_IN_SCHEMA, Severity.ERROR, subject, c + ": value '" + name + "' chooses an"
                        + " element of " + list + ", which is not a list in " + where + " (it is "
                        + listSchema.get().type().map(t -> "a " + t).orElse("not typed") + ")");
            }
            return;
        }
        java.util.Map<String, JsonPointer> inItem = new java.util.LinkedHashMap<>();
        source.where().keySet().forEach(p -> inItem.put("where " + p, p));
        source.item().ifPresent(p -> inItem.put("item " + p, p));
        String element = "the elements of " + list + " in " + where;
        inItem.forEach((what, pointer) -> {
            PointerCheck found = check(items.get(), pointer);
            if (found == PointerCheck.ABSENT) {
                problem(c, Kind.POINTER_NOT_IN_SCHEMA, Severity.ERROR, "value:" + name + ":" + what, c + ": value '"
                        + name + "' " + what + " is not in " + element + " (they have: "
                        + String.join(", ", items.get().propertyNames()) + ")");
            } else if (found == PointerCheck.UNDETERMINED) {
                problem(c, Kind.POINTER_UNCHECKED, Severity.WARNING, "value:" + name + ":" + what, c + ": value '"
                        + name + "' " + what + " cannot be checked: " + element + " leaves that part open");
            }
        });
    }

    /** The schema of a value: at its pointer, or in the element of the list it chooses from. */
    private static Optional<ApiSchema> valueSchema(ApiSchema schema, ValueSource source) {
        Optional<ApiSchema> at = at(schema, source.pointer().get());
        if (!source.selects()) {
            return at;
        }
        Optional<ApiSchema> element = at.flatMap(ApiSchema::items);
        return source.item().isEmpty() ? element : element.flatMap(e -> at(e, source.item().get()));
    }

    /**
     * Like {@link ApiSchema#check}, a placeholder token ({@code /${obis}}) standing for any name the schema
     * allows there: one of its properties, an element of a list, or a name its additionalProperties admits.
     */
    static PointerCheck check(ApiSchema schema, JsonPointer pointer) {
        List<String> tokens = new ArrayList<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            tokens.add(p.getMatchingProperty());
        }
        int first = 0;
        while (first < tokens.size() && !tokens.get(first).contains("${")) {
            first++;
        }
        if (first == tokens.size()) {
            return schema.check(pointer);
        }
        Optional<ApiSchema> here = at(schema, compile(tokens.subList(0, first)));
        Set<String> candidates = new LinkedHashSet<>(here.map(ApiSchema::propertyNames).orElse(Set.of()));
        candidates.add("0");
        candidates.add("\u0000any name"); // a name no property has: what additionalProperties admits
        PointerCheck best = PointerCheck.ABSENT;
        for (String candidate : candidates) {
            List<String> concrete = new ArrayList<>(tokens);
            concrete.set(first, candidate);
            PointerCheck found = check(schema, compile(concrete));
            if (found.ordinal() < best.ordinal()) {
                best = found;
            }
        }
        return best;
    }

    private static JsonPointer compile(List<String> tokens) {
        StringBuilder b = new StringBuilder();
        tokens.forEach(t -> b.append('/').append(t.replace("~", "~0").replace("/", "~1")));
        return JsonPointer.compile(b.toString());
    }

    /** The schema at a pointer, walking properties and array items. */
    static Optional<ApiSchema> at(ApiSchema schema, JsonPointer pointer) {
        Optional<ApiSchema> current = Optional.of(schema);
        for (JsonPointer p = pointer; !p.matches() && current.isPresent(); p = p.tail()) {
            String token = p.getMatchingProperty();
            ApiSchema s = current.get();
            current = token.chars().allMatch(Character::isDigit) && s.items().isPresent() ? s.items() : s.property(token);
        }
        return current;
    }

    private void checkPatterns(BindingEntry entry, ApiOperation op) {
        for (ErrorPattern pattern : entry.meterUnreachable()) {
            for (ResponseStatus status : pattern.statuses()) {
                boolean documented = op.responses().keySet().stream().anyMatch(s -> !s.isDefault()
                        && (s.equals(status) || (!status.isRange() && s.matches(Integer.parseInt(status.key())))));
                if (!documented) {
                    problem(entry.capability(), Kind.PATTERN_UNCHECKED, Severity.WARNING, "pattern:" + pattern,
                            entry.capability() + ": meterUnreachable pattern '" + pattern + "' expects status " + status
                                    + ", which " + op + " does not document");
                }
            }
            pattern.pointer().ifPresent(pointer -> {
                List<ApiSchema> schemas = op.responses().values().stream()
                        .filter(r -> pattern.statuses().isEmpty() || pattern.statuses().stream().anyMatch(r.status()::equals)
                                || pattern.statuses().stream().anyMatch(s -> !r.status().isDefault() && !r.status().isRange()
                                && s.matches(Integer.parseInt(r.status().key()))))
                        .flatMap(r -> r.schema().stream()).toList();
                if (!schemas.isEmpty() && schemas.stream().allMatch(s -> s.check(pointer) == PointerCheck.ABSENT)) {
                    problem(entry.capability(), Kind.PATTERN_UNCHECKED, Severity.WARNING, "pattern:" + pattern,
                            entry.capability() + ": meterUnreachable pattern '" + pattern + "' looks at " + pointer
                                    + ", which no matching response schema of " + op + " has");
                }
            });
        }
    }

    /**
     * A "not found" rule decides a verdict (an unknown meter answered correctly, or blamed), so a pointer that no
     * response it can match has is an error, not a warning: the rule could never hold. Without a status the rule
     * is about the success answers.
     */
    private void checkNotFound(BindingEntry entry, ApiOperation op) {
        Capability c = entry.capability();
        for (ErrorPattern pattern : entry.notFound()) {
            for (ResponseStatus status : pattern.statuses()) {
                boolean documented = op.responses().keySet().stream().anyMatch(s -> !s.isDefault()
                        && (s.equals(status) || (!status.isRange() && s.matches(Integer.parseInt(status.key())))));
                if (!documented) {
                    problem(c, Kind.PATTERN_UNCHECKED, Severity.WARNING, "notFound:" + pattern, c + ": notFound pattern '"
                            + pattern + "' expects status " + status + ", which " + op + " does not document");
                }
            }
            if (pattern.pointer().isEmpty()) {
                continue;
            }
            JsonPointer pointer = pattern.pointer().get();
            List<ApiResponse> responses = op.responses().values().stream().filter(r -> matches(pattern, r)).toList();
            List<ApiSchema> schemas = responses.stream().flatMap(r -> r.schema().stream()).toList();
            if (schemas.isEmpty()) {
                problem(c, Kind.NO_RESPONSE_SCHEMA, Severity.WARNING, "notFound:" + pattern, c + ": notFound pattern '"
                        + pattern + "' looks at " + pointer + ", but no matching response of " + op + " has a schema");
            } else if (schemas.stream().allMatch(schema -> schema.check(pointer) == PointerCheck.ABSENT)) {
                problem(c, Kind.POINTER_NOT_IN_SCHEMA, Severity.ERROR, "notFound:" + pattern, c + ": notFound pattern '"
                        + pattern + "' looks at " + pointer + ", which is not in the " + responses.stream()
                        .map(r -> r.status().key()).collect(Collectors.joining(", ")) + " response schema of " + op
                        + " (it has: " + String.join(", ", schemas.get(0).propertyNames()) + ")");
            }
        }
    }

    /** Whether a pattern can match a documented response: its statuses, or the 2xx ones when it names none. */
    private static boolean matches(ErrorPattern pattern, ApiResponse response) {
        ResponseStatus documented = response.status();
        if (pattern.statuses().isEmpty()) {
            return !documented.isDefault() && documented.key().startsWith("2");
        }
        return pattern.statuses().stream().anyMatch(s -> s.equals(documented) || !documented.isDefault()
                && !documented.isRange() && s.matches(Integer.parseInt(documented.key())));
    }

    private void checkDefaultPatterns() {
        for (ErrorPattern pattern : binding.defaultMeterUnreachable()) {
            for (ResponseStatus status : pattern.statuses()) {
                boolean anyDocuments = catalog.operations().stream().anyMatch(op -> op.responses().keySet().stream()
                        .anyMatch(s -> !s.isDefault() && (s.equals(status)
                                || (!status.isRange() && s.matches(Integer.parseInt(status.key()))))));
                if (!anyDocuments) {
                    problems.add(new BindingProblem(Optional.empty(), Kind.PATTERN_UNCHECKED, Severity.WARNING,
                            "pattern:" + pattern, "defaults: meterUnreachable pattern '" + pattern + "' expects status "
                            + status + ", which no operation of " + catalog.title() + " documents"));
                }
            }
        }
    }

    private void problem(Capability capability, Kind kind, Severity severity, String subject, String message) {
        problems.add(new BindingProblem(Optional.of(capability), kind, severity, subject, message));
    }
}
