package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    void aRunIdReadsBackItsText() {
        RunId id = RunId.random();

        assertThat(RunId.parse(id.toString())).isEqualTo(id);
        assertThat(StepId.parse("123E4567-E89B-12D3-A456-426614174000").toString())
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void refusesTextThatIsNotAFullUuid() {
        assertThatThrownBy(() -> RunId.parse("1-2-3-4-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid run id '1-2-3-4-5': expected a UUID such as 123e4567-e89b-12d3-a456-426614174000");
        assertThatThrownBy(() -> StepId.parse(null)).hasMessageStartingWith("invalid step id 'null'");
    }

    @Test
    void aSha256IsKeptInLowerCaseAndReadBack() {
        Sha256 digest = Sha256.ofUtf8("abc");

        assertThat(digest.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.parse(digest.hex().toUpperCase())).isEqualTo(digest);
        assertThatThrownBy(() -> Sha256.parse("abc"))
                .hasMessage("invalid SHA-256 'abc': expected 64 lower-case hex digits");
    }
}
