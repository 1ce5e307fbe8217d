package org.testbench.drivers.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.bench.BenchReading;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.LoadSwitchState.ControlState;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;

class LoadSwitchEvidenceTests {

    private static final LoadSwitchThresholds FIVE_AMPERES =
            LoadSwitchThresholds.forNominalCurrent(Quantity.of(5, Unit.AMPERE));
    private static final LoadSwitchState METER_CLOSED = new LoadSwitchState(true, ControlState.CONNECTED, 4);
    private static final LoadSwitchState METER_OPEN = new LoadSwitchState(false, ControlState.DISCONNECTED, 4);

    private static BenchReading reading(double volts, double amperes) {
        return new BenchReading(3, Quantity.of(volts, Unit.VOLT), Quantity.of(amperes, Unit.AMPERE),
                Quantity.of(volts * amperes + 1.5, Unit.WATT), Quantity.of(volts * amperes + 1.6, Unit.VOLT_AMPERE),
                Instant.parse("2026-11-21T08:00:00Z"));
    }

    @Test
    void bothWitnessesConfirmAnOpenSwitch() {
        LoadSwitchEvidence e = new LoadSwitchEvidence(METER_OPEN, reading(230.1, 0.002), FIVE_AMPERES);
        assertThat(e.benchSays()).isEqualTo(SwitchPosition.OPEN);
        assertThat(e.witnessesAgree()).isTrue();
        assertThat(e.confirms(SwitchPosition.OPEN)).isTrue();
        assertThat(e.describeAgainst(SwitchPosition.OPEN)).startsWith("load switch OPEN confirmed");
    }

    @Test
    void closedWithinTheToleranceOfTheNominalCurrent() {
        LoadSwitchEvidence e = new LoadSwitchEvidence(METER_CLOSED, reading(229.8, 4.93), FIVE_AMPERES);
        assertThat(e.benchSays()).isEqualTo(SwitchPosition.CLOSED);
        assertThat(e.confirms(SwitchPosition.CLOSED)).isTrue();
    }

    @Test
    void namesTheBenchWhenCurrentStillFlowsThroughAnOpenMeter() {
        LoadSwitchEvidence e = new LoadSwitchEvidence(METER_OPEN, reading(230.0, 5.01), FIVE_AMPERES);
        assertThat(e.witnessesAgree()).isFalse();
        assertThat(e.dissentingFrom(SwitchPosition.OPEN)).containsExactly(Witness.BENCH);
        assertThat(e.describeAgainst(SwitchPosition.OPEN))
                .contains("the bench disagrees")
                .contains("meter reports output_state=false (DISCONNECTED)")
                .contains("bench measures 5.01 A");
    }

    @Test
    void namesTheMeterWhenItClaimsClosedButNoCurrentFlows() {
        LoadSwitchEvidence e = new LoadSwitchEvidence(METER_CLOSED, reading(230.0, 0.001), FIVE_AMPERES);
        assertThat(e.dissentingFrom(SwitchPosition.OPEN)).containsExactly(Witness.METER);
        assertThat(e.dissentingFrom(SwitchPosition.CLOSED)).containsExactly(Witness.BENCH);
    }

    @Test
    void theBenchCannotTellWithoutVoltage() {
        LoadSwitchEvidence e = new LoadSwitchEvidence(METER_CLOSED, reading(0.003, 0.0), FIVE_AMPERES);
        assertThat(e.benchSays()).isEqualTo(SwitchPosition.UNDETERMINED);
        assertThat(e.confirms(SwitchPosition.CLOSED)).isFalse();
        assertThat(e.describe()).contains("no voltage, the bench cannot tell");
    }

    @Test
    void aCurrentBetweenTheThresholdsIsUndetermined() {
        LoadSwitchEvidence e = new LoadSwitchEvidence(METER_CLOSED, reading(230.0, 2.5), FIVE_AMPERES);
        assertThat(e.benchSays()).isEqualTo(SwitchPosition.UNDETERMINED);
        assertThat(e.dissentingFrom(SwitchPosition.CLOSED)).containsExactly(Witness.BENCH);
        assertThat(e.describe()).contains("neither below 50 mA nor within 5 % of 5 A");
    }
}
