package org.testbench.drivers.optical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentificationTests {

    @Test
    void readsModeEIdentification() {
        Identification id = Identification.parse("/TBL5\\2EM3-26000001");
        assertThat(id.manufacturerFlag()).isEqualTo("TBL");
        assertThat(id.baudCharacter()).isEqualTo('5');
        assertThat(id.proposedBaud()).isEqualTo(9600);
        assertThat(id.modeE()).isTrue();
        assertThat(id.text()).isEqualTo("EM3-26000001");
        assertThat(id).hasToString("/TBL5\\2EM3-26000001");
    }

    @Test
    void readsIdentificationWithoutModeEMarker() {
        Identification id = Identification.parse("/GRX6ABC");
        assertThat(id.modeE()).isFalse();
        assertThat(id.proposedBaud()).isEqualTo(19200);
        assertThat(id.text()).isEqualTo("ABC");
    }

    @Test
    void reactionTimeFollowsTheCaseOfTheThirdLetter() {
        assertThat(Identification.parse("/TBL5X").minimumReactionTime()).isEqualTo(Duration.ofMillis(200));
        assertThat(Identification.parse("/TBl5X").minimumReactionTime()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void rejectsLinesThatAreNoIdentification() {
        assertThatThrownBy(() -> Identification.parse("HELLO"))
                .hasMessageContaining("expected an identification message").hasMessageContaining("'HELLO'");
        assertThatThrownBy(() -> Identification.parse("/T1L5X")).hasMessageContaining("not three letters");
    }

    @Test
    void baudCharacterForEveryModeERate() {
        assertThat(Identification.baudCharacter(300)).isEqualTo('0');
        assertThat(Identification.baudCharacter(19200)).isEqualTo('6');
        assertThatThrownBy(() -> Identification.baudCharacter(115200)).hasMessageContaining("115200");
    }
}
