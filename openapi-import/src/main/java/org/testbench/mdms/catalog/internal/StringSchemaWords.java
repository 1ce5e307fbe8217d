package org.testbench.mdms.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.testbench.mdms.internal.WrittenBooleanNode;

/**
 * Gives a string schema back the words its author wrote: YAML 1.1 reads an unquoted {@code enum: [ON, OFF]} as
 * two booleans, so a vendor's relay states would arrive as {@code true}/{@code false}. In a schema of
 * {@code type: string} the enum, const, default and example values are the written text again.
 */
final class StringSchemaWords {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] VALUE_KEYS = {"const", "default", "example"};

    private final Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    static void restore(JsonNode root) {
        new StringSchemaWords().walk(root);
    }

    private void walk(JsonNode node) {
        if (!node.isContainerNode() || !seen.add(node)) {
            return; // an anchor's node is shared by its aliases: once is enough
        }
        if (node instanceof ObjectNode object && isStringSchema(object)) {
            if (object.get("enum") instanceof ArrayNode values) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) instanceof WrittenBooleanNode word) {
                        values.set(i, NODES.textNode(word.written()));
                    }
                }
            }
            for (String key : VALUE_KEYS) {
                if (object.get(key) instanceof WrittenBooleanNode word) {
                    object.set(key, NODES.textNode(word.written()));
                }
            }
        }
        node.forEach(this::walk);
    }

    private static boolean isStringSchema(ObjectNode object) {
        JsonNode type = object.get("type");
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("string".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "string".equals(type.asText());
    }
}
