package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;

import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Frames kept as evidence never carry an authentication value, whatever the framing. */
class FrameRedactionTests {

    private static final String PASSWORD = "Lls-Pa55word!";

    private static String spaced(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void anLlsPasswordInAnAarqIsWithheldOverTheWrapperAndHdlc() throws Exception {
        byte[] password = PASSWORD.getBytes(StandardCharsets.US_ASCII);
        for (InterfaceType type : new InterfaceType[] {InterfaceType.WRAPPER, InterfaceType.HDLC}) {
            GXDLMSSecureClient client = new GXDLMSSecureClient(true, 32, 1, Authentication.LOW, PASSWORD, type);
            byte[] aarq = client.aarqRequest()[0];
            assertThat(spaced(aarq)).as("the test's AARQ holds the password").contains(spaced(password));

            String kept = new FrameRedaction(type == InterfaceType.HDLC ? DlmsFraming.HDLC : DlmsFraming.WRAPPER)
                    .sent(aarq, aarq.length);

            assertThat(kept).contains(FrameRedaction.LLS_MARKER).doesNotContain(spaced(password))
                    .doesNotContain(HexFormat.of().formatHex(password));
            assertThat(kept).as("the frame before and after the value is kept")
                    .startsWith(spaced(java.util.Arrays.copyOf(aarq, 8)))
                    .endsWith(spaced(java.util.Arrays.copyOfRange(aarq, aarq.length - 2, aarq.length)));
        }
    }

    @Test
    void anHlsChallengeIsWithheldAndAFrameWithoutSecretsIsKeptWhole() throws Exception {
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, 1, 1, Authentication.HIGH_GMAC, null,
                InterfaceType.WRAPPER);
        client.getCiphering().setSystemTitle(new byte[] {'T', 'B', 'C', 0, 0, 0, 0, 1});
        byte[] aarq = client.aarqRequest()[0];
        FrameRedaction redaction = new FrameRedaction(DlmsFraming.WRAPPER);

        assertThat(redaction.sent(aarq, aarq.length)).contains(FrameRedaction.HLS_MARKER)
                .doesNotContain(spaced(client.getCtoSChallenge()));

        GXDLMSSecureClient plain = new GXDLMSSecureClient(true, 16, 1, Authentication.NONE, null,
                InterfaceType.WRAPPER);
        byte[] read = plain.read("0.0.96.1.0.255", gurux.dlms.enums.ObjectType.DATA, 2)[0];
        assertThat(redaction.sent(read, read.length)).isEqualTo(spaced(read));
    }
}
