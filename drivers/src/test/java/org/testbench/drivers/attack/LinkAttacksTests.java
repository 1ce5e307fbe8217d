package org.testbench.drivers.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterAttacks.AttackResult;
import org.testbench.drivers.dlms.MeterAttacks.Report;
import org.testbench.drivers.dlms.MeterAttacks.Verdict;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.ServerAddress;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.meter.VirtualMeter;

class LinkAttacksTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofMillis(800));

    @Test
    void explore() throws Exception {
        try (LabFixture lab = LabFixture.start(org.testbench.lab.LabConfig.builder().meters(2).meterTypes(List.of(org.testbench.lab.meter.MeterType.TESTBENCH_VIRTUAL, org.testbench.lab.meter.MeterType.WEAK_LINK)))) {
          for (int pos = 1; pos <= 2; pos++) {
            VirtualMeter meter = lab.meter(pos);
            MeterChannel optical = new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));
            LinkAttacks.Target target = new LinkAttacks.Target(DlmsClient.PUBLIC, pos == 1 ? Optional.empty() : Optional.of(new DlmsClient(32, org.testbench.drivers.dlms.AuthenticationMechanism.LOW, org.testbench.drivers.dlms.ApduSecurity.NONE, 0, Optional.empty())),
                    pos == 1 ? ServerAddress.MANAGEMENT_LOGICAL_DEVICE : new ServerAddress(1, java.util.OptionalInt.of(17)), meter.serial());
            long t0 = System.nanoTime();
            Report r = LinkAttacks.run(optical, target, OPTIONS, LinkAttacks.names(List.of(AttackLayer.values()),
                    DlmsFraming.HDLC));
            System.out.println("optical took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            r.attacks().forEach(a -> System.out.println(a.name() + " " + a.verdict() + " kept=" + a.keptAnswering() + " " + a.detail()));
            MeterChannel ami = new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
            t0 = System.nanoTime();
            r = LinkAttacks.run(ami, target, OPTIONS, LinkAttacks.names(List.of(AttackLayer.values()),
                    DlmsFraming.WRAPPER));
            System.out.println("ami took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            r.attacks().forEach(a -> System.out.println(a.name() + " " + a.verdict() + " kept=" + a.keptAnswering() + " " + a.detail()));
          }
        }
    }
}
