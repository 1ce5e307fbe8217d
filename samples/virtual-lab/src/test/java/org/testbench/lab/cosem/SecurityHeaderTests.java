package org.testbench.lab.cosem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.testbench.lab.keys.MeterKeys;

/** Finding and checking the security header of protected APDUs (security suite 0). */
class SecurityHeaderTests {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The public suite 0 test vector (see shared/NOTES.md). */
    private static final MeterKeys VECTOR_KEYS = MeterKeys.of(HEX.parseHex("000102030405060708090A0B0C0D0E0F"),
            HEX.parseHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"));
    private static final byte[] VECTOR_TITLE = HEX.parseHex("4D4D4D0000BC614E");
    private static final String VECTOR_APDU = "C81E3001234567" + "411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B";

    /** An AARQ written by the Gurux 4.0.47 client: all-zero keys, system title "CLI" 00000001, IC 100. */
    private static final String GURUX_AARQ = "605DA109060760857405080103A60A0408434C4900000000018A0207808B076085740508"
            + "0205AC128010611502135D5703690844615E222B6C48BE230421211F30000000647536485A9993AE9FC54BF42796CAC5504A"
            + "1173457E7D56E6649E";

    @Test
    void findsTheHeaderOfAGloRequest() {
        ProtectedApdu apdu = ProtectedApdu.inspect(HEX.parseHex(VECTOR_APDU));
        assertThat(apdu.kind()).isEqualTo(ProtectedApdu.Kind.GLOBAL);
        assertThat(apdu.securityControl()).isEqualTo(0x30);
        assertThat(apdu.invocationCounter()).isEqualTo(0x01234567L);
        assertThat(apdu.senderSystemTitle()).isEmpty();
    }

    @Test
    void acceptsTheSuite0TestVector() {
        ProtectedApdu apdu = ProtectedApdu.inspect(HEX.parseHex(VECTOR_APDU));
        assertThat(new Suite0Authenticator(VECTOR_KEYS).isAuthentic(apdu, VECTOR_TITLE)).isTrue();
    }

    @Test
    void refusesAFlippedTagAWrongTitleAndAWrongKey() {
        byte[] flipped = HEX.parseHex(VECTOR_APDU);
        flipped[flipped.length - 1] ^= 0x01;
        Suite0Authenticator authenticator = new Suite0Authenticator(VECTOR_KEYS);
        assertThat(authenticator.isAuthentic(ProtectedApdu.inspect(flipped), VECTOR_TITLE)).isFalse();

        ProtectedApdu genuine = ProtectedApdu.inspect(HEX.parseHex(VECTOR_APDU));
        byte[] otherTitle = VECTOR_TITLE.clone();
        otherTitle[7] ^= 0x01;
        assertThat(authenticator.isAuthentic(genuine, otherTitle)).isFalse();

        MeterKeys otherAk = MeterKeys.of(VECTOR_KEYS.encryptionKey(), new byte[16]);
        assertThat(new Suite0Authenticator(otherAk).isAuthentic(genuine, VECTOR_TITLE)).isFalse();
    }

    @Test
    void refusesAWrongLengthField() {
        byte[] apdu = HEX.parseHex(VECTOR_APDU);
        apdu[1] = 0x40;
        assertThat(ProtectedApdu.inspect(apdu).kind()).isEqualTo(ProtectedApdu.Kind.MALFORMED);
    }

    @Test
    void findsTheHeaderAndCallingTitleInAnAarq() {
        ProtectedApdu apdu = ProtectedApdu.inspect(HEX.parseHex(GURUX_AARQ));
        assertThat(apdu.kind()).isEqualTo(ProtectedApdu.Kind.ASSOCIATION_REQUEST);
        assertThat(apdu.invocationCounter()).isEqualTo(100);
        assertThat(HEX.formatHex(apdu.senderSystemTitle().orElseThrow())).isEqualTo("434C490000000001");
        assertThat(new Suite0Authenticator(MeterKeys.of(new byte[16], new byte[16]))
                .isAuthentic(apdu, apdu.senderSystemTitle().orElseThrow())).isTrue();
    }

    @Test
    void treatsPlainAndDedicatedApdusApart() {
        assertThat(ProtectedApdu.inspect(HEX.parseHex("C001C100010000600100FF0200")).kind())
                .isEqualTo(ProtectedApdu.Kind.PLAIN);
        assertThat(ProtectedApdu.inspect(HEX.parseHex("D01E3001234567")).kind())
                .isEqualTo(ProtectedApdu.Kind.UNSUPPORTED);
        assertThat(ProtectedApdu.inspect(new byte[0]).kind()).isEqualTo(ProtectedApdu.Kind.PLAIN);
    }

    @Test
    void exceptionResponsesCarryTheExpectedCounter() {
        assertThat(HEX.formatHex(ExceptionResponse.invocationCounterError(0x1234))).isEqualTo("D8010600001234");
        assertThat(HEX.formatHex(ExceptionResponse.decipheringError())).isEqualTo("D80105");
    }
}
