package org.testbench.drivers.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MeterKeysTests {

    private static final byte[] EK = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] AK = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

    @Test
    void toStringShowsFingerprintsNeverKeyBytes() {
        MeterKeys keys = new MeterKeys("26000001", EK, AK);
        String text = keys.toString();
        assertThat(text).contains("26000001").contains("sha256:");
        assertThat(text.toLowerCase()).doesNotContain("00112233").doesNotContain("f0e1d2c3")
                .doesNotContain(HexFormat.of().formatHex(EK)).doesNotContain(HexFormat.of().formatHex(AK));
    }

    @Test
    void fingerprintsTellKeysApart() {
        MeterKeys keys = new MeterKeys("26000001", EK, AK);
        assertThat(keys.encryptionKeyFingerprint()).hasSize(16).isNotEqualTo(keys.authenticationKeyFingerprint());
    }

    @Test
    void destroyOverwritesAndForbidsFurtherUse() {
        MeterKeys keys = new MeterKeys("26000001", EK, AK);
        byte[] copy = keys.encryptionKey();
        keys.destroy();
        assertThat(keys.isDestroyed()).isTrue();
        assertThat(copy).isEqualTo(EK); // the caller's copy is the caller's to clear
        assertThatThrownBy(keys::encryptionKey).isInstanceOf(IllegalStateException.class);
        assertThat(keys.toString()).contains("destroyed");
    }

    @Test
    void refusesKeysOfTheWrongLengthWithoutShowingThem() {
        assertThatThrownBy(() -> new MeterKeys("26000001", new byte[] {1, 2, 3}, AK))
                .hasMessageContaining("3 bytes").hasMessageNotContaining("010203");
    }

    @Test
    void destroyZeroesTheArraysTheKeysLivedIn() {
        MeterKeys keys = new MeterKeys("26000001", EK, AK);
        byte[][] backing = keys.backingArraysForTest();
        assertThat(backing[0]).isEqualTo(EK);
        assertThat(backing[1]).isEqualTo(AK);

        keys.close();

        assertThat(backing[0]).containsOnly(0);
        assertThat(backing[1]).containsOnly(0);
        assertThat(keys.isDestroyed()).isTrue();
    }

    @Test
    void aCopyLivesOnWhenTheOriginalIsDestroyedAndTheReverse() {
        MeterKeys original = new MeterKeys("26000001", EK, AK);
        MeterKeys copy = original.copy();
        original.destroy();
        assertThat(copy.encryptionKey()).isEqualTo(EK);
        assertThat(copy.backingArraysForTest()[0]).isNotSameAs(original.backingArraysForTest()[0]);
        copy.destroy();
        assertThat(copy.backingArraysForTest()[0]).containsOnly(0);
        assertThatThrownBy(original::copy).isInstanceOf(IllegalStateException.class);
    }
}
