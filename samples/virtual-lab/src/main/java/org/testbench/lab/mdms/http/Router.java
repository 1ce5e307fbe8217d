package org.testbench.lab.mdms.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds the route of a request: by path first, then by method. Immutable. */
final class Router {

    private final List<Entry> entries;

    Router(List<Route> routes) {
        List<Entry> compiled = new ArrayList<>();
        for (Route route : routes) {
            compiled.add(new Entry(route, new PathTemplate(route.template())));
        }
        this.entries = List.copyOf(compiled);
    }

    /** The outcome of routing a request. */
    sealed interface Match permits Found, MethodNotAllowed, NotFound {
    }

    record Found(Route route, Map<String, String> pathParameters) implements Match {
    }

    record MethodNotAllowed(Set<String> allowed) implements Match {
    }

    record NotFound() implements Match {
    }

    Match route(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Entry entry : entries) {
            Optional<Map<String, String>> parameters = entry.template().match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            if (entry.route().method().equals(method)) {
                return new Found(entry.route(), parameters.get());
            }
            allowed.add(entry.route().method());
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowed);
    }

    private record Entry(Route route, PathTemplate template) {
    }
}
