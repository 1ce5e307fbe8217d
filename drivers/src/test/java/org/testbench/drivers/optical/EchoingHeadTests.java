package org.testbench.drivers.optical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.meter.VirtualMeter;

/** A half-duplex optical head returns every byte we send; the driver must read through it. */
class EchoingHeadTests {

    private static LabFixture fixture;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(LabConfig.builder().meters(1).opticalEcho(true).opticalPty(false));
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    @Test
    void readsAMeterBehindAnEchoingHead() throws Exception {
        VirtualMeter meter = fixture.meter(1);
        OpticalChannel channel = new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));

        MeterReadout readout = ProfiledMeter.read(channel, List.of(), SessionOptions.defaults());

        assertThat(channel.lastSignOn()).get().extracting(SignOnResult::echo).isEqualTo(true);
        assertThat(readout.identity().serial()).isEqualTo(meter.serial());
        assertThat(readout.frames().received()).isEqualTo(readout.frames().sent());
    }
}
