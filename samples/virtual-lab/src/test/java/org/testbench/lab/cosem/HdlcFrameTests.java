package org.testbench.lab.cosem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** HDLC frames as Gurux 4.0.47 writes them (captured from a client session). */
class HdlcFrameTests {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String DISC = "7EA00703215303C77E";
    private static final String GET_SERIAL = "7EA0190321326FD8E6E600C001C100010000600100FF020089A07E";

    @Test
    void parsesADisconnectFrame() {
        HdlcFrame frame = HdlcFrame.parse(HEX.parseHex(DISC)).orElseThrow();
        assertThat(frame.isDisconnect()).isTrue();
        assertThat(frame.isInformationTransfer()).isFalse();
        assertThat(frame.destinationAddress()).isEqualTo(1);
        assertThat(frame.sourceAddress()).isEqualTo(16);
    }

    @Test
    void parsesAnInformationFrameAndItsApdu() {
        HdlcFrame frame = HdlcFrame.parse(HEX.parseHex(GET_SERIAL)).orElseThrow();
        assertThat(frame.isInformationTransfer()).isTrue();
        assertThat(frame.segmented()).isFalse();
        assertThat(HEX.formatHex(frame.information())).isEqualTo("E6E600C001C100010000600100FF0200");
    }

    @Test
    void reencodesToTheSameBytes() {
        for (String hex : List.of(DISC, GET_SERIAL)) {
            byte[] raw = HEX.parseHex(hex);
            assertThat(HdlcFrame.parse(raw).orElseThrow().encode()).isEqualTo(raw);
        }
    }

    @Test
    void rejectsAFrameWithABadCheckSequence() {
        byte[] raw = HEX.parseHex(GET_SERIAL);
        raw[12] ^= 0x01;
        assertThat(HdlcFrame.parse(raw)).isEmpty();
    }

    @Test
    void keepsControlFieldWhenTheInformationIsReplaced() {
        HdlcFrame frame = HdlcFrame.parse(HEX.parseHex(GET_SERIAL)).orElseThrow();
        byte[] replaced = frame.withInformation(new byte[] {(byte) 0xE6, (byte) 0xE7, 0x00, (byte) 0xD8, 0x01, 0x05})
                .encode();
        HdlcFrame reparsed = HdlcFrame.parse(replaced).orElseThrow();
        assertThat(replaced[5]).isEqualTo(HEX.parseHex(GET_SERIAL)[5]);
        assertThat(HEX.formatHex(reparsed.information())).isEqualTo("E6E700D80105");
    }

    @Test
    void readerCutsFramesFromAnySplitOfTheStream() {
        byte[] stream = HEX.parseHex("00" + GET_SERIAL + DISC + "FF");
        HdlcFrameReader reader = new HdlcFrameReader();
        List<byte[]> first = reader.feed(stream, 10);
        byte[] rest = java.util.Arrays.copyOfRange(stream, 10, stream.length);
        List<byte[]> second = reader.feed(rest, rest.length);
        assertThat(first).isEmpty();
        assertThat(second).extracting(HEX::formatHex).containsExactly(GET_SERIAL, DISC);
    }
}
