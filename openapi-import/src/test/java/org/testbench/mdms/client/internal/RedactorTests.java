package org.testbench.mdms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactorTests {

    private final Redactor redactor = new Redactor(List.of(), 4096);

    /** Was {@code getMeter at http://localhost:<Base64 removed, 25 characters>}: port and path lost. */
    @Test
    void urlsHostPortsAndPathsStayReadable() {
        for (String text : List.of("getMeter at http://localhost:41234/api/v1/meters/26000001: connection refused",
                "POST https://mdms.example:8443/v2/meters/26000001/loadSwitchCommands answered 503",
                "cannot connect to 127.0.0.1:40591/api/v1/commands/98765432101234567",
                "GET /api/v1/meters/26000001/registers/energyImport timed out",
                "operation getMeterReadingsByIntervalAndChannel is not in the spec")) {
            assertThat(redactor.text(text)).isEqualTo(text);
        }
    }

    @Test
    void keysInBase64AreStillRemovedWhereverTheyAre() {
        Random random = new Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[16 + random.nextInt(17)];
            random.nextBytes(key);
            String padded = Base64.getEncoder().encodeToString(key);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(key);
            for (String shown : List.of("the key is " + padded + " here", "k " + unpadded,
                    "http://mdms.example:8080/api/v1/keys/" + unpadded + "/confirm")) {
                assertThat(redactor.text(shown)).as(shown).doesNotContain(unpadded);
            }
        }
    }

    @Test
    void aPathSegmentThatIsAKeyIsRemovedWithItsRun() {
        String key = "q3Zx/9aB2k2mPq0W7rT1yA==";
        assertThat(redactor.text("POST http://localhost:8080/api/v1/keys/" + key))
                .doesNotContain("q3Zx", "9aB2k2mPq0W7rT1yA").contains("http://localhost:");
    }
}
