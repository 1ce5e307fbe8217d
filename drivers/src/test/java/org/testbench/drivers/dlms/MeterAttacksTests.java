package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.MeterAttacks.AttackResult;
import org.testbench.drivers.dlms.MeterAttacks.Report;
import org.testbench.drivers.dlms.MeterAttacks.Verdict;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.keys.HeldMeterKeys;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.meter.VirtualMeter;

class MeterAttacksTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(2));

    private static MeterChannel ami(VirtualMeter meter) {
        return new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
    }

    @Test
    void aStrictMeterRefusesEveryAttackAndKeepsWorking() throws Exception {
        try (LabFixture lab = LabFixture.start(1)) {
            VirtualMeter meter = lab.meter(1);
            Report report = MeterAttacks.run(ami(meter), lab.keyStore(), OPTIONS);

            assertThat(report.serial()).isEqualTo(meter.serial());
            assertThat(report.attacks()).extracting(AttackResult::name).containsExactlyElementsOf(MeterAttacks.ATTACKS);
            assertThat(report.attacks()).allSatisfy(a -> {
                assertThat(a.verdict()).as(a.name() + ": " + a.detail()).isEqualTo(Verdict.REFUSED);
                assertThat(a.frames()).isNotEmpty();
            });
            assertThat(report.allRefused()).isTrue();
            assertThat(report.keptWorking()).as(report.finalCheck()).isTrue();
            assertNoKeyBytes(lab, meter, report);
        }
    }

    @Test
    void aWeakMeterIsCaughtAcceptingAReplayedCounter() throws Exception {
        try (LabFixture lab = LabFixture.start(LabConfig.builder().meters(1).strictInvocationCounter(false))) {
            VirtualMeter meter = lab.meter(1);
            Report report = MeterAttacks.run(ami(meter), lab.keyStore(), OPTIONS);

            Map<String, AttackResult> byName = report.attacks().stream()
                    .collect(Collectors.toMap(AttackResult::name, Function.identity()));
            assertThat(byName.get("replayed-counter").verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(byName.get("replayed-counter").frames()).anyMatch(f -> f.startsWith("RX "));
            assertThat(byName.get("lower-counter").verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(byName.get("flipped-tag").verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(byName.get("wrong-key").verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(report.allRefused()).isFalse();
            assertThat(report.keptWorking()).isTrue();
        }
    }

    @Test
    void runsOnlyTheNamedAttacksInTheirUsualOrderWithKeysHeldInMemory() throws Exception {
        try (LabFixture lab = LabFixture.start(LabConfig.builder().meters(1).strictInvocationCounter(false));
             HeldMeterKeys held = new HeldMeterKeys("keys delivered by the MDMS")) {
            VirtualMeter meter = lab.meter(1);
            held.hold(lab.keyStore().keysFor(meter.serial()));

            Report report = MeterAttacks.run(ami(meter), held, OPTIONS, List.of("flipped-tag", "replayed-counter"));

            assertThat(report.attacks()).extracting(AttackResult::name)
                    .containsExactly("replayed-counter", "flipped-tag");
            assertThat(report.attacks().get(0).verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(report.attacks().get(1).verdict()).isEqualTo(Verdict.REFUSED);
            assertThat(held.holds(meter.serial())).as("the attacks used a copy; the held keys stay").isTrue();
        }
    }

    @Test
    void keysThatDoNotFitTheMeterStopBeforeAnyAttackAndAreNotShown() throws Exception {
        byte[] wrongEk = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        byte[] wrongAk = HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafa0");
        try (LabFixture lab = LabFixture.start(1); HeldMeterKeys held = new HeldMeterKeys("test keys")) {
            VirtualMeter meter = lab.meter(1);
            held.hold(new MeterKeys(meter.serial(), wrongEk, wrongAk));

            assertThatThrownBy(() -> MeterAttacks.run(ami(meter), held, OPTIONS))
                    .isInstanceOf(DeviceException.class)
                    .hasMessageContaining("no attack was run").hasMessageContaining("test keys")
                    .satisfies(e -> {
                        String all = everything(e);
                        for (byte[] key : List.of(wrongEk, wrongAk)) {
                            assertThat(all).doesNotContainIgnoringCase(HexFormat.of().formatHex(key))
                                    .doesNotContain(Base64.getEncoder().encodeToString(key));
                        }
                    });
        }
    }

    @Test
    void anUnknownAttackIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> MeterAttacks.select(List.of("replayed-counter", "replay")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'replay'")
                .hasMessageContaining("lower-counter");
    }

    /** Messages, toString and stack traces of an exception and its causes. */
    private static String everything(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static void assertNoKeyBytes(LabFixture lab, VirtualMeter meter, Report report) throws Exception {
        String evidence = report.toString().toLowerCase(java.util.Locale.ROOT);
        try (MeterKeys keys = lab.keyStore().keysFor(meter.serial())) {
            for (byte[] key : new byte[][] {keys.encryptionKey(), keys.authenticationKey()}) {
                assertThat(evidence).doesNotContain(HexFormat.of().formatHex(key));
            }
        }
    }
}
