package org.testbench.drivers.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterAttacks.AttackResult;
import org.testbench.drivers.dlms.MeterAttacks.Report;
import org.testbench.drivers.dlms.MeterAttacks.Verdict;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.ServerAddress;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterPassword;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;

/**
 * The wrapper, association and APDU tests over the AMI port against a strict LLS meter type and the weak one
 * (the HDLC tests of every type run in MeterAttackCommandTests, over the optical port).
 */
class LinkAttacksTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofMillis(800));
    private static final DlmsClient LLS_READER = new DlmsClient(32, AuthenticationMechanism.LOW, ApduSecurity.NONE, 0,
            Optional.empty());
    private static final List<String> AMI_TESTS = LinkAttacks.names(List.of(AttackLayer.values()), DlmsFraming.WRAPPER);

    private static Report attack(VirtualMeter meter) throws Exception {
        MeterChannel ami = new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
        LinkAttacks.Target target = new LinkAttacks.Target(DlmsClient.PUBLIC, Optional.of(LLS_READER),
                new ServerAddress(1, OptionalInt.of(17)), meter.serial());
        return LinkAttacks.run(ami, target, OPTIONS, AMI_TESTS);
    }

    private static Map<String, AttackResult> byName(Report r) {
        return r.attacks().stream().collect(Collectors.toMap(AttackResult::name, Function.identity()));
    }

    @Test
    void aStrictLlsMeterRefusesEveryTestAndTheWeakOneTakesOneWrongPasswordOnce() throws Exception {
        try (LabFixture lab = LabFixture.start(LabConfig.builder().meters(2)
                .meterTypes(List.of(MeterType.LLS_READER, MeterType.WEAK_LINK)))) {
            Report strict = attack(lab.meter(1));
            assertThat(strict.attacks()).extracting(AttackResult::name).containsExactlyElementsOf(AMI_TESTS);
            assertThat(strict.attacks()).allSatisfy(a -> {
                assertThat(a.verdict()).as(a.name() + ": " + a.detail()).isEqualTo(Verdict.REFUSED);
                assertThat(a.keptAnswering()).as(a.name() + ": " + a.detail()).isTrue();
                assertThat(a.frames()).as(a.name()).anyMatch(f -> f.startsWith("TX "));
            });
            assertThat(byName(strict).get("wrong-lls-password").detail()).contains("authentication-failure");
            assertThat(strict.keptWorking()).as(strict.finalCheck()).isTrue();

            VirtualMeter weakMeter = lab.meter(2);
            Report weak = attack(weakMeter);
            AttackResult password = byName(weak).get("wrong-lls-password");
            assertThat(password.verdict()).as(password.detail()).isEqualTo(Verdict.ACCEPTED);
            assertThat(password.detail()).contains("SECURITY");
            assertThat(password.frames()).anyMatch(f -> f.startsWith("RX "));
            assertThat(weak.attacks()).filteredOn(a -> !a.name().equals("wrong-lls-password"))
                    .allSatisfy(a -> assertThat(a.verdict()).as(a.name() + ": " + a.detail()).isEqualTo(Verdict.REFUSED));
            try (MeterPassword real = lab.keyStore().passwordFor(weakMeter.serial())) {
                String secret = java.util.HexFormat.of().formatHex(real.bytes());
                assertThat(weak.toString()).as("the real password is never sent").doesNotContain(secret);
            }

            Report again = attack(weakMeter);
            assertThat(byName(again).get("wrong-lls-password").verdict()).as("only once after power-up")
                    .isEqualTo(Verdict.REFUSED);
        }
    }

    @Test
    void anUnknownTestIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> LinkAttacks.run(null, null, OPTIONS, List.of("bad-crc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad-crc'")
                .hasMessageContaining("bad-fcs");
    }

    @Test
    void layersSelectTheTestsTheirPortCarries() {
        assertThat(LinkAttacks.names(List.of(AttackLayer.HDLC), DlmsFraming.WRAPPER)).isEmpty();
        assertThat(LinkAttacks.names(List.of(AttackLayer.HDLC, AttackLayer.ACSE), DlmsFraming.HDLC))
                .contains("bad-fcs", "wrong-lls-password").doesNotContain("wrapper-version", "truncated-apdu");
        assertThat(AttackLayer.applyingTo(DlmsFraming.HDLC)).containsExactly(AttackLayer.HDLC, AttackLayer.ACSE,
                AttackLayer.APDU);
    }
}
