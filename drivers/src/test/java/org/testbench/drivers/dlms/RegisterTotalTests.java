package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.quantity.Unit;

class RegisterTotalTests {

    private static final Obis T1 = Obis.parse("1.0.1.8.1.255");
    private static final Obis T2 = Obis.parse("1.0.1.8.2.255");

    @Test
    void partsScaledByTheirOwnScalersAddUpInDecimal() throws Exception {
        // 1 in 0.1 Wh and 2 in 0.1 Wh: a double sum would be 0.30000000000000004.
        RegisterTotal t = RegisterTotal.of("energyImport", List.of(
                new CosemValue(T1, 2, RegisterScaling.scaled(1L, 0.1), "Wh"),
                new CosemValue(T2, 2, RegisterScaling.scaled(2L, 0.1), "Wh")), "meter");
        assertThat(t.value()).isEqualTo(new BigDecimal("0.3"));
        assertThat(t.quantity().in(Unit.WATT_HOUR)).isEqualTo(0.3);
        // A float64 in kWh (scaler 3) and an integer count in Wh (scaler 0), both Wh once scaled.
        RegisterTotal mixed = RegisterTotal.of("energyImport", List.of(
                new CosemValue(T1, 2, RegisterScaling.scaled(12.345678, 1000), "Wh"),
                new CosemValue(T2, 2, RegisterScaling.scaled(4294967295L, 1), "Wh")), "meter");
        assertThat(mixed.value()).isEqualTo(new BigDecimal("4294979640.678"));
        assertThat(mixed.number()).isEqualTo(4294979640.678);
        assertThat(RegisterTotal.of("energyImport", List.of(new CosemValue(T1, 2, 740L, "Wh"),
                new CosemValue(T2, 2, 493L, "Wh")), "meter").number()).isEqualTo(1233L);
    }

    @Test
    void aPartInAnotherUnitOrWithoutANumberIsRefusedNamingIt() {
        assertThatThrownBy(() -> RegisterTotal.of("energyImport", List.of(new CosemValue(T1, 2, 1L, "Wh"),
                new CosemValue(T2, 2, 1L, "varh")), "meter"))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.UNIT_MISMATCH);
                    assertThat(e.getMessage()).contains("part 1.0.1.8.2.255").contains("varh");
                });
        assertThatThrownBy(() -> RegisterTotal.of("energyImport", List.of(new CosemValue(T1, 2, 1L, "Wh"),
                new CosemValue(T2, 2, "n/a", "Wh")), "meter"))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.getMessage())
                        .contains("part 1.0.1.8.2.255 of the sum holds n/a, not a finite number"));
    }
}
