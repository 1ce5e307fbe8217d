package org.testbench.lab.optical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** 7E1 in software and the sign-on messages. */
class SignOnDecoderTests {

    @Test
    void setsBitSevenForEvenParity() {
        assertThat(EvenParity.encode('/') & 0xFF).isEqualTo(0xAF); // 0x2F has five one bits
        assertThat(EvenParity.encode('?') & 0xFF).isEqualTo(0x3F); // six one bits already
        assertThat(EvenParity.isValid((byte) 0xAF)).isTrue();
        assertThat(EvenParity.isValid((byte) 0x2F)).isFalse();
    }

    @Test
    void decodesARequestWithAndWithoutAddress() {
        assertThat(decode(EvenParity.encode("/?!\r\n"))).containsExactly(new SignOnMessage.Request(""));
        assertThat(decode(EvenParity.encode("/?26000001!\r\n"))).containsExactly(new SignOnMessage.Request("26000001"));
    }

    @Test
    void decodesAnOptionSelectMessage() {
        assertThat(decode(EvenParity.encode("\u00062" + "52\r\n")))
                .containsExactly(new SignOnMessage.OptionSelect('2', '5', '2'));
    }

    @Test
    void dropsAMessageWithAParityError() {
        assertThat(decode("/?!\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void restartsOnSlashAfterGarbage() {
        byte[] garbage = {0x7E, 0x12, 0x00};
        byte[] request = EvenParity.encode("/?!\r\n");
        byte[] stream = new byte[garbage.length + request.length];
        System.arraycopy(garbage, 0, stream, 0, garbage.length);
        System.arraycopy(request, 0, stream, garbage.length, request.length);
        assertThat(decode(stream)).containsExactly(new SignOnMessage.Request(""));
    }

    @Test
    void profileBuildsTheModeEIdentification() {
        OpticalProfile profile = new OpticalProfile("TBL", "EM3-26000001", "26000001", false);
        assertThat(profile.identificationMessage()).isEqualTo("/TBL5\\2EM3-26000001\r\n");
        assertThat(profile.reactionTime().toMillis()).isEqualTo(200);
        assertThat(new OpticalProfile("TBl", "X", "1", false).reactionTime().toMillis()).isEqualTo(20);
        assertThat(profile.isAddressedBy("")).isTrue();
        assertThat(profile.isAddressedBy("0026000001")).isTrue();
        assertThat(profile.isAddressedBy("26000002")).isFalse();
    }

    private static List<SignOnMessage> decode(byte[] bytes) {
        SignOnDecoder decoder = new SignOnDecoder();
        List<SignOnMessage> messages = new ArrayList<>();
        for (byte b : bytes) {
            Optional<SignOnMessage> message = decoder.accept(b);
            message.ifPresent(messages::add);
        }
        return messages;
    }
}
