package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports end to end, each command a separate JVM running the jar: {@code testbench lab}, a recorded
 * {@code run}, {@code pki init}, signed {@code report}s in every format, and {@code verify} of them, intact and
 * changed.
 */
class ReportCommandLineIT {

    private static final String SIGNING = "it-signing-password";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_KEYSTORE_PASSWORD", "it-keystore-password",
            "TESTBENCH_MDMS_TOKEN", "it-mdms-token-0123456789", "TESTBENCH_SIGNING_PASSWORD", SIGNING);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Process lab;
    private static String runId;
    private static String db;

    @BeforeAll
    static void recordARun() throws Exception {
        Path endpoints = dir.resolve("endpoints.json");
        lab = TestbenchJar.command(ENV, "lab", "--meters", "2", "--endpoints", endpoints.toString(), "--dir",
                        dir.resolve("lab").toString(), "--no-pty")
                .redirectOutput(dir.resolve("lab.out").toFile()).redirectError(dir.resolve("lab.err").toFile()).start();
        TestbenchJar.awaitEndpoints(lab, endpoints, dir.resolve("lab.err"));
        db = "jdbc:h2:file:" + dir.resolve("results");
        Path sequence = Path.of("..", "samples", "sequences", "e2e-load-switch.yaml").toAbsolutePath().normalize();
        TestbenchJar.Result run = TestbenchJar.run(ENV, "run", sequence.toString(), "--lab", endpoints.toString(),
                "--db", db, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        runId = JSON.readTree(run.out()).get("runId").asText();
        TestbenchJar.Result pki = TestbenchJar.run(ENV, "pki", "init", dir.resolve("pki").toString());
        assertThat(pki.exitCode()).as(pki.err()).isZero();
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) {
            lab.destroy();
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static TestbenchJar.Result report(String format, Path out, boolean signed) throws Exception {
        return signed
                ? TestbenchJar.run(ENV, "report", runId, "--db", db, "--format", format, "--out", out.toString(),
                        "--sign", dir.resolve("pki/qa-signer.p12").toString())
                : TestbenchJar.run(ENV, "report", runId, "--db", db, "--format", format, "--out", out.toString());
    }

    private static TestbenchJar.Result verify(Path file, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "verify";
        args[1] = file.toString();
        args[2] = "--ca";
        args[3] = dir.resolve("pki/ca.pem").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return TestbenchJar.run(Map.of(), args);
    }

    private static void flipByte(Path file, int at) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= 0x01;
        Files.write(file, b);
    }

    @Test
    void aSignedPdfVerifiesAndOneChangedByteIsDetected() throws Exception {
        Path pdf = dir.resolve("run.pdf");
        TestbenchJar.Result r = report("pdf", pdf, true);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("signed by").contains("QA signer");

        TestbenchJar.Result ok = verify(pdf, "--json");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        JsonNode json = JSON.readTree(ok.out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("signer").asText()).contains("QA signer");
        assertThat(json.get("signedAt").asText()).isNotBlank();

        Path tampered = Files.copy(pdf, dir.resolve("tampered.pdf"));
        flipByte(tampered, 2000);
        TestbenchJar.Result bad = verify(tampered);
        assertThat(bad.exitCode()).as(bad.out() + bad.err()).isEqualTo(1);
        assertThat(bad.out()).startsWith("INVALID");

        Path truncated = Files.write(dir.resolve("truncated.pdf"),
                Arrays.copyOf(Files.readAllBytes(pdf), (int) Files.size(pdf) / 2));
        TestbenchJar.Result cut = verify(truncated);
        assertThat(cut.exitCode()).isEqualTo(2);
        assertThat(cut.err().strip()).doesNotContain("\n").startsWith("testbench verify: ");
    }

    @Test
    void aSignedJsonGetsItsP7sAndVerifies() throws Exception {
        Path json = dir.resolve("run.json");
        TestbenchJar.Result r = report("json", json, true);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("run.json.p7s")).exists();
        JsonNode report = JSON.readTree(json.toFile());
        assertThat(report.get("runId").asText()).isEqualTo(runId);
        assertThat(report.get("positions")).hasSize(2);
        assertThat(report.get("mdms").get("specSha256").asText()).hasSize(64);

        assertThat(verify(json).exitCode()).isZero();
        flipByte(json, 100);
        TestbenchJar.Result bad = verify(json);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("changed after signing");
    }

    @Test
    void junitXmlHasATestCasePerPositionAndStep() throws Exception {
        Path xml = dir.resolve("TEST-run.xml");
        TestbenchJar.Result r = report("junit", xml, false);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String text = Files.readString(xml);
        assertThat(text).contains("<testsuites").contains("position 1 meter").contains("position 2 meter")
                .contains("witnesses after open").doesNotContain("<failure");
    }

    @Test
    void atmlHasATestResultsPerPositionWithTheMeterAsUnitUnderTest() throws Exception {
        Path xml = dir.resolve("run.atml.xml");
        TestbenchJar.Result r = report("atml", xml, false);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String text = Files.readString(xml);
        assertThat(text).contains("urn:IEEE-1636.1:2013:TestResults").contains("<tr:UUT>");
        assertThat(text.split("<trc:TestResults ", -1)).hasSize(3);
        assertThat(text).contains("<tr:Outcome value=\"Passed\"/>").doesNotContain("value=\"Failed\"");
    }

    @Test
    void aTimeStampedBundleVerifiesAndATamperedMemberIsNamed() throws Exception {
        JsonNode endpoints = JSON.readTree(dir.resolve("endpoints.json").toFile());
        String tsa = endpoints.path("tsa").path("url").asText();
        Map<String, String> env = Map.of("TESTBENCH_SIGNING_PASSWORD", ENV.get("TESTBENCH_KEYSTORE_PASSWORD"));
        Path zip = dir.resolve("run.zip");
        TestbenchJar.Result made = TestbenchJar.run(env, "report", runId, "--db", db, "--format", "bundle", "--out",
                zip.toString(), "--sign", endpoints.path("pki").path("signer").asText(), "--tsa", tsa);
        assertThat(made.exitCode()).as(made.err()).isZero();
        Map<String, byte[]> members = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                members.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(members).containsKeys("manifest.json", "manifest.json.p7s", "reports/report.pdf",
                "reports/report.atml.xml", "inputs/sequence.yaml");
        assertThat(members.keySet()).anyMatch(n -> n.startsWith("evidence/position-01/") && n.endsWith("-http.log"))
                .anyMatch(n -> n.startsWith("evidence/position-02/") && n.endsWith("-scpi.log"));
        String http = members.entrySet().stream().filter(e -> e.getKey().endsWith("-http.log")).map(e -> new String(
                e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(http).doesNotContain(ENV.get("TESTBENCH_MDMS_TOKEN"));
        String frames = members.entrySet().stream().filter(e -> e.getKey().endsWith("-dlms-frames.log"))
                .map(e -> new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(frames).as("the meter steps' DLMS frames, a line each with time, direction and hex")
                .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z -> [0-9a-f]{2}( [0-9a-f]{2})+")
                .containsPattern("(?m)^\\S+Z <- [0-9a-f]{2}( [0-9a-f]{2})+");

        String[] cas = {"--ca", endpoints.path("pki").path("ca").asText(), "--ca",
            endpoints.path("tsa").path("ca").asText()};
        TestbenchJar.Result ok = TestbenchJar.run(Map.of(), "verify", zip.toString(), cas[0], cas[1], cas[2], cas[3],
                "--json");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        JsonNode result = JSON.readTree(ok.out());
        assertThat(result.get("format").asText()).isEqualTo("bundle");
        assertThat(result.get("level").asText()).isEqualTo("B-T");
        assertThat(result.get("members").asInt()).isEqualTo(members.size() - 2);

        String victim = members.keySet().stream().filter(n -> n.endsWith("-http.log")).findFirst().orElseThrow();
        members.put(victim, "HTTP 200 {\"state\":\"OPEN\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path tampered = dir.resolve("tampered.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(tampered))) {
            for (var m : members.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(m.getKey()));
                out.write(m.getValue());
                out.closeEntry();
            }
        }
        TestbenchJar.Result bad = TestbenchJar.run(Map.of(), "verify", tampered.toString(), cas[0], cas[1], cas[2],
                cas[3]);
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("member " + victim + " was changed");
    }

    @Test
    void badInputIsOneLineExit2AndLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("wrong-password.pdf");
        TestbenchJar.Result wrong = TestbenchJar.run(Map.of("TESTBENCH_SIGNING_PASSWORD", "wrong"), "report", runId,
                "--db", db, "--format", "pdf", "--out", out.toString(), "--sign",
                dir.resolve("pki/qa-signer.p12").toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).doesNotContain("\n").contains("wrong password");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        TestbenchJar.Result unknown = TestbenchJar.run(Map.of(), "report", "00000000-0000-0000-0000-000000000000",
                "--db", db, "--format", "json", "--out", dir.resolve("none.json").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no run 00000000-0000-0000-0000-000000000000");
        assertThat(dir.resolve("none.json")).doesNotExist();

        TestbenchJar.Result missing = verify(dir.resolve("no-such.pdf"));
        assertThat(missing.exitCode()).isEqualTo(2);

        Path unsigned = dir.resolve("unsigned.json");
        assertThat(report("json", unsigned, false).exitCode()).isZero();
        TestbenchJar.Result noSignature = verify(unsigned);
        assertThat(noSignature.exitCode()).isEqualTo(2);
        assertThat(noSignature.err()).contains("no signature");
    }

    @Test
    void longTermSignatureWithTheLabsTimeStampingAuthorityThenExtended() throws Exception {
        JsonNode endpoints = JSON.readTree(dir.resolve("endpoints.json").toFile());
        String tsa = endpoints.path("tsa").path("url").asText();
        assertThat(tsa).startsWith("http://127.0.0.1:");
        assertThat(Path.of(endpoints.path("tsa").path("ca").asText())).exists();
        String signer = endpoints.path("pki").path("signer").asText();
        // The lab's QA signer is protected by the lab's keystore password.
        Map<String, String> env = Map.of("TESTBENCH_SIGNING_PASSWORD", ENV.get("TESTBENCH_KEYSTORE_PASSWORD"));
        Path pdf = dir.resolve("lta.pdf");
        TestbenchJar.Result signed = TestbenchJar.run(env, "report", runId, "--db", db, "--format", "pdf", "--out",
                pdf.toString(), "--sign", signer, "--tsa", tsa, "--level", "b-lta");
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("level B-LTA");

        String[] cas = {"--ca", endpoints.path("pki").path("ca").asText(), "--ca",
            endpoints.path("tsa").path("ca").asText()};
        TestbenchJar.Result v = TestbenchJar.run(Map.of(), "verify", pdf.toString(), cas[0], cas[1], cas[2], cas[3],
                "--json");
        assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
        JsonNode result = JSON.readTree(v.out());
        assertThat(result.get("level").asText()).isEqualTo("B-LTA");
        assertThat(result.get("timeStamped").asBoolean()).isTrue();
        assertThat(result.get("timeStampAuthority").asText()).contains("TSA");

        long before = Files.size(pdf);
        TestbenchJar.Result extended = TestbenchJar.run(Map.of(), "report", "extend", pdf.toString(), "--tsa", tsa);
        assertThat(extended.exitCode()).as(extended.err()).isZero();
        assertThat(Files.size(pdf)).isGreaterThan(before);
        TestbenchJar.Result again = TestbenchJar.run(Map.of(), "verify", pdf.toString(), cas[0], cas[1], cas[2],
                cas[3]);
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("level B-LTA").contains("time stamp of");

        Path json = dir.resolve("t.json");
        TestbenchJar.Result cades = TestbenchJar.run(env, "report", runId, "--db", db, "--format", "json", "--out",
                json.toString(), "--sign", signer, "--tsa", tsa);
        assertThat(cades.exitCode()).as(cades.err()).isZero();
        TestbenchJar.Result cv = TestbenchJar.run(Map.of(), "verify", json.toString(), cas[0], cas[1], cas[2],
                cas[3]);
        assertThat(cv.out()).contains("level B-T");
    }

    @Test
    void anUnreachableTimeStampingAuthorityIsOneLineExit2AndNothingWritten() throws Exception {
        Path out = dir.resolve("no-tsa.pdf");
        TestbenchJar.Result r = TestbenchJar.run(ENV, "report", runId, "--db", db, "--format", "pdf", "--out",
                out.toString(), "--sign", dir.resolve("pki/qa-signer.p12").toString(), "--tsa",
                "http://127.0.0.1:9/tsa");
        assertThat(r.exitCode()).isEqualTo(2);
        // PDFBox's font warnings may precede it (until the reports embed their own font): the error is one line.
        assertThat(r.err().lines().filter(l -> l.startsWith("testbench report:")).toList()).singleElement()
                .asString().contains("TSA http://127.0.0.1:9/tsa").contains("unreachable");
        assertThat(out).doesNotExist();

        TestbenchJar.Result noTsa = TestbenchJar.run(ENV, "report", runId, "--db", db, "--format", "pdf", "--out",
                out.toString(), "--sign", dir.resolve("pki/qa-signer.p12").toString(), "--level", "b-lt");
        assertThat(noTsa.exitCode()).isEqualTo(2);
        assertThat(noTsa.err()).contains("--tsa");
        assertThat(out).doesNotExist();
    }
}
