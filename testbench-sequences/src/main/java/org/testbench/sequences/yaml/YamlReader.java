package org.testbench.sequences.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to a SnakeYAML node tree (sequences, bench configurations) that turns every surprise into a {@link InputFileException} at
 * the node's line and column, naming what was expected.
 */
public final class YamlReader {

    private final String file;

    public YamlReader(String file) {
        this.file = file;
    }

    /**
     * Parses a file's text into its node tree, refusing duplicate keys.
     *
     * @throws InputFileException for an empty file or text that is not YAML, at the place of the problem
     */
    public static Node compose(String file, String text) throws InputFileException {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Node node = new org.yaml.snakeyaml.Yaml(options).compose(new java.io.StringReader(text));
            if (node == null) {
                throw new InputFileException(file, 1, 1, "the file is empty");
            }
            return node;
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new InputFileException(file, mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1, "not valid YAML: " + e.getProblem());
        }
    }

    public InputFileException error(Node node, String problem) {
        return new InputFileException(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1,
                problem);
    }

    public Location location(Node node) {
        return new Location(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** A mapping's entries by key, in file order; keys must be plain scalars. */
    public Map<String, NodeTuple> mapping(Node node, String what) throws InputFileException {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping of keys to values, found " + describe(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw error(t.getKeyNode(), "keys of " + what + " must be plain names");
            }
            if (entries.put(key.getValue(), t) != null) {
                throw error(key, "'" + key.getValue() + "' appears twice in " + what);
            }
        }
        return entries;
    }

    /** Rejects keys outside {@code allowed}, suggesting the closest one. */
    public void onlyKeys(Map<String, NodeTuple> entries, Collection<String> allowed, String what) throws InputFileException {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getValue().getKeyNode(), "unknown key '" + e.getKey() + "' in " + what
                        + suggestion(e.getKey(), allowed) + " (expected: " + String.join(", ", allowed) + ")");
            }
        }
    }

    public List<Node> sequence(Node node, String what) throws InputFileException {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, what + " must be a list (items starting with '- '), found " + describe(node));
        }
        return s.getValue();
    }

    public String scalar(Node node, String what) throws InputFileException {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value, found " + describe(node));
        }
        return s.getValue();
    }

    public String text(Node node, String what) throws InputFileException {
        String s = scalar(node, what);
        if (s.isBlank()) {
            throw error(node, what + " must not be empty");
        }
        return s;
    }

    public boolean bool(Node node, String what) throws InputFileException {
        String s = scalar(node, what).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw error(node, what + " must be on/off (or true/false), found '" + s + "'");
        };
    }

    public int integer(Node node, String what, int min, int max) throws InputFileException {
        String s = scalar(node, what).strip();
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw error(node, what + " must be " + min + ".." + max + ", found " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, found '" + s + "'");
        }
    }

    public double number(Node node, String what) throws InputFileException {
        String s = scalar(node, what).strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a number, found '" + s + "'");
        }
    }

    public java.time.Duration duration(Node node, String what) throws InputFileException {
        try {
            return Durations.parse(scalar(node, what));
        } catch (IllegalArgumentException e) {
            throw error(node, what + ": " + e.getMessage());
        }
    }

    public <E extends Enum<E>> E choice(Node node, String what, Class<E> type) throws InputFileException {
        String s = scalar(node, what).strip();
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String external = e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            names.add(external);
            if (external.equalsIgnoreCase(s) || e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw error(node, what + " '" + s + "' is not one of " + String.join(", ", names) + suggestion(s, names));
    }

    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** ", did you mean 'x'?" when one allowed word is within two edits. */
    public static String suggestion(String given, Collection<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best == null ? "" : ", did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
