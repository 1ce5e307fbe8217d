package org.testbench.mdms.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testbench.mdms.SourceLocation;

/**
 * A parsed YAML or JSON document with the source location of the members a caller asked to
 * remember, keyed by JSON Pointer. Locations let messages point at a line instead of a path only.
 *
 * @param root       the document; callers treat it as read-only
 * @param locations  where each remembered member's key (or array element) starts
 * @param references every {@code $ref} in the document, in document order
 */
public record LocatedTree(JsonNode root, Map<String, SourceLocation> locations, List<Reference> references) {

    public LocatedTree {
        locations = Map.copyOf(locations);
        references = List.copyOf(references);
    }

    /** A {@code $ref} member: the pointer of the object holding it, its text and its place. */
    public record Reference(String holder, String target, SourceLocation location) {
    }

    /** The location of {@code pointer} or of its nearest remembered ancestor. */
    public Optional<SourceLocation> nearestLocation(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null; p = p.head()) {
            SourceLocation found = locations.get(p.toString());
            if (found != null) {
                return Optional.of(found);
            }
            if (p.matches()) {
                break;
            }
        }
        return Optional.empty();
    }
}
