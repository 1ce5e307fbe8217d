package org.testbench.sequences.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
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
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.profile.MeterProfileReader;

/**
 * One run over a lab of every built-in meter type, each position with its own profile: the meter steps
 * read, switch and witness each type the way it is built (an LLS reader, an HLS-only meter, direct HDLC,
 * a relay that remote_reconnect only arms and the bench's button closes).
 */
class MixedMeterTypesTests {

    private static final char[] PASSWORD = "mixed-types".toCharArray();
    private static Path dir;
    private static VirtualLab lab;
    private static Bench bench;
    private static MeterKeyStore keys;

    @BeforeAll
    static void startLab() throws Exception {
        dir = Files.createTempDirectory("mixed-types");
        List<MeterType> types = MeterType.builtIn();
        lab = VirtualLab.start(LabConfig.builder().meters(types.size()).meterTypes(types).workDir(dir)
                .keystorePassword(PASSWORD.clone()).opticalPty(false).benchPty(false).build());
        bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
        keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
    }

    @AfterAll
    static void stopLab() throws Exception {
        bench.close();
        lab.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<PositionSetup> positions(boolean withDisconnector) throws Exception {
        List<PositionSetup> list = new ArrayList<>();
        for (VirtualMeter m : lab.meters()) {
            MeterProfile p = MeterProfileReader.read(Path.of("..", "samples", "meters", m.type().name() + ".yaml"));
            if (withDisconnector != p.objects().find(org.testbench.drivers.profile.MeterObject.DISCONNECT_CONTROL)
                    .isPresent()) {
                continue;
            }
            list.add(new PositionSetup(m.position(), Optional.of(m.serial()),
                    ProfiledMeter.opticalChannel(p, PortAddress.parse(m.opticalEndpoint()), SignOnOptions.defaults()),
                    Optional.of(ProfiledMeter.amiChannel(p, PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(2))),
                    p));
        }
        return list;
    }

    private static RecordingListener run(String yaml, List<PositionSetup> positions, Verdict expected)
            throws Exception {
        Sequence s = SequenceParser.parse("mixed.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        RecordingListener listener = new RecordingListener();
        RunResult result = new SequenceEngine().start(s, Map.of(), positions, new Instruments(Optional.of(bench),
                Optional.of(keys), Optional.empty(), (p, k, m) -> "yes", SessionOptions.defaults()), listener)
                .await(Duration.ofSeconds(180));
        assertThat(result.verdict()).as(listener.steps.toString()).isEqualTo(expected);
        return listener;
    }

    @Test
    void everyTypeWithADisconnectorIsReadSwitchedAndWitnessed() throws Exception {
        List<PositionSetup> positions = positions(true);
        assertThat(positions).hasSizeGreaterThanOrEqualTo(4);
        RecordingListener listener = run("""
                sequence: load-switch-by-meter
                steps:
                  - id: identity
                    meter.read: {objects: [serial, energyImport, loadSwitch]}
                    expect:
                      - value: ${identity.serial}
                        equals: ${serial}
                        finding: ID_MISMATCH
                  - bench.source: {on: true, voltage: 230 V, current: 5 A}
                  - meter.switch: open
                  - verify.loadSwitch: {expect: open, nominal_current: 5 A}
                  - id: close
                    meter.switch: close
                  - check: {value: "${close.relay}", equals: CLOSED}
                  - verify.loadSwitch: {expect: closed, nominal_current: 5 A}
                cleanup:
                  - bench.source: off
                """, positions, Verdict.PASS);
        assertThat(listener.findings).isEmpty();
        assertThat(lab.meters()).filteredOn(m -> positions.stream().anyMatch(p -> p.position() == m.position()))
                .allMatch(VirtualMeter::relayClosed);
    }

    @Test
    void aTypeWithoutExportOrDisconnectorHasThemReportedAbsentAndTheReadGoesOn() throws Exception {
        List<PositionSetup> positions = positions(false);
        assertThat(positions).isNotEmpty();
        RecordingListener listener = run("""
                sequence: read-what-there-is
                steps:
                  - id: r
                    meter.read: {objects: [serial, energyImport, energyExport, loadSwitch]}
                  - check: {value: "${r.serial}", equals: "${serial}"}
                  - check: {value: "${r.unavailable}", equals: "energyExport, loadSwitch"}
                """, positions, Verdict.PASS);
        assertThat(listener.measurements).anyMatch(m -> m.name().equals("energyImport"));
    }
}
