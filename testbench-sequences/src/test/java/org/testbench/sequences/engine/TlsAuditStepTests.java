package org.testbench.sequences.engine;

import org.testbench.sequences.mdms.MdmsConnection;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * {@code samples/sequences/security-tls.yaml} on a virtual lab whose MDMS serves HTTPS: the good profile
 * passes, a weak one fails with SECURITY findings that name the rule, and the run's MDMS configuration
 * (url and ca, as the endpoints file gives them) is what is audited.
 */
class TlsAuditStepTests {

    private static final char[] PASSWORD = "tls-step-tests".toCharArray();
    private static final String TOKEN = "tls-step-token";

    @TempDir
    Path dir;

    private RunResult runSample(MdmsTlsProfile profile) throws Exception {
        Path samples = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("samples");
        Sequence sequence = SequenceParser.parse(samples.resolve("sequences/security-tls.yaml"));
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(1).workDir(dir).keystorePassword(PASSWORD)
                .opticalPty(false).benchPty(false).mdmsToken(TOKEN).mdmsTls(profile).build())) {
            BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(URI.create(lab.mdms().url()),
                    samples.resolve("openapi/mdms-v1.yaml"), samples.resolve("bindings/mdms-v1.binding.yaml"),
                    "UNUSED", lab.mdms().caFile(), Optional.empty(), BenchConfiguration.Latency.RF);
            VirtualMeter meter = lab.meter(1);
            try (ClientMdmsGateway mdms = MdmsConnection.to(config).secrets(variable -> Optional.of(TOKEN)).gateway()) {
                return new SequenceEngine().start(sequence, Map.of(),
                        List.of(new PositionSetup(1, Optional.of(meter.serial()),
                                new OpticalChannel(PortAddress.parse(meter.opticalEndpoint())), Optional.empty())),
                        new Instruments(Optional.empty(), Optional.empty(), Optional.of(mdms), (p, k, m) -> "yes",
                                SessionOptions.defaults()), new RecordingListener())
                        .await(Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void goodProfilePasses() throws Exception {
        RunResult result = runSample(MdmsTlsProfile.GOOD);

        assertThat(result.verdict()).as(result.positions().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.positions().get(0).findings()).isEmpty();
    }

    @Test
    void weakProfileFailsWithSecurityFindingsNamingTheRule() throws Exception {
        RunResult result = runSample(MdmsTlsProfile.SHA1);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        List<Finding> findings = result.positions().get(0).findings();
        assertThat(findings).extracting(Finding::type).containsOnly(FindingType.SECURITY);
        assertThat(findings).extracting(Finding::message)
                .anyMatch(m -> m.contains("CERT-SIGNATURE") && m.contains("SHA1withRSA") && m.contains("§3.2.1"));
    }
}
