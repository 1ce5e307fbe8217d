package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScpiHeaderTests {

    private final ScpiHeader header = ScpiHeader.of("SOURce:VOLTage");

    @ParameterizedTest
    @ValueSource(strings = {"SOUR:VOLT", "SOURCE:VOLTAGE", "sour:voltage", "Source:Volt", ":SOUR:VOLT"})
    void matchesTheShortAndLongFormOfEachMnemonicInAnyCase(String written) {
        assertThat(header.matches(written)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SOURC:VOLT", "SOU:VOLT", "SOUR:VOLTS", "SOUR", "SOUR:VOLT:LEV", "VOLT", "SOUR::VOLT", ""})
    void rejectsEverythingElse(String written) {
        assertThat(header.matches(written)).isFalse();
    }

    @Test
    void matchesCommonCommandsExactly() {
        ScpiHeader identify = ScpiHeader.of("*IDN");
        assertThat(identify.matches("*idn")).isTrue();
        assertThat(identify.matches("IDN")).isFalse();
        assertThat(identify.matches(":*IDN")).isFalse();
    }

    @Test
    void namesItselfInItsNotation() {
        assertThat(header).hasToString("SOURce:VOLTage");
        assertThatThrownBy(() -> ScpiHeader.of("SOUR:VOLT?")).isInstanceOf(IllegalArgumentException.class);
    }
}
