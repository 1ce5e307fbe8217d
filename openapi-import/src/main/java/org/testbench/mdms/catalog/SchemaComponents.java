package org.testbench.mdms.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The named schemas of one document ({@code #/components/schemas}), shared by all its {@link ApiSchema}s
 * so that {@code $ref}s resolve. The tree is never handed out; {@link #copyAsDocument()} gives a copy.
 */
public final class SchemaComponents {

    private final ObjectNode document;
    private final SchemaDialect dialect;

    /** @param schemas the {@code components.schemas} object (not copied: the caller gives up the tree) */
    public SchemaComponents(ObjectNode schemas, SchemaDialect dialect) {
        ObjectNode components = JsonNodeFactory.instance.objectNode();
        components.set("schemas", Objects.requireNonNull(schemas, "schemas"));
        this.document = JsonNodeFactory.instance.objectNode();
        this.document.set("components", components);
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    public static SchemaComponents empty(SchemaDialect dialect) {
        return new SchemaComponents(JsonNodeFactory.instance.objectNode(), dialect);
    }

    public SchemaDialect dialect() {
        return dialect;
    }

    /** How many named schemas there are. */
    public int size() {
        return document.path("components").path("schemas").size();
    }

    /** A copy of {@code {"components":{"schemas":{…}}}}, to embed beside a schema for a validator. */
    public ObjectNode copyAsDocument() {
        return document.deepCopy();
    }

    /** The schema a local {@code $ref} names, or null when it names nothing here. */
    JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        String fragment = URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
        try {
            JsonNode target = document.at(JsonPointer.compile(fragment));
            return target.isMissingNode() ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
