package org.testbench.sequences.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Secrets (keys, passwords) that must never reach the results database, whatever the caller forgot to
 * redact. Each secret is recognised in the forms it takes in evidence: hex in either case with or without
 * separators ("00 11 22", "00:11:22"), Base64 and Base64url wherever it sits in a longer encoded payload and
 * even across line breaks, and as plain text when its bytes are printable. Immutable; {@link #with} merges.
 * {@link #toString()} never shows a secret.
 */
public final class SecretFilter {

    /** What stands in the stored text where a secret was. */
    public static final String REMOVED = "[secret removed]";

    /**
     * Shorter byte strings are refused: their hex and Base64 forms are so short that ordinary evidence
     * would match them. DLMS keys are 16 or 32 bytes, low-level passwords 8.
     */
    public static final int MIN_SECRET_BYTES = 8;

    private static final SecretFilter NONE = new SecretFilter(List.of());

    private final List<byte[]> secrets;
    private final Pattern pattern;

    private SecretFilter(List<byte[]> secrets) {
        this.secrets = secrets;
        this.pattern = secrets.isEmpty() ? null : compile(secrets);
    }

    public static SecretFilter none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException for a secret shorter than {@link #MIN_SECRET_BYTES}
     */
    public static SecretFilter of(byte[]... secrets) {
        return of(Arrays.asList(secrets));
    }

    /**
     * @throws IllegalArgumentException for a secret shorter than {@link #MIN_SECRET_BYTES}
     */
    public static SecretFilter of(Collection<byte[]> secrets) {
        List<byte[]> copies = new ArrayList<>();
        for (byte[] secret : secrets) {
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("a secret of " + (secret == null ? 0 : secret.length)
                        + " bytes is too short to be recognised without removing ordinary text (at least "
                        + MIN_SECRET_BYTES + " bytes)");
            }
            addDistinct(copies, secret.clone());
        }
        return copies.isEmpty() ? NONE : new SecretFilter(List.copyOf(copies));
    }

    /** A filter that removes the secrets of both. */
    public SecretFilter with(SecretFilter other) {
        if (other.secrets.isEmpty()) {
            return this;
        }
        List<byte[]> merged = new ArrayList<>(secrets);
        other.secrets.forEach(s -> addDistinct(merged, s));
        return merged.size() == secrets.size() ? this : new SecretFilter(List.copyOf(merged));
    }

    private static void addDistinct(List<byte[]> list, byte[] secret) {
        if (list.stream().noneMatch(s -> Arrays.equals(s, secret))) {
            list.add(secret);
        }
    }

    public int size() {
        return secrets.size();
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** Whether any secret appears in the text in any of its forms. */
    public boolean appearsIn(String text) {
        return pattern != null && text != null && pattern.matcher(text).find();
    }

    /** The text with every occurrence of a secret replaced by {@link #REMOVED}, and how many there were. */
    public Redaction redact(String text) {
        if (pattern == null || text == null) {
            return new Redaction(text, 0);
        }
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int removed = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(REMOVED));
            removed++;
        }
        if (removed == 0) {
            return new Redaction(text, 0);
        }
        m.appendTail(out);
        return new Redaction(out.toString(), removed);
    }

    /** A redacted text and the number of secrets taken out of it. */
    public record Redaction(String text, int removed) {
    }

    @Override
    public String toString() {
        return "SecretFilter[" + secrets.size() + (secrets.size() == 1 ? " secret]" : " secrets]");
    }

    private static Pattern compile(List<byte[]> secrets) {
        // Longest forms first: where two forms match at one place, Java takes the first alternative, and the
        // longer match leaves less of a secret behind.
        String alternatives = secrets.stream()
                .flatMap(s -> SecretForms.regexes(s).stream())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.joining("|"));
        return Pattern.compile(alternatives);
    }
}
