package org.testbench.sequences.config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Which positions a run uses: {@code all}, or a list of numbers and ranges such as {@code 1-4,7}. */
public final class PositionSelection {

    private final TreeSet<Integer> numbers;

    private PositionSelection(TreeSet<Integer> numbers) {
        this.numbers = numbers;
    }

    public static PositionSelection all() {
        return new PositionSelection(null);
    }

    /** @throws IllegalArgumentException naming the part that is not a number or a range */
    public static PositionSelection parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("all")) {
            return all();
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                if (p.contains("-")) {
                    int from = Integer.parseInt(p.substring(0, p.indexOf('-')).strip());
                    int to = Integer.parseInt(p.substring(p.indexOf('-') + 1).strip());
                    if (from < 1 || to < from) {
                        throw new IllegalArgumentException("invalid position range '" + p + "' in '" + text + "'");
                    }
                    for (int i = from; i <= to; i++) {
                        set.add(i);
                    }
                } else {
                    int n = Integer.parseInt(p);
                    if (n < 1) {
                        throw new IllegalArgumentException("positions start at 1, found " + n + " in '" + text + "'");
                    }
                    set.add(n);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' in '" + text
                        + "' is not a position or a range (expected e.g. 1-4,7)", e);
            }
        }
        return new PositionSelection(set);
    }

    List<BenchConfiguration.PositionConfig> apply(List<BenchConfiguration.PositionConfig> configured, String source) {
        if (numbers == null) {
            return configured;
        }
        List<BenchConfiguration.PositionConfig> selected = new ArrayList<>();
        for (int n : numbers) {
            selected.add(configured.stream().filter(p -> p.position() == n).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("position " + n + " is not configured in " + source
                            + " (configured: " + configured.stream().map(p -> Integer.toString(p.position()))
                            .collect(Collectors.joining(", ")) + ")")));
        }
        return selected;
    }
}
