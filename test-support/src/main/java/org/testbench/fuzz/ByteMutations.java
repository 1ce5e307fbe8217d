package org.testbench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Changes to bytes the way a damaged copy, a careless edit or a hostile author makes them: bit flips, cuts,
 * repeated or removed ranges, and tokens that mean something to the format put where they do not belong. The
 * tokens are the caller's: those of YAML and the sequence language for a sequence file, of JSON for an event
 * payload. A change's position is taken modulo the input's length, so one change fits every input.
 */
public final class ByteMutations {

    /** Tokens that break the structure of YAML and JSON texts, and characters that trouble a reader or a terminal. */
    public static final List<String> STRUCTURE_TOKENS = List.of(":", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'",
            "&a ", "*a", "<<: *a", "!!binary ", "!!java.lang.Object ", "\t", "\n", "\r", "  ", "~", "null", "1e999",
            "-0", "0x1F", "99999999999999999999", ".inf", "#", "|", ">", "? ", "%YAML 1.2\n", "---\n", "\u0000",
            "\uFEFF", "\u202E", "\u001B[2J", "é", "x".repeat(5000));

    /** One change at a position. */
    public record Change(String kind, int at, int length, String token) {

        byte[] apply(byte[] in) {
            byte[] t = token.getBytes(StandardCharsets.UTF_8);
            if (in.length == 0) {
                return t;
            }
            int i = Math.floorMod(at, in.length);
            int end = Math.min(in.length, i + length);
            return switch (kind) {
                case "flip" -> {
                    byte[] out = in.clone();
                    out[i] ^= (byte) (1 << (length & 7));
                    yield out;
                }
                case "cut" -> Arrays.copyOf(in, i);
                case "remove" -> concat(Arrays.copyOf(in, i), Arrays.copyOfRange(in, end, in.length));
                case "repeat" -> concat(Arrays.copyOf(in, end), Arrays.copyOfRange(in, i, in.length));
                case "insert" -> concat(concat(Arrays.copyOf(in, i), t), Arrays.copyOfRange(in, i, in.length));
                case "replace" -> concat(concat(Arrays.copyOf(in, i), t), Arrays.copyOfRange(in, end, in.length));
                default -> throw new IllegalArgumentException("no such change: " + kind);
            };
        }

        @Override
        public String toString() {
            String shown = token.length() > 24 ? token.substring(0, 12) + "…(" + token.length() + " chars)" : token;
            return kind + "@" + at + (kind.equals("flip") ? " bit " + (length & 7)
                    : kind.equals("insert") || kind.equals("replace") ? " " + escape(shown) : " +" + length);
        }
    }

    private final List<Change> changes;

    private ByteMutations(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    /** One to four changes, each with one of {@code tokens} where it inserts or replaces. */
    public static Arbitrary<ByteMutations> arbitrary(List<String> tokens) {
        Arbitrary<Change> one = Combinators.combine(
                Arbitraries.of("flip", "cut", "remove", "repeat", "insert", "insert", "replace", "replace"),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 40),
                Arbitraries.of(tokens)).as(Change::new);
        return one.list().ofMinSize(1).ofMaxSize(4).map(ByteMutations::new);
    }

    /** {@link #STRUCTURE_TOKENS} and the format's own. */
    public static List<String> tokens(String... more) {
        List<String> all = new ArrayList<>(STRUCTURE_TOKENS);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    public byte[] apply(byte[] in) {
        byte[] out = in;
        for (Change c : changes) {
            out = c.apply(out);
        }
        return out;
    }

    @Override
    public String toString() {
        return changes.stream().map(Change::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7F || (c >= 0x200E && c <= 0x202E) || c == 0xFEFF
                ? String.format("\\u%04X", c) : new String(Character.toChars(c))));
        return b.append('"').toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
