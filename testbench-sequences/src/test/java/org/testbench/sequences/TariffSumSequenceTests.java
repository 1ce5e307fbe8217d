package org.testbench.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ObjectLocation;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.profile.RegisterSum;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.mdms.MdmsConnection;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.profile.MeterProfileReader;

/**
 * A meter that keeps import energy only per tariff, in a sequence against the lab's MDMS: {@code meter.read} gives
 * the exact sum of the tariffs, {@code mdms.registers.read: {obis: energyImport}} asks the MDMS for the code its
 * profile says the MDMS knows the total by; without that code the step is an ERROR, never a tariff in its place.
 */
class TariffSumSequenceTests {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final char[] PASSWORD = "tariff-sum".toCharArray();
    private static final String LAB_SECRET = "tariff-sum-sequence-secret-0123456789";
    private static final String SEQUENCE = """
            sequence: tariff-total
            title: the MDMS's total is the sum of the meter's tariffs
            steps:
              - id: meter
                meter.read: {objects: [energyImport], via: ami}
              - id: mdms
                name: MDMS total
                mdms.registers.read: {obis: energyImport}
                expect:
                  - {value: "${mdms.outcome}", equals: OK, finding: UNCLEAR_ERROR}
              - name: the MDMS's total is the meter's
                check:
                  value: ${mdms.quantity}
                  within: 0.001 Wh
                  of: ${meter.energyImport}
                  finding: DATA_INCONSISTENCY
            """;
    private static VirtualLab lab;
    private static Bench bench;
    private static MeterKeyStore keys;
    private static ClientMdmsGateway mdms;

    @BeforeAll
    static void startLab() throws Exception {
        lab = VirtualLab.start(LabConfig.builder().meters(1).meterTypes(List.of(MeterType.TARIFF_ONLY))
                .keystorePassword(PASSWORD.clone()).opticalPty(false).benchPty(false)
                .mdmsDialect(MdmsDialect.REFERENCE).mdmsToken(LAB_SECRET).build());
        bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
        keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
        BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(URI.create(lab.mdms().url()),
                SAMPLES.resolve("openapi").resolve(MdmsDialect.REFERENCE.specFile()),
                SAMPLES.resolve("bindings").resolve(MdmsDialect.REFERENCE.bindingFile()), AuthSettings.fromDocument(),
                Optional.empty(), Optional.empty(), BenchConfiguration.Latency.RF);
        mdms = MdmsConnection.to(config)
                .secrets(name -> name.equals(AuthSettings.BEARER_VARIABLE) ? Optional.of(LAB_SECRET) : Optional.empty())
                .latency(LatencyProfile.rf()).gateway();
        lab.meters().get(0).addEnergy(2345.678, 0);
    }

    @AfterAll
    static void stopLab() throws Exception {
        mdms.close();
        bench.close();
        lab.close();
    }

    private static RunResult run(MeterProfile profile, List<String> evidence) throws Exception {
        VirtualMeter m = lab.meters().get(0);
        PositionSetup position = new PositionSetup(m.position(), Optional.of(m.serial()),
                ProfiledMeter.opticalChannel(profile, PortAddress.parse(m.opticalEndpoint()), SignOnOptions.defaults()),
                Optional.of(ProfiledMeter.amiChannel(profile, PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(2))),
                profile);
        Instruments instruments = new Instruments(Optional.of(bench), Optional.of(keys), Optional.of(mdms),
                (p, kind, message) -> "yes", SessionOptions.defaults());
        RunListener listener = new RunListener() {
            @Override
            public void evidence(int p, Step step, String kind, String content) {
                evidence.add(kind + ": " + content);
            }
        };
        return new SequenceEngine().start(SequenceParser.parse("tariff.yaml", SEQUENCE.getBytes(StandardCharsets.UTF_8)),
                Map.of(), List.of(position), instruments, listener).await(Duration.ofMinutes(2));
    }

    @Test
    void theMdmsIsAskedForItsTotalAndItEqualsTheExactSumOfTheTariffs() throws Exception {
        List<String> evidence = new CopyOnWriteArrayList<>();
        RunResult r = run(MeterProfileReader.read(SAMPLES.resolve("meters").resolve("tariff-only.yaml")), evidence);
        assertThat(r.verdict()).as(r.positions() + "\n" + evidence).isEqualTo(Verdict.PASS);
        String total = lab.meters().get(0).importRegisterWh().toPlainString();
        assertThat(evidence).anySatisfy(e -> assertThat(e).startsWith("sum: energyImport = " + total + " Wh = ")
                .contains("1.0.1.8.1.255").contains("1.0.1.8.2.255"));
        assertThat(evidence).anySatisfy(e -> assertThat(e).contains("/registers/1.0.1.8.0.255"));
    }

    @Test
    void withoutTheMdmsCodeOfTheTotalTheStepIsAnErrorNamingIt() throws Exception {
        MeterProfile sample = MeterProfileReader.read(SAMPLES.resolve("meters").resolve("tariff-only.yaml"));
        RegisterSum parts = sample.objects().locate(MeterObject.ENERGY_IMPORT).flatMap(ObjectLocation::sum)
                .orElseThrow();
        MeterProfile noCode = sample.withObjects(sample.objects().withLocation(MeterObject.ENERGY_IMPORT,
                Optional.of(ObjectLocation.sumOf(new RegisterSum(parts.parts(), Optional.empty())))));
        List<String> evidence = new CopyOnWriteArrayList<>();
        RunResult r = run(noCode, evidence);
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.positions()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("mdms.registers.read: obis: energyImport cannot be sent to the MDMS")
                .contains("[1.0.1.8.1.255, 1.0.1.8.2.255]").contains("objects.energyImport.mdms"));
        assertThat(evidence).noneSatisfy(e -> assertThat(e).contains("/registers/1.0.1.8.1.255"));
    }
}
