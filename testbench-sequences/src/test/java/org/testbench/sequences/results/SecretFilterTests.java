package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFilterTests {

    static final byte[] KEY = ProcessFixtures.KEY;
    static final SecretFilter FILTER = SecretFilter.of(KEY);

    @Nested
    class Hex {

        @Test
        void removesTheKeyInLowerAndUpperCase() {
            assertRemovedOnce("ek=000102030405060708090a0b0c0d0e0f;");
            assertRemovedOnce("EK=000102030405060708090A0B0C0D0E0F;");
        }

        @Test
        void removesAHexDumpWithSeparators() {
            assertRemovedOnce("TX: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F");
            assertRemovedOnce("key 00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f");
            assertRemovedOnce("key 00-01-02-03-04-05-06-07-08-09-0a-0b-0c-0d-0e-0f");
        }

        @Test
        void keepsWhatSurroundsTheKey() {
            assertThat(FILTER.redact("before 000102030405060708090a0b0c0d0e0f after").text())
                    .isEqualTo("before " + SecretFilter.REMOVED + " after");
        }
    }

    @Nested
    class Base64Forms {

        /** The key at every offset of a longer payload: its Base64 characters depend on the offset mod 3. */
        @ParameterizedTest(name = "key at byte {0}")
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 17})
        void removesTheKeyInsideALongerPayloadAtAnyAlignment(int offset) {
            byte[] payload = payload(offset, KEY, 7);
            assertRemovedOnce("{\"blob\":\"" + Base64.getEncoder().encodeToString(payload) + "\"}");
            assertRemovedOnce("token=" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
        }

        @Test
        void removesTheKeyEncodedAloneWithItsPadding() {
            assertThat(FILTER.redact("AAECAwQFBgcICQoLDA0ODw==").text()).isEqualTo(SecretFilter.REMOVED);
        }

        @Test
        void removesTheKeyAcrossTheLineBreaksOfMimeBase64() {
            byte[] payload = payload(52, KEY, 40); // the key's characters straddle column 76
            String mime = Base64.getMimeEncoder().encodeToString(payload);
            assertThat(mime.lines().count()).isGreaterThan(1);

            assertRemovedOnce(mime);
        }
    }

    @Nested
    class PlainText {

        @Test
        void removesAPrintableSecretAsItIs() {
            SecretFilter password = SecretFilter.of("ABCDEFGH".getBytes(StandardCharsets.US_ASCII));

            assertThat(password.redact("LLS password ABCDEFGH accepted").text())
                    .isEqualTo("LLS password " + SecretFilter.REMOVED + " accepted");
            assertThat(password.redact("hex 4142434445464748").removed()).isEqualTo(1);
        }
    }

    @Test
    void leavesOtherTextAlone() {
        String text = "00 01 02 03 04 05 06 07 (first half only), AAECAwQF, 0f0e0d0c0b0a09080706050403020100";

        SecretFilter.Redaction redaction = FILTER.redact(text);

        assertThat(redaction.removed()).isZero();
        assertThat(redaction.text()).isSameAs(text);
        assertThat(FILTER.appearsIn(text)).isFalse();
        assertThat(SecretFilter.none().redact(text).text()).isSameAs(text);
    }

    @Test
    void refusesASecretTooShortToRecogniseSafely() {
        assertThatThrownBy(() -> SecretFilter.of(new byte[] {1, 2, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a secret of 4 bytes is too short to be recognised without removing ordinary text"
                        + " (at least 8 bytes)");
    }

    @Test
    void mergesFiltersWithoutDuplicates() {
        byte[] other = HexFormat.of().parseHex("d0d1d2d3d4d5d6d7d8d9dadbdcdddedf");

        SecretFilter both = FILTER.with(SecretFilter.of(other)).with(SecretFilter.of(KEY.clone()));

        assertThat(both.size()).isEqualTo(2);
        assertThat(both.redact("000102030405060708090a0b0c0d0e0f d0d1d2d3d4d5d6d7d8d9dadbdcdddedf").removed())
                .isEqualTo(2);
    }

    @Test
    void keepsItsOwnCopyOfTheSecrets() {
        byte[] secret = KEY.clone();
        SecretFilter filter = SecretFilter.of(secret);
        secret[0] = 42;

        assertThat(filter.appearsIn("000102030405060708090a0b0c0d0e0f")).isTrue();
    }

    @Test
    void neverShowsASecretInItsDescription() {
        assertThat(FILTER.toString()).isEqualTo("SecretFilter[1 secret]");
    }

    private static void assertRemovedOnce(String text) {
        SecretFilter.Redaction redaction = FILTER.redact(text);
        assertThat(redaction.removed()).as("secrets removed from %s", text).isEqualTo(1);
        assertThat(redaction.text()).contains(SecretFilter.REMOVED);
        assertThat(FILTER.appearsIn(redaction.text())).as("a form left in %s", redaction.text()).isFalse();
    }

    /** Random bytes, the secret, more random bytes. */
    private static byte[] payload(int before, byte[] secret, int after) {
        Random random = new Random(before);
        byte[] payload = new byte[before + secret.length + after];
        random.nextBytes(payload);
        System.arraycopy(secret, 0, payload, before, secret.length);
        return payload;
    }
}
