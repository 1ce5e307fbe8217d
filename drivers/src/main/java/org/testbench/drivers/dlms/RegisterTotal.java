package org.testbench.drivers.dlms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;

/**
 * The value of a role a meter keeps only in parts (import energy per tariff, no total register): the exact sum of
 * the parts, each already scaled with its own scaler. The sum is taken in decimal — 0.1 kWh and 0.2 kWh make
 * 0.3 kWh, not 0.30000000000000004 — and rounded to a double once, in {@link #quantity()}.
 *
 * @param name  the role ({@code energyImport})
 * @param value the exact sum
 * @param unit  the parts' unit symbol (COSEM gives active energy in Wh; a scaler of 3 makes it kWh in value)
 * @param parts the registers read, in the profile's order
 */
public record RegisterTotal(String name, BigDecimal value, String unit, List<CosemValue> parts) {

    public RegisterTotal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        parts = List.copyOf(parts);
    }

    /**
     * Sums registers read from one meter.
     *
     * @param where the meter, for messages
     * @throws DeviceException naming the part: {@code REJECTED} when its value is not a number, {@code UNIT_MISMATCH} when its unit is not
     *                         the first part's (a sum of energy and something else means nothing)
     */
    public static RegisterTotal of(String name, List<CosemValue> parts, String where) throws DeviceException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a sum of no registers");
        }
        String unit = parts.get(0).unit();
        BigDecimal sum = BigDecimal.ZERO;
        for (CosemValue part : parts) {
            if (!(part.value() instanceof Number n) || part.value() instanceof Double d && !Double.isFinite(d)
                    || part.value() instanceof Float f && !Float.isFinite(f)) {
                throw new DeviceException(Fault.REJECTED, where, name + ": part " + part.obis() + " of the sum holds "
                        + part.asText() + ", not a finite number");
            }
            if (part.unit() == null || !part.unit().equals(unit)) {
                throw new DeviceException(Fault.UNIT_MISMATCH, where, name + ": part " + part.obis() + " of the sum is in "
                        + part.unit() + ", part " + parts.get(0).obis() + " in " + unit + "; parts of a sum must have "
                        + "one unit");
            }
            sum = sum.add(RegisterScaling.decimal(n));
        }
        return new RegisterTotal(name, sum.stripTrailingZeros(), unit, parts);
    }

    /** The sum as a quantity (rounded to the nearest double once, after the exact sum). */
    public Quantity quantity() {
        return Quantity.of(value.doubleValue(), Unit.ofSymbol(unit));
    }

    /** The sum as a plain number for JSON and tables: an integer stays one. */
    public Number number() {
        return value.scale() <= 0 && value.precision() - value.scale() < 19 ? (Number) value.longValueExact()
                : (Number) value.doubleValue();
    }
}
