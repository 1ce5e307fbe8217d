package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.results.Sha256;

/** The evidence bundle: what it holds, and that {@link BundleVerifier} catches every kind of tampering. */
class EvidenceBundleTests {

    static final char[] PASSWORD = "qa-signing-password".toCharArray();
    static final Instant NOW = Instant.now();

    @TempDir
    static Path dir;
    static EvaluationPki.Created pki;
    static SigningIdentity identity;
    static Map<String, byte[]> signed;

    @BeforeAll
    static void build() throws Exception {
        pki = EvaluationPki.init(dir.resolve("pki"), PASSWORD, "Testbench evaluation", NOW);
        identity = SigningIdentity.load(pki.signerFile(), PASSWORD, NOW);
        signed = unzip(EvidenceBundle.build(ReportFixtures.run(), NOW, identity, SigningOptions.basic()));
    }

    static BundleVerifier verifier() throws Exception {
        return new BundleVerifier(new SignatureVerifier(SignatureVerifier.readCertificates(pki.caFile()), false));
    }

    @Test
    void holdsTheReportsTheRawEvidenceTheInputsAndASignedManifest() throws Exception {
        assertThat(signed).containsKeys("reports/report.pdf", "reports/report.json", "reports/report.junit.xml",
                "reports/report.atml.xml", "inputs/sequence.yaml", "inputs/inputs.json", "manifest.json",
                "manifest.json.p7s", "evidence/position-01/step-01-mdms-response.log");
        String evidence = new String(signed.get("evidence/position-01/step-01-mdms-response.log"), StandardCharsets.UTF_8);
        assertThat(evidence).contains("HTTP 200").contains("26000001").doesNotContain(ReportFixtures.KEY)
                .contains("[" + ReportFixtures.T0.plusSeconds(1) + "]");
        JsonNode inputs = new ObjectMapper().readTree(signed.get("inputs/inputs.json"));
        assertThat(inputs.at("/sequence/sha256").asText())
                .isEqualTo(Sha256.of(signed.get("inputs/sequence.yaml")).hex());
        assertThat(inputs.at("/mdms/openApiSha256").asText()).isEqualTo(Sha256.ofUtf8("spec").hex());
        JsonNode manifest = new ObjectMapper().readTree(signed.get("manifest.json"));
        assertThat(manifest.get("format").asText()).isEqualTo(EvidenceBundle.FORMAT);
        for (JsonNode f : manifest.get("files")) {
            assertThat(Sha256.of(signed.get(f.get("path").asText())).hex()).isEqualTo(f.get("sha256").asText());
        }
        assertThat(manifest.get("files").size()).isEqualTo(signed.size() - 2);
    }

    @Test
    void anIntactSignedBundleVerifies() throws Exception {
        BundleVerifier.Result r = verifier().verify(write("ok.zip", signed));
        assertThat(r.valid()).as(r.message()).isTrue();
        assertThat(r.signature()).get().extracting(Verification::valid).isEqualTo(true);
        assertThat(r.message()).contains("members match the manifest, whose signature is valid");
    }

    @Test
    void aChangedMemberIsNamed() throws Exception {
        BundleVerifier.Result r = verifier().verify(write("changed.zip", with(m -> {
            m.put("evidence/position-01/step-01-mdms-response.log", "HTTP 200 {}".getBytes(StandardCharsets.UTF_8));
            return m;
        })));
        assertThat(r.valid()).isFalse();
        assertThat(r.message()).startsWith("member evidence/position-01/step-01-mdms-response.log was changed");
    }

    @Test
    void aMissingOrAddedMemberIsNamed() throws Exception {
        BundleVerifier.Result missing = verifier().verify(write("missing.zip", with(m -> {
            m.remove("reports/report.atml.xml");
            return m;
        })));
        assertThat(missing.message()).isEqualTo("member reports/report.atml.xml is listed in the manifest but missing");
        BundleVerifier.Result added = verifier().verify(write("added.zip", with(m -> {
            m.put("evidence/position-01/planted.log", new byte[] {1});
            return m;
        })));
        assertThat(added.valid()).isFalse();
        assertThat(added.message()).isEqualTo("member evidence/position-01/planted.log is not in the manifest");
    }

    @Test
    void aManifestRewrittenToMatchATamperedMemberBreaksTheSignature() throws Exception {
        BundleVerifier.Result r = verifier().verify(write("rehashed.zip", with(m -> {
            byte[] forged = "forged".getBytes(StandardCharsets.UTF_8);
            m.put("reports/report.json", forged);
            try {
                ObjectNode manifest = (ObjectNode) new ObjectMapper().readTree(m.get("manifest.json"));
                for (JsonNode f : manifest.get("files")) {
                    if (f.get("path").asText().equals("reports/report.json")) {
                        ((ObjectNode) f).put("sha256", Sha256.of(forged).hex());
                    }
                }
                m.put("manifest.json", new ObjectMapper().writeValueAsBytes(manifest));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return m;
        })));
        assertThat(r.valid()).isFalse();
        assertThat(r.message()).startsWith("the manifest's signature is invalid");
    }

    @Test
    void anUnsignedBundleVerifiesAndSaysWhatThatProves() throws Exception {
        byte[] zip = EvidenceBundle.build(ReportFixtures.run(), NOW, null, SigningOptions.basic());
        BundleVerifier.Result r = verifier().verify(write("unsigned.zip", unzip(zip)));
        assertThat(r.valid()).isTrue();
        assertThat(r.signature()).isEmpty();
        assertThat(r.message()).contains("not signed");
    }

    @Test
    void whatIsNotABundleIsBadInput() throws Exception {
        Path text = Files.writeString(dir.resolve("not-a.zip"), "hello");
        assertThatThrownBy(() -> verifier().verify(text)).isInstanceOf(ReportException.class)
                .hasMessageContaining("not a ZIP evidence bundle");
        Map<String, byte[]> noManifest = new LinkedHashMap<>(signed);
        noManifest.remove("manifest.json");
        Path zip = write("no-manifest.zip", noManifest);
        assertThatThrownBy(() -> verifier().verify(zip)).hasMessage(zip + ": no manifest.json in the bundle");
        assertThatThrownBy(() -> verifier().verify(dir.resolve("absent.zip"))).hasMessageEndingWith(": no such file");
    }

    private static Map<String, byte[]> with(UnaryOperator<Map<String, byte[]>> change) {
        return change.apply(new LinkedHashMap<>(signed));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static Path write(String name, Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                out.putNextEntry(new ZipEntry(m.getKey()));
                out.write(m.getValue());
                out.closeEntry();
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }
}
