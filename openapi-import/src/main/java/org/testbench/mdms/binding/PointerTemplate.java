package org.testbench.mdms.binding;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Pointer whose tokens may hold placeholders (format 2): {@code /${obis}/value} reads the register the
 * bench asked for from an answer keyed by register. Each placeholder is replaced by the input in the form the
 * binding writes it ({@code inputs:}), then escaped as a pointer token ({@code ~0}, {@code ~1}), so a value
 * holding {@code /} stays one step.
 */
public final class PointerTemplate {

    private PointerTemplate() {
    }

    /** Names of the placeholders in the pointer's tokens, in order. */
    public static Set<String> placeholders(JsonPointer pointer) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            String token = p.getMatchingProperty();
            if (token.contains("${")) {
                names.addAll(ValueTemplate.parse(token).placeholders());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public static boolean hasPlaceholders(JsonPointer pointer) {
        return !placeholders(pointer).isEmpty();
    }

    /**
     * The pointer with the values put in.
     *
     * @param written the inputs as the API writes them
     * @throws IllegalArgumentException naming a placeholder without a value
     */
    public static JsonPointer expand(JsonPointer pointer, Map<String, ?> written) {
        if (!pointer.toString().contains("${")) {
            return pointer;
        }
        StringBuilder expanded = new StringBuilder();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            String token = p.getMatchingProperty();
            String value = token.contains("${") ? ValueTemplate.parse(token).renderText(written) : token;
            expanded.append('/').append(value.replace("~", "~0").replace("/", "~1"));
        }
        return JsonPointer.compile(expanded.toString());
    }
}
