package org.testbench.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.profile.MeterProfileReader;

/**
 * {@code meter.attack} with link and association layers against the virtual lab's weak-link meter type: what
 * each accepted test proves decides the finding's type — a frame with a bad FCS answered is a CONFORMANCE
 * finding, an association opened with a wrong LLS password a SECURITY one, and a meter silenced by a frame is
 * a SECURITY finding (a denial of service) whatever the test.
 */
class LinkAttackFindingsTests {

    private static final char[] PASSWORD = "link-attack-findings".toCharArray();

    @Test
    void aWeakLinkMetersFindingsAreTypedByWhatEachAcceptedTestProves() throws Exception {
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(1).meterTypes(List.of(MeterType.WEAK_LINK))
                .keystorePassword(PASSWORD.clone()).opticalPty(false).benchPty(false).build())) {
            VirtualMeter meter = lab.meter(1);
            MeterProfile profile = MeterProfileReader.read(lab.profile(meter.type()));
            SessionOptions options = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(1));
            PositionSetup position = new PositionSetup(1, Optional.of(meter.serial()), ProfiledMeter.opticalChannel(
                    profile, PortAddress.parse(meter.opticalEndpoint()), SignOnOptions.defaults()), Optional.empty(),
                    profile);
            Instruments instruments = new Instruments(Optional.empty(), Optional.of(MeterKeyStore.open(lab.keystore(),
                    PASSWORD.clone())), Optional.empty(), (p, k, m) -> "yes", options);

            RunResult result = new SequenceEngine().start(SequenceParser.parse("weak-link.yaml", """
                    sequence: weak-link
                    steps:
                      - meter.attack: {layer: [hdlc, acse]}
                    """.getBytes(StandardCharsets.UTF_8)), Map.of(), List.of(position), instruments,
                    new RunListener() { }).await(Duration.ofMinutes(3));

            RunResult.PositionResult p = result.positions().get(0);
            assertThat(result.verdict()).as(p.message() + " " + p.findings()).isEqualTo(Verdict.FAIL);
            assertThat(p.findings()).as("bad-fcs answered").filteredOn(f -> f.message().contains("accepted the bad-fcs"))
                    .extracting(Finding::type).containsExactly(FindingType.CONFORMANCE);
            assertThat(p.findings()).as("wrong LLS password accepted")
                    .filteredOn(f -> f.message().contains("accepted the wrong-lls-password"))
                    .extracting(Finding::type).containsExactly(FindingType.SECURITY);
            assertThat(p.findings()).as("silenced by an over-long information field")
                    .filteredOn(f -> f.message().contains("after the info-field-too-long"))
                    .extracting(Finding::type).containsExactly(FindingType.SECURITY);
            assertThat(p.findings()).filteredOn(f -> f.type() == FindingType.CONFORMANCE)
                    .allSatisfy(f -> assertThat(f.evidence()).anyMatch(e -> e.contains("TX ")));
        }
    }
}
