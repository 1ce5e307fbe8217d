package org.testbench.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.mdms.client.auth.SecretLookup;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.mdms.MdmsConnection;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * Whole sequences of the library, run by the engine against the lab's MDMS, where the MDMS's answer is not about
 * the meter at all. Credentials the MDMS refuses are the bench's fault: every position ends ERROR with a message
 * that names the scheme the bench used — never a FAIL that blames the MDMS (STATUS_UNAVAILABLE). An error the
 * MDMS answers as a {@code 200} web page is the MDMS's fault: FAIL with UNCLEAR_ERROR and CONTRACT_VIOLATION and
 * the page as evidence — never ERROR "could not be reached".
 */
class MdmsAnswerVerdictTests {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final char[] PASSWORD = "mdms-answer-verdicts".toCharArray();
    private static final String LAB_SECRET = "mdms-answer-verdicts-secret-0123456789";
    private static final String WRONG = "not-the-labs-secret-9876543210";
    private static final double TIME_SCALE = 0.05;

    @TempDir
    Path dir;

    /** What one run came to, with every finding and every piece of evidence the engine recorded. */
    record Run(RunResult result, List<Finding> findings, List<String> evidence) {
        Set<FindingType> findingTypes() {
            Set<FindingType> types = EnumSet.noneOf(FindingType.class);
            findings.forEach(f -> types.add(f.type()));
            return types;
        }
    }

    @Test
    void aRefusedBearerTokenEndsEveryPositionInErrorNamingTheScheme() throws Exception {
        Run run = run(MdmsDialect.REFERENCE, Set.of(), AuthSettings.fromDocument(),
                only(AuthSettings.BEARER_VARIABLE, WRONG), "e2e-load-switch");

        assertRefusedEverywhere(run, "bearer token (sha256:");
    }

    @Test
    void aRefusedApiKeyEndsEveryPositionInErrorNamingTheScheme() throws Exception {
        Run run = run(MdmsDialect.METERCLOUD, Set.of(), AuthSettings.fromDocument(),
                only(AuthSettings.API_KEY_VARIABLE, WRONG), "e2e-load-switch");

        assertRefusedEverywhere(run, "API key in header X-Api-Key");
    }

    @Test
    void aClientSecretTheTokenEndpointRefusesEndsEveryPositionInErrorNamingOAuth2() throws Exception {
        AuthSettings oauth2 = new AuthSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(MdmsDialect.OAUTH2_CLIENT_ID), Optional.empty(), List.of());
        Run run = run(MdmsDialect.GRIDFLOW, Set.of(), oauth2, only(AuthSettings.CLIENT_SECRET_VARIABLE, WRONG),
                "e2e-load-switch");

