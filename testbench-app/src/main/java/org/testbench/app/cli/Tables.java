package org.testbench.app.cli;

import java.util.Locale;
import org.testbench.drivers.dlms.CosemValue;

/** Formatting shared by the human-readable outputs. */
final class Tables {

    private Tables() {
    }

    static String value(CosemValue v) {
        Object value = v.value();
        String text = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue()).replaceAll("0+$", "").replaceAll("\\.$", "")
                : String.valueOf(value);
        return v.unitSymbol().map(u -> text + " " + u).orElse(text);
    }
}
