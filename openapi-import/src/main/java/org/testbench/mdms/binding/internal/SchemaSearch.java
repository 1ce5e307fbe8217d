package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.internal.LocatedTreeReader;

/** Finds properties in a response schema by name, shallowest first (through arrays: {@code /readings/0/value}), for the suggestions. */
final class SchemaSearch {

    /** Deep enough for {@code /data/readings/0/value}: an envelope, a list, an element, its field. */
    private static final int MAX_DEPTH = 4;

    private record Step(ApiSchema schema, String pointer, int depth) {
    }

    private SchemaSearch() {
    }

    /**
     * The pointer of the first property matching a candidate, candidates in order of preference. A
     * candidate with a slash ({@code reason/code}) must match the last steps of the path.
     */
    static Optional<JsonPointer> find(ApiSchema root, List<String> candidates) {
        for (String candidate : candidates) {
            String suffix = "/" + candidate.toLowerCase(Locale.ROOT);
            Optional<JsonPointer> found = first(root, (pointer, schema) -> pointer.toLowerCase(Locale.ROOT).endsWith(suffix));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The first property (breadth first) whose pointer and schema satisfy the test. */
    static Optional<JsonPointer> first(ApiSchema root, java.util.function.BiPredicate<String, ApiSchema> test) {
        Deque<Step> queue = new ArrayDeque<>();
        queue.add(new Step(root, "", 0));
        root.items().ifPresent(items -> queue.add(new Step(items, "/0", 1)));
        while (!queue.isEmpty()) {
            Step step = queue.removeFirst();
            if (step.depth() >= MAX_DEPTH) {
                continue;
            }
            for (String name : step.schema().propertyNames()) {
                Optional<ApiSchema> property = step.schema().property(name);
                if (property.isEmpty()) {
                    continue;
                }
                String pointer = step.pointer() + "/" + LocatedTreeReader.escape(name);
                if (test.test(pointer, property.get())) {
                    return Optional.of(JsonPointer.compile(pointer));
                }
                queue.add(new Step(property.get(), pointer, step.depth() + 1));
                // Values inside arrays: the first element stands for the answer's list (/readings/0/value).
                property.get().items().ifPresent(items -> queue.add(new Step(items, pointer + "/0", step.depth() + 1)));
            }
        }
        return Optional.empty();
    }

    /** The first enum property with a value matching {@code value}, and that value. */
    static Optional<EnumHit> enumValue(ApiSchema root, Predicate<String> value) {
        EnumHit[] hit = new EnumHit[1];
        first(root, (pointer, schema) -> {
            for (String v : schema.enumValues()) {
                if (value.test(v)) {
                    hit[0] = new EnumHit(JsonPointer.compile(pointer), v);
                    return true;
                }
            }
            return false;
        });
        return Optional.ofNullable(hit[0]);
    }

    record EnumHit(JsonPointer pointer, String value) {
    }
}
