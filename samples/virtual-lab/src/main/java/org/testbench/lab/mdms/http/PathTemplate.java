package org.testbench.lab.mdms.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A path like {@code /meters/{serial}/registers/{obis}}: literal segments and named parameters. */
final class PathTemplate {

    private final String template;
    private final List<String> segments;

    PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
        this.template = template;
        this.segments = split(template);
    }

    /** The parameters of a matching path (percent-decoded), or empty if the path does not match. */
    Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String segment = segments.get(i);
            String part = parts.get(i);
            if (isParameter(segment)) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), decode(part));
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return List.of(trimmed.substring(1).split("/", -1));
    }

    private static String decode(String part) {
        // A '+' in a path is a plus sign, not a space as in a form.
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return template;
    }
}
