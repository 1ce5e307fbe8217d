package org.testbench.drivers.optical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SevenE1Tests {

    @Test
    void setsBit7WhereTheSevenBitsHaveOddParity() {
        // '/' = 0x2F has five ones: parity bit set. '?' = 0x3F has six: no parity bit.
        assertThat(SevenE1.encode('/')).isEqualTo(0xAF);
        assertThat(SevenE1.encode('?')).isEqualTo(0x3F);
        assertThat(SevenE1.encode('!')).isEqualTo(0x21);
        assertThat(SevenE1.encode('\r')).isEqualTo(0x8D);
        assertThat(SevenE1.encode('\n')).isEqualTo(0x0A);
    }

    @Test
    void everyEncodedByteHasEvenParityAndDecodesBack() {
        for (int ch = 0; ch < 128; ch++) {
            int octet = SevenE1.encode(ch);
            assertThat(Integer.bitCount(octet) % 2).as("parity of 0x%02X", octet).isZero();
            assertThat(SevenE1.decode(octet)).isEqualTo(ch);
        }
    }

    @Test
    void flagsParityErrors() {
        assertThat(SevenE1.decode(0x2F)).isEqualTo(SevenE1.PARITY_ERROR); // '/' without its parity bit
    }

    @Test
    void refusesEightBitCharacters() {
        assertThatThrownBy(() -> SevenE1.encode(0xE9)).isInstanceOf(IllegalArgumentException.class);
    }
}
