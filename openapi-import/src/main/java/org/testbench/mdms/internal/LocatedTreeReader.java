package org.testbench.mdms.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testbench.mdms.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON into a Jackson tree in one streaming pass and remembers where members start.
 *
 * <p>Why not {@code ObjectMapper.readTree}: a tree has no line numbers, and messages about a
 * vendor's file are only useful with them. Why not swagger-parser's own reader: SnakeYAML refuses
 * documents over 3 MiB unless a global switch is raised, and swagger-parser then drops the reason.
 * Here the size limit is the caller's, duplicate keys are reported with their place, and YAML anchors,
 * aliases and merge keys ({@code <<}) are expanded, which Jackson's YAML parser leaves to its caller.
 */
public final class LocatedTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFactory jsonFactory;
    private final YAMLFactory yamlFactory;
    private final int rememberDepth;

    /**
     * @param maxCodePoints the largest document accepted, in characters
     * @param rememberDepth members up to this depth get a location ({@code /paths/~1x/get} is 3)
     */
    public LocatedTreeReader(int maxCodePoints, int rememberDepth) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxStringLength(Math.max(maxCodePoints, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                .build();
        this.jsonFactory = JsonFactory.builder().streamReadConstraints(constraints).build();
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setCodePointLimit(maxCodePoints);
        loaderOptions.setAllowDuplicateKeys(true); // reported below, with the key and its place
        this.yamlFactory = YAMLFactory.builder().loaderOptions(loaderOptions).streamReadConstraints(constraints).build();
        this.rememberDepth = rememberDepth;
    }

    /** True when the text is JSON rather than YAML: its first significant character opens an object or array. */
    public static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                continue;
            }
            return c == '{' || c == '[';
        }
        return false;
    }

    public LocatedTree read(String text) throws TextSyntaxException {
        try (JsonParser parser = looksLikeJson(text) ? jsonFactory.createParser(text) : yamlFactory.createParser(text)) {
            Builder builder = new Builder(parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TextSyntaxException("the document is empty", new SourceLocation(1, 1), null);
            }
            JsonNode root = builder.value(first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new TextSyntaxException("unexpected content after the end of the document",
                        location(parser.currentTokenLocation()), null);
            }
            return new LocatedTree(root, builder.locations, builder.references);
        } catch (JsonProcessingException e) {
            MarkedYAMLException yamlError = findCause(e, MarkedYAMLException.class);
            if (yamlError != null) {
                throw yamlSyntax(yamlError, e);
            }
            throw new TextSyntaxException(cleanMessage(e), location(e.getLocation()), e);
        } catch (IOException e) {
            // Reading from a String: only the parser's own failures end up here.
            throw new TextSyntaxException(String.valueOf(e.getMessage()), null, e);
        }
    }

    private static String cleanMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        // SnakeYAML repeats the location and a source excerpt on later lines; the first line says what.
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /**
     * SnakeYAML says what it was doing ("while scanning a quoted scalar"), where that began, and what
     * it found and where ("found unexpected end of stream"): the message needs both, at the second place.
     */
    private static TextSyntaxException yamlSyntax(MarkedYAMLException e, Exception wrapper) {
        String problem = e.getProblem() == null ? String.valueOf(e.getMessage()) : e.getProblem();
        String context = e.getContext();
        String message = context == null ? problem : problem + " (" + context + ")";
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        SourceLocation at = mark == null ? null : new SourceLocation(mark.getLine() + 1, mark.getColumn() + 1);
        return new TextSyntaxException(message, at, wrapper);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static SourceLocation location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return null;
        }
        return new SourceLocation(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    private final class Builder {
        private final JsonParser parser;
        private final YAMLParser yaml;
        private final List<String> path = new ArrayList<>();
        private final Map<String, SourceLocation> locations = new HashMap<>();
        private final List<LocatedTree.Reference> references = new ArrayList<>();
        private final Map<String, JsonNode> anchors = new HashMap<>();

        Builder(JsonParser parser) {
            this.parser = parser;
            this.yaml = parser instanceof YAMLParser y ? y : null;
        }

        JsonNode value(JsonToken token) throws IOException, TextSyntaxException {
            String anchor = yaml == null ? null : yaml.getObjectId();
            JsonNode node = switch (token) {
                case START_OBJECT -> object();
                case START_ARRAY -> array();
                case VALUE_STRING -> string();
                case VALUE_NUMBER_INT -> integer();
                case VALUE_NUMBER_FLOAT -> floating();
                case VALUE_TRUE -> bool(true);
                case VALUE_FALSE -> bool(false);
                case VALUE_NULL -> NODES.nullNode();
                case VALUE_EMBEDDED_OBJECT -> NODES.binaryNode(parser.getBinaryValue());
                default -> throw new TextSyntaxException("unexpected " + token, location(parser.currentTokenLocation()), null);
            };
            if (anchor != null && !(yaml != null && yaml.isCurrentAlias())) {
                anchors.put(anchor, node);
            }
            return node;
        }

        /** Keeps the text of a YAML 1.1 boolean other than true/false ({@code ON}): a string schema may want it. */
        private JsonNode bool(boolean value) throws IOException {
            String written = yaml == null ? null : parser.getText();
            return written == null || written.equals(String.valueOf(value)) ? NODES.booleanNode(value)
                    : new WrittenBooleanNode(value, written);
        }

        private JsonNode string() throws IOException, TextSyntaxException {
            if (yaml != null && yaml.isCurrentAlias()) {
                JsonNode target = anchors.get(parser.getText());
                if (target == null) {
                    throw new TextSyntaxException("alias *" + parser.getText() + " refers to no anchor defined before it",
                            location(parser.currentTokenLocation()), null);
                }
                return target;
            }
            return NODES.textNode(parser.getText());
        }

        private JsonNode integer() throws IOException {
            return switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
        }

        private JsonNode floating() throws IOException {
            return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(parser.getDecimalValue())
                    : NODES.numberNode(parser.getDoubleValue());
        }

        private ObjectNode object() throws IOException, TextSyntaxException {
            ObjectNode object = NODES.objectNode();
            Set<String> merged = null;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String name = parser.currentName();
                SourceLocation keyLocation = location(parser.currentTokenLocation());
                path.add(escape(name));
                if (path.size() <= rememberDepth && keyLocation != null) {
                    locations.put(pointer(path.size()), keyLocation);
                }
                JsonToken valueToken = parser.nextToken();
                if ("$ref".equals(name) && valueToken == JsonToken.VALUE_STRING && keyLocation != null) {
                    references.add(new LocatedTree.Reference(pointer(path.size() - 1), parser.getText(), keyLocation));
                }
                JsonNode value = value(valueToken);
                if (yaml != null && "<<".equals(name) && value.isObject()) {
                    // YAML merge key: keys of the merged mapping count unless this mapping sets them itself.
                    merged = merged == null ? new HashSet<>() : merged;
                    for (var field : value.properties()) {
                        if (!object.has(field.getKey())) {
                            object.set(field.getKey(), field.getValue());
                            merged.add(field.getKey());
                        }
                    }
                } else {
                    if (object.has(name) && (merged == null || !merged.remove(name))) {
                        throw new TextSyntaxException("duplicate key '" + name + "'", keyLocation, null);
                    }
                    object.set(name, value);
                }
                path.remove(path.size() - 1);
            }
            return object;
        }

        private ArrayNode array() throws IOException, TextSyntaxException {
            ArrayNode array = NODES.arrayNode();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                path.add(Integer.toString(array.size()));
                if (path.size() <= rememberDepth) {
                    SourceLocation at = location(parser.currentTokenLocation());
                    if (at != null) {
                        locations.put(pointer(path.size()), at);
                    }
                }
                array.add(value(t));
                path.remove(path.size() - 1);
            }
            return array;
        }

        private String pointer(int depth) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                b.append('/').append(path.get(i));
            }
            return b.toString();
        }
    }

    /** JSON Pointer escaping of one reference token (RFC 6901). */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
