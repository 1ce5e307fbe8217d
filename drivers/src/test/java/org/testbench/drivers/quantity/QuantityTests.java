package org.testbench.drivers.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantityTests {

    @Test
    void convertsWithinADimension() {
        assertThat(Quantity.of(50, Unit.MILLIAMPERE).in(Unit.AMPERE)).isEqualTo(0.05);
        assertThat(Quantity.of(1.5, Unit.KILOWATT_HOUR).in(Unit.WATT_HOUR)).isEqualTo(1500);
    }

    @Test
    void refusesToConvertAcrossDimensionsNamingBoth() {
        assertThatThrownBy(() -> Quantity.of(5, Unit.AMPERE).to(Unit.VOLT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit mismatch").hasMessageContaining("5 A").hasMessageContaining("V (voltage)");
    }

    @Test
    void comparesAcrossUnitsOfOneDimension() {
        assertThat(Quantity.of(40, Unit.MILLIAMPERE)).isLessThan(Quantity.of(0.05, Unit.AMPERE));
        assertThat(Quantity.of(2, Unit.KILOWATT)).isGreaterThan(Quantity.of(1999, Unit.WATT));
    }

    @Test
    void toStringIsReadBackByParse() {
        Quantity q = Quantity.of(4.9987, Unit.AMPERE);
        assertThat(q).hasToString("4.9987 A");
        assertThat(Quantity.parse(q.toString())).isEqualTo(q);
        assertThat(Quantity.parse("230V")).isEqualTo(Quantity.of(230, Unit.VOLT));
        assertThat(Quantity.parse("-1.5e3 W")).isEqualTo(Quantity.of(-1500, Unit.WATT));
    }

    @Test
    void rejectsTextWithoutAKnownUnit() {
        assertThatThrownBy(() -> Quantity.parse("5")).hasMessageContaining("invalid quantity '5'");
        assertThatThrownBy(() -> Quantity.parse("5 furlongs")).hasMessageContaining("unknown unit 'furlongs'")
                .hasMessageContaining("mA");
    }
}
