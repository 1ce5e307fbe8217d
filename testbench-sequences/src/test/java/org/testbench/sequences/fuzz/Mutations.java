package org.testbench.sequences.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Changes to a text file's bytes the way a damaged copy, a careless edit or a hostile author makes them: bit
 * flips, cuts, repeated or removed ranges, and tokens that mean something to YAML or to the sequence language
 * put where they do not belong.
 */
record Mutations(List<Mutation> steps) {

    private static final List<String> TOKENS = List.of(":", ": ", "- ", "-", "[", "]", "{", "}", ",", "\"", "'",
            "${", "${position}", "}}", "${optical.", "&a ", "*a", "!!binary ", "!!java.lang.Object ", "\t", "\n", "\r",
            "  ", "    ", "~", "null", "1e999", "-0", "0x1F", "99999999999999999999", "NaN", ".inf", "#", "|", ">",
            "? ", "%YAML 1.2\n", "---\n", "...\n", "\u0000", "\uFEFF", "\u202E", "é", "kWh", " ms", " min", "1 s",
            "steps:", "cleanup:", "expect:", "meter.read:", "wait:", "timeout:", "retries:", "<<: *a",
            "x".repeat(5000));

    /** One change at a position (taken modulo the file's length). */
    record Mutation(String kind, int at, int length, int token) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return TOKENS.get(token).getBytes(StandardCharsets.UTF_8);
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
                case "insert" -> concat(concat(Arrays.copyOf(in, i), TOKENS.get(token).getBytes(StandardCharsets.UTF_8)),
                        Arrays.copyOfRange(in, i, in.length));
                case "replace" -> concat(concat(Arrays.copyOf(in, i), TOKENS.get(token).getBytes(StandardCharsets.UTF_8)),
                        Arrays.copyOfRange(in, end, in.length));
                default -> in;
            };
        }
    }

    byte[] apply(byte[] in) {
        byte[] out = in;
        for (Mutation m : steps) {
            out = m.apply(out);
        }
        return out;
    }

    static Arbitrary<Mutations> arbitrary() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.of("flip", "cut", "remove", "repeat", "insert", "insert", "replace", "replace"),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, TOKENS.size() - 1)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4).map(Mutations::new);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
