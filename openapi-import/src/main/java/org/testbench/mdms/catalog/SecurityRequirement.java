package org.testbench.mdms.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way of satisfying an operation's security: all the named schemes together, with their scopes.
 * An empty requirement ({@code {}}) means the operation may also be called without credentials.
 */
public record SecurityRequirement(Map<String, List<String>> schemes) {

    public SecurityRequirement {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        schemes.forEach((name, scopes) -> copy.put(name, List.copyOf(scopes)));
        schemes = Collections.unmodifiableMap(copy);
    }

    public boolean isAnonymous() {
        return schemes.isEmpty();
    }

    @Override
    public String toString() {
        return isAnonymous() ? "{} (anonymous)" : String.join(" + ", schemes.keySet());
    }
}