        assertThat(run.result().positions()).hasSize(2).allSatisfy(p -> {
            assertThat(p.verdict()).as(p.message()).isEqualTo(Verdict.ERROR);
            assertThat(p.message()).containsIgnoringCase("OAuth2").contains("could not be had")
                    .doesNotContain(WRONG);
        });
        assertThat(run.findingTypes()).doesNotContain(FindingType.STATUS_UNAVAILABLE);
    }

    @Test
    void anErrorAnsweredAsA200WebPageFailsTheMdmsWithThePageAsEvidence() throws Exception {
        Run run = run(MdmsDialect.REFERENCE, Set.of(MdmsFault.HTML_ERRORS), AuthSettings.fromDocument(),
                only(AuthSettings.BEARER_VARIABLE, LAB_SECRET), "interface-quality");

        assertThat(run.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.result().positions()).hasSize(2).allSatisfy(p -> {
            assertThat(p.verdict()).as(p.message()).isEqualTo(Verdict.FAIL);
            assertThat(p.message()).doesNotContain("could not be reached");
        });
        assertThat(run.findingTypes()).contains(FindingType.UNCLEAR_ERROR, FindingType.CONTRACT_VIOLATION);
        assertThat(run.findings()).filteredOn(f -> f.type() == FindingType.CONTRACT_VIOLATION)
                .anySatisfy(f -> assertThat(String.join("\n", f.evidence())).contains("<!DOCTYPE html>")
                        .contains("Something went wrong"));
        assertThat(run.evidence()).anySatisfy(e -> assertThat(e).contains("200").contains("text/html"));
    }

    private static void assertRefusedEverywhere(Run run, String scheme) {
        assertThat(run.result().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(run.result().positions()).hasSize(2).allSatisfy(p -> {
            assertThat(p.verdict()).as(p.message()).isEqualTo(Verdict.ERROR);
            assertThat(p.message()).contains("refused the bench's credentials").contains(scheme).doesNotContain(WRONG);
        });
        // The MDMS did nothing wrong: nothing is held against it.
        assertThat(run.findingTypes()).doesNotContain(FindingType.STATUS_UNAVAILABLE, FindingType.CONTRACT_VIOLATION,
                FindingType.UNCLEAR_ERROR);
        assertThat(run.evidence()).allSatisfy(e -> assertThat(e).doesNotContain(WRONG));
    }

    private static SecretLookup only(String variable, String value) {
        return name -> name.equals(variable) ? Optional.of(value) : Optional.empty();
    }

    private Run run(MdmsDialect dialect, Set<MdmsFault> faults, AuthSettings auth, SecretLookup secrets,
                    String sequenceName) throws Exception {
        Sequence sequence = SequenceParser.parse(SAMPLES.resolve("sequences").resolve(sequenceName + ".yaml"));
        Path labDir = Files.createDirectories(dir.resolve(dialect.externalName()));
        LabConfig config = LabConfig.builder().meters(2).workDir(labDir).keystorePassword(PASSWORD.clone())
                .opticalPty(false).benchPty(false).mdmsFaults(faults).mdmsDialect(dialect)
                .mdmsTimeScale(TIME_SCALE).mdmsToken(LAB_SECRET).build();
        try (VirtualLab lab = VirtualLab.start(config);
             Bench bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
             ClientMdmsGateway mdms = connection(lab, dialect, auth, secrets).gateway()) {
            MeterKeyStore keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
            Instruments instruments = new Instruments(Optional.of(bench), Optional.of(keys), Optional.of(mdms),
                    (position, kind, message) -> "yes", SessionOptions.defaults());
            Recorder recorder = new Recorder();
            RunResult result = new SequenceEngine().start(sequence, Map.of(), LabPositions.of(lab), instruments,
                    recorder).await(Duration.ofMinutes(3));
            // Whatever the verdict, the cleanup left the bench safe.
            assertThat(bench.isSourceOn()).isFalse();
            for (VirtualMeter m : lab.meters()) {
                assertThat(m.relayClosed()).isTrue();
                assertThat(m.amiLinkUp()).isTrue();
            }
            return new Run(result, List.copyOf(recorder.findings), List.copyOf(recorder.evidence));
        } finally {
            try (Stream<Path> walk = Files.walk(labDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The connection as {@code testbench run} builds it: the dialect's document and binding from samples/. */
    private static MdmsConnection connection(VirtualLab lab, MdmsDialect dialect, AuthSettings auth,
                                             SecretLookup secrets) {
        BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(URI.create(lab.mdms().url()),
                SAMPLES.resolve("openapi").resolve(dialect.specFile()),
                SAMPLES.resolve("bindings").resolve(dialect.bindingFile()), auth, Optional.empty(), Optional.empty(),
                BenchConfiguration.Latency.RF);
        LatencyProfile rf = LatencyProfile.rf();
        return MdmsConnection.to(config).secrets(secrets)
                .latency(rf.withPollInterval(Duration.ofMillis((long) (rf.pollInterval().toMillis() * TIME_SCALE))));
    }

    private static final class Recorder implements RunListener {
        final List<Finding> findings = new CopyOnWriteArrayList<>();
        final List<String> evidence = new CopyOnWriteArrayList<>();

        @Override
        public void finding(int position, Step step, Finding finding) {
            findings.add(finding);
        }

        @Override
        public void evidence(int position, Step step, String kind, String content) {
            evidence.add(content);
        }
    }
}
