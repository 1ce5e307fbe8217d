package org.testbench.lab.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class MeterKeysTests {

    @Test
    void neverShowsTheKeys() {
        MeterKeys keys = MeterKeys.generate(new SecureRandom());
        String text = keys.toString();
        assertThat(text).doesNotContain(HexFormat.of().formatHex(keys.encryptionKey()))
                .doesNotContain(HexFormat.of().withUpperCase().formatHex(keys.authenticationKey()))
                .contains("redacted");
    }

    @Test
    void handsOutCopies() {
        MeterKeys keys = MeterKeys.generate(new SecureRandom());
        byte[] copy = keys.encryptionKey();
        copy[0] ^= 0x55;
        assertThat(keys.encryptionKey()).isNotEqualTo(copy);
    }

    @Test
    void refusesKeysOfTheWrongLengthWithoutQuotingThem() {
        byte[] tooShort = {0x11, 0x22, 0x33};
        assertThatThrownBy(() -> MeterKeys.of(tooShort, new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("112233").hasMessageContaining("16 bytes");
    }

    @Test
    void aliasesFollowTheSerial() {
        assertThat(MeterKeystore.encryptionKeyAlias("26000001")).isEqualTo("26000001.ek");
        assertThat(MeterKeystore.authenticationKeyAlias("26000001")).isEqualTo("26000001.ak");
    }
}
