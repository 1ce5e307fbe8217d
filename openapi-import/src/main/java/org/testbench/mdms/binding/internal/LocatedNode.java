package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testbench.mdms.SourceLocation;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.internal.LocatedTree;
import org.testbench.mdms.internal.LocatedTreeReader;

/** A node of a binding file with its place, so that every complaint can name line and column. */
final class LocatedNode {

    private final LocatedTree tree;
    private final JsonNode node;
    private final String pointer;
    private final String source;

    LocatedNode(LocatedTree tree, JsonNode node, String pointer, String source) {
        this.tree = tree;
        this.node = node;
        this.pointer = pointer;
        this.source = source;
    }

    JsonNode json() {
        return node;
    }

    SourceLocation location() {
        return tree.nearestLocation(JsonPointer.compile(pointer)).orElse(new SourceLocation(1, 1));
    }

    BindingException fail(String problem) {
        return new BindingException(source, location(), problem, null);
    }

    BindingException fail(String problem, Throwable cause) {
        return new BindingException(source, location(), problem, cause);
    }

    /** The members of a mapping in file order; fails if this is not a mapping or has keys outside {@code allowed}. */
    Map<String, LocatedNode> fields(String what, Set<String> allowed) throws BindingException {
        if (!node.isObject()) {
            throw fail(what + " must be a mapping, found " + kind());
        }
        Map<String, LocatedNode> fields = new LinkedHashMap<>();
        for (var field : node.properties()) {
            LocatedNode child = child(field.getKey(), field.getValue());
            if (allowed != null && !allowed.contains(field.getKey())) {
                throw child.fail("unknown key '" + field.getKey() + "' in " + what + " (expected: "
                        + String.join(", ", allowed) + ")");
            }
            fields.put(field.getKey(), child);
        }
        return fields;
    }

    Map<String, LocatedNode> fields(String what) throws BindingException {
        return fields(what, null);
    }

    List<LocatedNode> elements(String what) throws BindingException {
        if (!node.isArray()) {
            throw fail(what + " must be a list, found " + kind());
        }
        List<LocatedNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new LocatedNode(tree, node.get(i), pointer + "/" + i, source));
        }
        return elements;
    }

    Optional<LocatedNode> get(String name) {
        JsonNode child = node.get(name);
        return child == null ? Optional.empty() : Optional.of(child(name, child));
    }

    String text(String what) throws BindingException {
        if (!node.isValueNode() || node.isNull()) {
            throw fail(what + " must be a single value, found " + kind());
        }
        return node.asText();
    }

    private LocatedNode child(String name, JsonNode value) {
        return new LocatedNode(tree, value, pointer + "/" + LocatedTreeReader.escape(name), source);
    }

    private String kind() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() ? "nothing" : "'" + node.asText() + "'";
    }
}
