package org.testbench.lab.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A command header in SCPI notation, e.g. {@code SOURce:VOLTage} or {@code *IDN}: the capital
 * letters of each mnemonic are its short form. A client may write either form of each mnemonic,
 * in any case ({@code sour:voltage}), with an optional leading colon; nothing in between
 * ({@code SOURC} is neither form, as SCPI requires).
 */
final class ScpiHeader {

    private final String notation;
    private final List<Mnemonic> mnemonics;

    private ScpiHeader(String notation, List<Mnemonic> mnemonics) {
        this.notation = notation;
        this.mnemonics = mnemonics;
    }

    /** A header from its notation, e.g. {@code SYSTem:ERRor}; a common command is {@code *IDN}. */
    static ScpiHeader of(String notation) {
        Objects.requireNonNull(notation, "notation");
        if (notation.isEmpty() || notation.endsWith("?") || notation.startsWith(":")) {
            throw new IllegalArgumentException("a header notation is written without '?' and leading ':', was '"
                    + notation + "'");
        }
        List<Mnemonic> mnemonics = Arrays.stream(notation.split(":", -1)).map(Mnemonic::of).toList();
        return new ScpiHeader(notation, mnemonics);
    }

    /**
     * True if a header as a client wrote it (without the {@code ?} of a query) names this one.
     */
    boolean matches(String written) {
        String path = written.startsWith(":") && !notation.startsWith("*") ? written.substring(1) : written;
        String[] parts = path.split(":", -1);
        if (parts.length != mnemonics.size()) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!mnemonics.get(i).matches(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** The notation, e.g. {@code SOURce:VOLTage}: how error messages name the command. */
    @Override
    public String toString() {
        return notation;
    }

    /** One level of a header: {@code VOLTage} has the short form VOLT and the long form VOLTAGE. */
    private record Mnemonic(String shortForm, String longForm) {

        static Mnemonic of(String notation) {
            if (notation.isEmpty()) {
                throw new IllegalArgumentException("empty mnemonic in a header notation");
            }
            StringBuilder shortForm = new StringBuilder();
            for (char c : notation.toCharArray()) {
                // '*' of a common command and digits belong to both forms.
                if (!Character.isLowerCase(c)) {
                    shortForm.append(c);
                }
            }
            return new Mnemonic(shortForm.toString(), notation.toUpperCase(Locale.ROOT));
        }

        boolean matches(String written) {
            return written.equalsIgnoreCase(shortForm) || written.equalsIgnoreCase(longForm);
        }
    }
}
