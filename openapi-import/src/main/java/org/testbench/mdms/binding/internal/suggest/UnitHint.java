package org.testbench.mdms.binding.internal.suggest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unit that the API leaves implicit, read from a value's description or examples ("The Meter Counter
 * Reading in kWh", "current (in A)", {@code "12.5 kWh"}), for a value that has no unit field beside it.
 */
public final class UnitHint {

    private static final String UNITS = "kWh|MWh|Wh|kvarh|varh|kVAh|VAh|kW|MW|W|kvar|var|kVA|VA|mA|A|kV|mV|V|Hz|m3|m³|l|°C|degC";
    private static final Pattern IN_UNIT = Pattern.compile("(?:\\bin\\s*|\\(in\\s*|\\[|\\(|\\bunit:?\\s*)(" + UNITS + ")(?![A-Za-z])");
    private static final Pattern NUMBER_UNIT = Pattern.compile("^\\s*-?\\d+(?:[.,]\\d+)?\\s*(" + UNITS + ")\\s*$");

    private UnitHint() {
    }

    /** The unit a description or an example names, when exactly one is named. */
    public static Optional<String> from(String description, List<String> examples) {
        for (String example : examples) {
            Matcher m = NUMBER_UNIT.matcher(example);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        Matcher m = IN_UNIT.matcher(description == null ? "" : description);
        if (m.find()) {
            String unit = m.group(1);
            return m.find() && !m.group(1).equals(unit) ? Optional.empty() : Optional.of(unit);
        }
        return Optional.empty();
    }
}
