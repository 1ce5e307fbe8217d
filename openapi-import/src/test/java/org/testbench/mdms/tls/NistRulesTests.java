package org.testbench.mdms.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules as data: every shipped rule has a reference and a known kind, and the suite rules that no
 * lab server can seed (Bouncy Castle serves neither RC4 nor export suites) judge by their data.
 */
class NistRulesTests {

    private static final NistRules RULES = NistRules.standard();

    private static TlsObservation offering(String... suites) {
        return new TlsObservation(List.of("TLSv1.2"), Map.of("TLSv1.2", List.of(suites)), List.of("secp256r1"),
                Optional.empty(), "none", false);
    }

    private static List<String> failed(TlsObservation seen) {
        return RULES.judge(seen, Instant.now()).stream().filter(TlsFinding::isFailure).map(TlsFinding::rule).toList();
    }

    @Test
    void everyRuleNamesItsPassageOfTheGuideline() {
        assertThat(RULES.source()).contains("800-52 Rev. 2");
        assertThat(RULES.rules()).hasSizeGreaterThan(25)
                .allSatisfy(r -> assertThat(r.reference()).startsWith("NIST SP 800-52r2 §"));
        assertThat(RULES.rules()).extracting(NistRule::id).doesNotHaveDuplicates();
    }

    @Test
    void rc4AndExportSuitesFail() {
        assertThat(failed(offering("TLS_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")))
                .containsExactly("TLS-SUITE-RC4", "CERT-MISSING");
        assertThat(failed(offering("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")))
                .contains("TLS-SUITE-EXPORT", "TLS-SUITE-DES");
    }

    @Test
    void tripleDesIsNotAlsoCalledTolerableCbc() {
        List<String> rules = RULES.judge(offering("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"), Instant.now()).stream()
                .map(TlsFinding::rule).toList();
        assertThat(rules).contains("TLS-SUITE-DES").doesNotContain("TLS-SUITE-CBC");
    }

    @Test
    void approvedSuitesAloneRaiseNoSuiteFinding() {
        List<TlsFinding> findings = RULES.judge(offering("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), Instant.now());
        assertThat(findings).extracting(TlsFinding::rule).noneMatch(id -> id.startsWith("TLS-SUITE"));
    }

    @Test
    void aRuleFileWithAnUnknownCheckIsRefusedNamingTheRule() {
        String yaml = """
                rules:
                  - id: MY-RULE
                    kind: certificate
                    check: colour
                    severity: FAIL
                    reference: somewhere
                    message: nope
                """;
        assertThatThrownBy(() -> NistRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml"))
                .isInstanceOf(IOException.class).hasMessageContaining("x.yaml: rule MY-RULE")
                .hasMessageContaining("unknown certificate check 'colour'");
    }

    @Test
    void theDataDecidesSeverity() throws IOException {
        String yaml = """
                source: stricter house rules
                rules:
                  - id: NO-CBC
                    kind: suite_offered
                    match: [_CBC_]
                    severity: FAIL
                    reference: house rule 1
                    message: "{suite} uses CBC"
                """;
        NistRules house = NistRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "house.yaml");
        assertThat(house.judge(offering("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"), Instant.now()))
                .containsExactly(new TlsFinding("NO-CBC", TlsFinding.Severity.FAIL,
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 uses CBC", "house rule 1"));
    }
}
