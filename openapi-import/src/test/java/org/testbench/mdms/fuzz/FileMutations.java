package org.testbench.mdms.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Changes to an OpenAPI or binding file's bytes the way a damaged copy, a careless edit or a hostile author makes
 * them: bit flips, cuts, repeated or removed ranges, and tokens that mean something to YAML, JSON, OpenAPI or a
 * binding put where they do not belong.
 */
record FileMutations(List<Step> steps) {

    private static final List<String> TOKENS = List.of(":", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'", "&a ",
            "*a", "<<: *a", "!!binary ", "!!java.lang.Object ", "\t", "\n", "\r", "  ", "~", "null", "1e999", "-0",
            "0x1F", "99999999999999999999", ".inf", "#", "|", ">", "? ", "%YAML 1.2\n", "---\n", "\u0000", "\uFEFF",
            "\u202E", "é", "$ref: ", "$ref: '#/components/schemas/Nope'", "$ref: 'http://127.0.0.1:1/x.yaml'",
            "$ref: '../../../../etc/passwd'", "$ref: '#'", "openapi: 9.9.9\n", "swagger: '2.0'\n", "paths:",
            "components:", "type: object", "enum: [ON, OFF]", "allOf:", "oneOf: []", "{meterId}", "/meters/{",
            "capabilities:", "loadSwitch.open:", "operation: ", "pointer: /", "${meter.serial}", "states:",
            "x".repeat(5000));

    /** One change at a position (taken modulo the file's length). */
    record Step(String kind, int at, int length, int token) {
        byte[] apply(byte[] in) {
            byte[] t = TOKENS.get(token).getBytes(StandardCharsets.UTF_8);
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
                default -> in;
            };
        }
    }

    byte[] apply(byte[] in) {
        byte[] out = in;
        for (Step s : steps) {
            out = s.apply(out);
        }
        return out;
    }

    static Arbitrary<FileMutations> arbitrary() {
        Arbitrary<Step> one = Combinators.combine(
                Arbitraries.of("flip", "cut", "remove", "repeat", "insert", "insert", "replace", "replace"),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, TOKENS.size() - 1)).as(Step::new);
        return one.list().ofMinSize(1).ofMaxSize(4).map(FileMutations::new);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
