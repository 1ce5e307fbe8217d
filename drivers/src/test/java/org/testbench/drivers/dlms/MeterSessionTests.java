package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.meter.VirtualMeter;

/** DLMS sessions against the virtual lab's meters: real Gurux servers behind real sockets and ptys. */
class MeterSessionTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(3));
    private static LabFixture fixture;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(2);
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    private static OpticalChannel optical(VirtualMeter meter) {
        return new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));
    }

    private static AmiChannel ami(VirtualMeter meter) {
        return new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
    }

    @Nested
    class PublicClient {

        @Test
        void readsIdentityRegistersAndLoadSwitchOverTheOpticalPort() throws Exception {
            VirtualMeter meter = fixture.meter(1);
            OpticalChannel channel = optical(meter);

            MeterReadout readout = ProfiledMeter.read(channel, List.of(), OPTIONS);

            assertThat(readout.identity().serial()).isEqualTo(meter.serial());
            assertThat(readout.identity().firmware()).isEqualTo(meter.firmware());
            assertThat(readout.identity().logicalDeviceName()).isEqualTo(meter.logicalDeviceName().strip());
            assertThat(readout.values()).extracting(CosemValue::obis)
                    .containsExactly(StandardObis.ACTIVE_ENERGY_IMPORT, StandardObis.ACTIVE_ENERGY_EXPORT);
            assertThat(readout.values()).allSatisfy(v -> {
                assertThat(v.unit()).isEqualTo("Wh");
                assertThat(v.asDouble()).isGreaterThanOrEqualTo(0);
            });
            assertThat(readout.loadSwitch()).get().extracting(LoadSwitchState::outputState).isEqualTo(meter.relayClosed());
            assertThat(channel.lastSignOn()).get().satisfies(s -> {
                assertThat(s.identification().manufacturerFlag()).isEqualTo(meter.manufacturerFlag());
                assertThat(s.reactionTime()).isPositive();
                assertThat(meter.lastOpticalReactionTime()).hasValueSatisfying(
                        own -> assertThat(own).isGreaterThanOrEqualTo(s.identification().minimumReactionTime()));
            });
            FrameCount frames = readout.frames();
            assertThat(frames.sent()).isPositive().isEqualTo(frames.received());
            assertThat(frames.bytesSent()).isGreaterThan(frames.sent() * 8);
            assertThat(frames.bytesReceived()).isGreaterThan(frames.bytesSent());
        }

        @Test
        void appliesTheRegisterScaler() throws Exception {
            VirtualMeter meter = fixture.meter(2);
            double before;
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                before = s.read(StandardObis.ACTIVE_ENERGY_IMPORT).asDouble();
            }
            meter.addEnergy(12.5, 0);
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                assertThat(s.read(StandardObis.ACTIVE_ENERGY_IMPORT).asDouble()).isCloseTo(before + 12.5,
                        org.assertj.core.data.Offset.offset(0.1));
            }
        }

        @Test
        void readsOverAPseudoTerminal() throws Exception {
            VirtualMeter meter = fixture.meter(1);
            assumeThat(meter.opticalPty()).as("socat installed").isPresent();
            OpticalChannel channel = new OpticalChannel(PortAddress.device(meter.opticalPty().orElseThrow()));

            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            MeterReadout readout = ProfiledMeter.read(channel, List.of(StandardObis.CLOCK), OPTIONS);
            Instant after = Instant.now().plusSeconds(1);

            assertThat(readout.identity().serial()).isEqualTo(meter.serial());
            // The meter's clock (whole seconds) as it was while it was read, however long the read took.
            assertThat(readout.values().get(0).value()).isInstanceOfSatisfying(OffsetDateTime.class,
                    t -> assertThat(t.toInstant()).isBetween(before, after));
        }

        @Test
        void readsSeveralAttributesInOneRequestOverTheAmiPort() throws Exception {
            try (MeterSession s = MeterSession.openPublic(ami(fixture.meter(1)), OPTIONS)) {
                assertThat(s.supportsMultipleReferences()).isTrue();
                long sentBefore = s.frameCount().sent();
                List<CosemValue> values = s.read(List.of(StandardObis.SERIAL_NUMBER, StandardObis.LOGICAL_DEVICE_NAME,
                        StandardObis.FIRMWARE_ID, StandardObis.ACTIVE_ENERGY_IMPORT, StandardObis.ACTIVE_ENERGY_EXPORT));
                assertThat(values).hasSize(5);
                assertThat(s.frameCount().sent() - sentBefore).isEqualTo(1);
            }
        }

        @Test
        void readsAnObjectItFindsOnlyInTheMetersObjectList() throws Exception {
            try (MeterSession s = MeterSession.openPublic(ami(fixture.meter(1)), OPTIONS)) {
                // The billing period counter is not among the objects the driver knows by OBIS.
                CosemValue v = s.read(Obis.parse("0.0.0.1.0.255"));
                assertThat(v.value()).isInstanceOf(Number.class);
            }
        }

        @Test
        void namesAnObjectTheMeterDoesNotHave() throws Exception {
            try (MeterSession s = MeterSession.openPublic(ami(fixture.meter(1)), OPTIONS)) {
                assertThatThrownBy(() -> s.read(Obis.parse("1.0.99.99.99.255")))
                        .isInstanceOfSatisfying(DeviceException.class,
                                e -> assertThat(e.fault()).isEqualTo(Fault.OBJECT_UNDEFINED))
                        .hasMessageContaining("1.0.99.99.99.255");
            }
        }

        @Test
        void isRefusedTheLoadSwitch() throws Exception {
            VirtualMeter meter = fixture.meter(1);
            boolean closed = meter.relayClosed();
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                assertThatThrownBy(s::remoteDisconnect)
                        .isInstanceOfSatisfying(DeviceException.class,
                                e -> assertThat(e.fault()).isIn(Fault.ACCESS_DENIED, Fault.REJECTED))
                        .hasMessageContaining("remote_disconnect");
            }
            assertThat(meter.relayClosed()).isEqualTo(closed);
        }

        @Test
        void readsTheStandardEventLog() throws Exception {
            try (MeterSession s = MeterSession.openPublic(ami(fixture.meter(2)), OPTIONS)) {
                List<EventRecord> events = s.readEventLog(StandardObis.STANDARD_EVENT_LOG);
                assertThat(events).isNotNull();
                assertThat(events).allSatisfy(e -> assertThat(e.code()).isPositive());
            }
        }
    }

    @Nested
    class ManagementClient {

        @Test
        void opensAndClosesTheRelayAndTheMeterLogsIt() throws Exception {
            VirtualMeter meter = fixture.meter(1);
            OpticalChannel channel = optical(meter);
            int eventsBefore = meter.eventLog().size();

            try (MeterSession s = MeterSession.openManagement(channel, fixture.keyStore(), OPTIONS)) {
                s.remoteDisconnect();
                assertThat(meter.relayClosed()).isFalse();
                assertThat(s.readLoadSwitch()).isEqualTo(
                        new LoadSwitchState(false, LoadSwitchState.ControlState.DISCONNECTED, s.readLoadSwitch().controlMode()));
                s.remoteReconnect();
                assertThat(meter.relayClosed()).isTrue();
                assertThat(s.readLoadSwitch().outputState()).isTrue();
            }
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                List<EventRecord> events = s.readEventLog(StandardObis.STANDARD_EVENT_LOG);
                assertThat(events.subList(eventsBefore, events.size())).extracting(EventRecord::code)
                        .containsExactly(61, 62);
            }
        }

        @Test
        void switchesOverThePseudoTerminal() throws Exception {
            VirtualMeter meter = fixture.meter(2);
            assumeThat(meter.opticalPty()).as("socat installed").isPresent();
            OpticalChannel channel = new OpticalChannel(PortAddress.device(meter.opticalPty().orElseThrow()));

            try (MeterSession s = MeterSession.openManagement(channel, fixture.keyStore(), OPTIONS)) {
                s.remoteDisconnect();
                assertThat(meter.relayClosed()).isFalse();
                s.remoteReconnect();
                assertThat(meter.relayClosed()).isTrue();
            }
        }

        @Test
        void runsTheEndOfBillingScript() throws Exception {
            VirtualMeter meter = fixture.meter(2);
            Obis billingCounter = Obis.parse("0.0.0.1.0.255");
            double before;
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                before = s.read(billingCounter).asDouble();
            }
            try (MeterSession s = MeterSession.openManagement(ami(meter), fixture.keyStore(), OPTIONS)) {
                s.executeScript(StandardObis.END_OF_BILLING_SCRIPT, 1);
            }
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                assertThat(s.read(billingCounter).asDouble()).isEqualTo(before + 1);
            }
        }

        @Test
        void isRefusedWithWrongKeysAndTheMeterStaysUsable() throws Exception {
            VirtualMeter meter = fixture.meter(2);
            boolean closed = meter.relayClosed();
            long counter;
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                counter = s.readInvocationCounter();
            }
            MeterKeys wrong = new MeterKeys(meter.serial(), new byte[16], new byte[16]);

            assertThatThrownBy(() -> MeterSession.openManagement(ami(meter), wrong, counter + 1, OPTIONS))
                    .isInstanceOfSatisfying(DeviceException.class,
                            e -> assertThat(e.fault()).isEqualTo(Fault.AUTHENTICATION_FAILED))
                    .hasMessageContaining("authentication failed");

            assertThat(meter.relayClosed()).isEqualTo(closed);
            try (MeterSession s = MeterSession.openManagement(ami(meter), fixture.keyStore(), OPTIONS)) {
                assertThat(s.readLoadSwitch().outputState()).isEqualTo(closed);
            }
        }

        @Test
        void aReplayedInvocationCounterIsRejected() throws Exception {
            VirtualMeter meter = fixture.meter(2);
            long counter;
            try (MeterSession s = MeterSession.openPublic(ami(meter), OPTIONS)) {
                counter = s.readInvocationCounter();
            }
            try (MeterKeys keys = fixture.keyStore().keysFor(meter.serial())) {
                try (MeterSession s = MeterSession.openManagement(ami(meter), keys, counter + 1, OPTIONS)) {
                    s.readLoadSwitch();
                }
                long accepted = meter.lastAcceptedInvocationCounter();
                assertThat(accepted).isGreaterThan(counter);

                // The same counter again: a replay. The meter must refuse and change nothing.
                assertThatThrownBy(() -> MeterSession.openManagement(ami(meter), keys, counter + 1, OPTIONS))
                        .isInstanceOf(DeviceException.class);
                assertThat(meter.lastAcceptedInvocationCounter()).isEqualTo(accepted);
            }
        }
    }
}
