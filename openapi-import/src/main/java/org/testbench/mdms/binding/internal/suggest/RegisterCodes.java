package org.testbench.mdms.binding.internal.suggest;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.testbench.mdms.binding.InputRule.ObisForm;

/**
 * Whether a name or a text is a register's code, and how the API writes it: {@code 1-0:1.8.0*255},
 * {@code 1-0:1.8.0}, {@code 1.0.1.8.0.255}, {@code 0100010800FF} or {@code 1.8.0} (groups C, D and E, as
 * APIs keyed by register write them). Used to choose the element of a list, or the key of a map, that
 * holds the register the bench asks for.
 */
public final class RegisterCodes {

    private static final Pattern FULL = Pattern.compile("\\d{1,3}-\\d{1,3}:\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}[*&.]\\d{1,3}");
    private static final Pattern SHORT = Pattern.compile("\\d{1,3}-\\d{1,3}:\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){5}");
    private static final Pattern HEX = Pattern.compile("(?i)(0x)?[0-9a-f]{12}");
    private static final Pattern CDE = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    /** Names that may hold a register's code, when the spec's examples show a code there. */
    private static final Set<String> MAY_NAME_CODE = Set.of("code", "register", "registerid", "registercode",
            "registername", "channel", "channelid", "channelcode", "id", "key", "name", "type", "quantity",
            "readingtype", "measurand", "identifier", "datapoint", "datapointid", "measurement", "metric");
    /** Names of a list or a map keyed by register, when no example shows a key. */
    private static final Pattern REGISTERS = Pattern.compile("(obis.*|registers?|readings?|values|channels|measurements|datapoints)");

    private RegisterCodes() {
    }

    /** The form a code is written in; empty when the text is not a register's code. */
    public static Optional<ObisForm> form(String text) {
        String t = text.strip();
        if (FULL.matcher(t).matches()) {
            return Optional.of(ObisForm.FULL);
        }
        if (SHORT.matcher(t).matches()) {
            return Optional.of(ObisForm.SHORT);
        }
        if (DOTTED.matcher(t).matches()) {
            return Optional.of(ObisForm.DOTTED);
        }
        // Twelve hex digits with a letter among them (0100010800FF): twelve decimal digits are rather a number.
        if (HEX.matcher(t).matches() && t.chars().anyMatch(Character::isLetter) && t.chars().anyMatch(Character::isDigit)) {
            return Optional.of(ObisForm.HEX);
        }
        return CDE.matcher(t).matches() ? Optional.of(ObisForm.CDE) : Optional.empty();
    }

    /**
     * The form all these codes share (the first one's, when short and full forms are mixed: both name the
     * register by the same groups); empty when there is none, or when any text is not a code.
     */
    public static Optional<ObisForm> formOf(Collection<String> codes) {
        Optional<ObisForm> first = Optional.empty();
        for (String code : codes) {
            Optional<ObisForm> form = form(code);
            if (form.isEmpty()) {
                return Optional.empty();
            }
            if (first.isPresent() && (first.get() == ObisForm.CDE) != (form.get() == ObisForm.CDE)) {
                return Optional.empty(); // 1.8.0 beside 1-0:1.8.0: two ways of naming, not one
            }
            first = first.or(() -> form);
        }
        return first;
    }

    /** A property named for the OBIS code itself ({@code obis}, {@code obisCode}, {@code obis_number}). */
    public static boolean namedForObis(String name) {
        return InputNames.normal(name).contains("obis");
    }

    /** A property whose name may hold a register's code ({@code code}, {@code register}, {@code channel}, {@code id}…). */
    public static boolean mayNameCode(String name) {
        return namedForObis(name) || MAY_NAME_CODE.contains(InputNames.normal(name));
    }

    /** A list or map named for registers ({@code registers}, {@code readings}, {@code obisValues}). */
    public static boolean namedForRegisters(String name) {
        return REGISTERS.matcher(InputNames.normal(name)).matches();
    }
}
