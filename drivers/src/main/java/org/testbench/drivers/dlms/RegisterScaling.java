package org.testbench.drivers.dlms;

import java.math.BigDecimal;

/**
 * A register's value times ten to its scaler (IEC 62056-6-2, class 3 and 4), computed in decimal: a meter that
 * counts 0.01 Wh and sends 1234567 shows 12345.67 Wh, and so does the bench — not 12345.670000000002, the product
 * of 1234567 and the double nearest 0.01 that Gurux computes. Integers of scaler 0 stay integers.
 */
final class RegisterScaling {

    private RegisterScaling() {
    }

    /**
     * @param raw        the value attribute as decoded (any integer type, float32, float64)
     * @param multiplier the scaler as Gurux keeps it, ten to the scaler (0.01 for -2, 1000 for 3)
     */
    static Number scaled(Number raw, double multiplier) {
        int exponent = (int) Math.round(Math.log10(multiplier));
        boolean floating = raw instanceof Float || raw instanceof Double;
        if (exponent == 0 && !floating || floating && !Double.isFinite(raw.doubleValue())) {
            return raw;
        }
        return decimal(raw).scaleByPowerOfTen(exponent).doubleValue();
    }

    /** The decimal the meter meant: a float's shortest decimal form, an integer as it is (unsigned 64 bits too). */
    static BigDecimal decimal(Number raw) {
        if (raw instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        if (raw instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        try {
            return new BigDecimal(raw.toString());
        } catch (NumberFormatException notDecimalText) {
            return BigDecimal.valueOf(raw.longValue());
        }
    }
}
