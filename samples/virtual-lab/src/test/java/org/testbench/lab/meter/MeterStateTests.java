package org.testbench.lab.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

/** The meter's shared physical state. */
class MeterStateTests {

    private static MeterState meter(boolean strict) {
        return new MeterState(MeterIdentity.forPosition(1), 1000.0, 10.0, strict, Clock.systemUTC());
    }

    @Test
    void strictCounterRejectsEqualAndLower() {
        MeterState state = meter(true);
        assertThat(state.acceptInvocationCounter(0)).isTrue();
        assertThat(state.acceptInvocationCounter(0)).isFalse();
        assertThat(state.acceptInvocationCounter(5)).isTrue();
        assertThat(state.acceptInvocationCounter(5)).isFalse();
        assertThat(state.acceptInvocationCounter(4)).isFalse();
        assertThat(state.lastAcceptedInvocationCounter()).isEqualTo(5);
        assertThat(state.lowestFreshInvocationCounter()).isEqualTo(6);
    }

    @Test
    void weakCounterAcceptsEqualButNotLower() {
        MeterState state = meter(false);
        assertThat(state.acceptInvocationCounter(7)).isTrue();
        assertThat(state.acceptInvocationCounter(7)).isTrue();
        assertThat(state.acceptInvocationCounter(6)).isFalse();
        assertThat(state.lowestFreshInvocationCounter()).isEqualTo(7);
    }

    @Test
    void counterIsAnUnsigned32BitValue() {
        MeterState state = meter(true);
        assertThat(state.acceptInvocationCounter(0x1_0000_0000L)).isFalse();
        assertThat(state.acceptInvocationCounter(0xFFFF_FFFFL)).isTrue();
    }

    @Test
    void relaySwitchesOnlyWhenItChangesAndLogsEachSwitch() {
        MeterState state = meter(true);
        assertThat(state.remoteReconnect()).isFalse();
        assertThat(state.remoteDisconnect()).isTrue();
        assertThat(state.remoteDisconnect()).isFalse();
        assertThat(state.remoteReconnect()).isTrue();
        assertThat(state.events()).extracting(MeterEvent::code).containsExactly(1, 61, 62);
    }

    @Test
    void energyAddsUpExactlyInTenthsOfAWattHour() {
        MeterState state = meter(true);
        for (int i = 0; i < 1000; i++) {
            state.addEnergy(0.01, 0.0);
        }
        assertThat(state.snapshot().importDeciWattHours()).isEqualTo(10_100);
        assertThatThrownBy(() -> state.addEnergy(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.addEnergy(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void supplyChangesAreLoggedAndAnnounced() {
        MeterState state = meter(true);
        int[] notifications = {0};
        state.onAvailabilityChange(() -> notifications[0]++);
        state.setSupplyOn(false);
        state.setSupplyOn(false);
        state.setSupplyOn(true);
        state.setAmiLinkUp(false);
        assertThat(state.events()).extracting(MeterEvent::code).containsExactly(1, 2, 1);
        assertThat(notifications[0]).isEqualTo(3);
        assertThat(state.amiReachable()).isFalse();
    }
}
