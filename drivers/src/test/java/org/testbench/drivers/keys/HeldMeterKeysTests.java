package org.testbench.drivers.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;

class HeldMeterKeysTests {

    private static final byte[] EK = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] AK = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

    @Test
    void givesEachUserACopyItCanDestroyWithoutTouchingTheHeldKeys() throws Exception {
        try (HeldMeterKeys held = new HeldMeterKeys("keys delivered by the MDMS")) {
            held.hold(new MeterKeys("26000001", EK, AK));
            MeterKeys first = held.keysFor("26000001");
            first.destroy();
            try (MeterKeys second = held.keysFor("26000001")) {
                assertThat(second.encryptionKey()).isEqualTo(EK);
                assertThat(second.authenticationKey()).isEqualTo(AK);
            }
        }
    }

    @Test
    void destroyZeroesEveryHeldKeyAndGivesNoMore() throws Exception {
        HeldMeterKeys held = new HeldMeterKeys("keys delivered by the MDMS");
        MeterKeys keys = new MeterKeys("26000001", EK, AK);
        byte[][] backing = keys.backingArraysForTest();
        held.hold(keys);

        held.close();

        assertThat(held.isDestroyed()).isTrue();
        assertThat(backing[0]).containsOnly(0);
        assertThat(backing[1]).containsOnly(0);
        assertThatThrownBy(() -> held.keysFor("26000001")).isInstanceOf(DeviceException.class)
                .hasMessageContaining("no keys held for meter 26000001");
        MeterKeys late = new MeterKeys("26000002", EK, AK);
        assertThatThrownBy(() -> held.hold(late)).isInstanceOf(IllegalStateException.class);
        assertThat(late.isDestroyed()).as("keys handed to a destroyed holder are destroyed too").isTrue();
    }

    @Test
    void newKeysForAMeterReplaceAndDestroyTheOldOnes() throws Exception {
        try (HeldMeterKeys held = new HeldMeterKeys("test")) {
            MeterKeys old = new MeterKeys("26000001", AK, EK);
            held.hold(old);
            held.hold(new MeterKeys("26000001", EK, AK));
            assertThat(old.isDestroyed()).isTrue();
            try (MeterKeys now = held.keysFor("26000001")) {
                assertThat(now.encryptionKey()).isEqualTo(EK);
            }
        }
    }

    @Test
    void aMeterWithoutKeysIsNamedAndNothingSecretIsShown() {
        try (HeldMeterKeys held = new HeldMeterKeys("keys delivered by the MDMS")) {
            held.hold(new MeterKeys("26000001", EK, AK));
            assertThatThrownBy(() -> held.keysFor("26000009")).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("26000009").hasMessageContaining("held: 26000001")
                    .hasMessageNotContaining(HexFormat.of().formatHex(EK));
            assertThat(held.toString()).doesNotContain(HexFormat.of().formatHex(EK))
                    .doesNotContain(HexFormat.of().formatHex(AK)).contains("sha256:");
        }
    }
}
