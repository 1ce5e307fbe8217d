package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.testing.MeddlingProxy;
import org.testbench.drivers.transport.PortAddress;

/**
 * A virtual meter's AMI answers changed on the way by a man in the middle: whatever the change, the bench
 * reports a garbled answer in words and never a reading.
 */
class HostileRepliesTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(2));
    /** The public association's get-with-list of output_state, control_state, control_mode ends in this. */
    private static final byte[] CONTROL_MODE_4 = {0x16, 0x01, 0x00, 0x16, 0x04};
    private static LabFixture fixture;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(1);
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    private static MeterReadout readThrough(MeddlingProxy.Meddling meddling) throws Exception {
        try (MeddlingProxy proxy = new MeddlingProxy(fixture.meter(1).amiEndpoint(), MeddlingProxy.Framing.WRAPPER,
                meddling)) {
            return ProfiledMeter.read(new AmiChannel(PortAddress.parse(proxy.address()), Duration.ofSeconds(2)),
                    List.of(), OPTIONS);
        }
    }

    private static boolean isLoadSwitchAnswer(byte[] frame) {
        return endsWith(frame, CONTROL_MODE_4);
    }

    private static boolean endsWith(byte[] frame, byte[] tail) {
        return frame.length >= tail.length
                && Arrays.equals(frame, frame.length - tail.length, frame.length, tail, 0, tail.length);
    }

    private static byte[] lengthField(byte[] frame, int delta) {
        byte[] out = frame.clone();
        int length = ((out[6] & 0xFF) << 8 | (out[7] & 0xFF)) + delta;
        out[6] = (byte) (length >> 8);
        out[7] = (byte) length;
        return out;
    }

    private static MeterReadout readOpticallyThrough(MeddlingProxy.Meddling meddling) throws Exception {
        try (MeddlingProxy proxy = new MeddlingProxy(fixture.meter(1).opticalEndpoint(), MeddlingProxy.Framing.HDLC,
                meddling)) {
            return ProfiledMeter.read(new OpticalChannel(PortAddress.parse(proxy.address())), List.of(), OPTIONS);
        }
    }

    /** The HDLC frame carrying the load switch answer: its information field ends before FCS (2) and flag (1). */
    private static boolean isHdlcLoadSwitchAnswer(byte[] frame) {
        return frame.length > 8 && Arrays.equals(frame, frame.length - 3 - CONTROL_MODE_4.length, frame.length - 3,
                CONTROL_MODE_4, 0, CONTROL_MODE_4.length);
    }

    @Test
    void theUnchangedOpticalPathReadsTheLoadSwitch() throws Exception {
        MeterReadout readout = readOpticallyThrough((i, f) -> f);

        assertThat(readout.loadSwitch()).get().extracting(LoadSwitchState::controlMode).isEqualTo(4);
    }

    @Test
    void anHdlcFrameWithABitFlippedUnderItsFcsIsDiscardedNeverRead() throws Exception {
        AtomicInteger flipped = new AtomicInteger();
        MeterReadout readout;
        try {
            readout = readOpticallyThrough((i, f) -> {
                if (!isHdlcLoadSwitchAnswer(f) || flipped.getAndIncrement() > 0) {
                    return f;
                }
                byte[] out = f.clone();
                out[out.length - 4] ^= 0x40; // control_mode 4 -> 68, FCS unchanged
                return out;
            });
        } catch (DeviceException e) {
            return; // refusing the exchange is right too; reading 68 is not
        }
        assertThat(flipped).as("the corrupted frame was sent").hasValue(1);
        assertThat(readout.loadSwitch()).get().extracting(LoadSwitchState::controlMode).isEqualTo(4);
    }

    /** Found by the fuzz slice: Gurux recursed once per flag and overflowed the stack (a StackOverflowError). */
    @Test
    void aFloodOfHdlcFlagsAfterAFrameIsFillNotACrash() throws Exception {
        MeterReadout readout = readOpticallyThrough((i, f) -> {
            if (i != 0) {
                return f;
            }
            byte[] flood = Arrays.copyOf(f, f.length + 70_000);
            Arrays.fill(flood, f.length, flood.length, (byte) 0x7E);
            return flood;
        });

        assertThat(readout.loadSwitch()).get().extracting(LoadSwitchState::controlMode).isEqualTo(4);
    }

    @Test
    void anHdlcLengthOneByteShortIsNotAReading() {
        assertThatThrownBy(() -> readOpticallyThrough((i, f) -> {
            if (!isHdlcLoadSwitchAnswer(f)) {
                return f;
            }
            byte[] out = f.clone();
            out[2]--;
            return out;
        })).isInstanceOf(DeviceException.class);
    }

    @Test
    void theUnchangedPathReadsTheLoadSwitch() throws Exception {
        MeterReadout readout = readThrough((i, f) -> f);

        assertThat(readout.loadSwitch()).get().extracting(LoadSwitchState::controlMode).isEqualTo(4);
    }

    @Test
    void aWrapperLengthOneByteShortOfTheApduIsNotAReading() {
        assertThatThrownBy(() -> readThrough((i, f) -> isLoadSwitchAnswer(f) ? lengthField(f, -1) : f))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                .hasMessageContaining("length");
    }

    @Test
    void anApduCutShortInsideItsWrapperIsNotAReading() {
        // the wrapper is consistent with what arrived; the APDU inside it is not complete
        assertThatThrownBy(() -> readThrough((i, f) -> isLoadSwitchAnswer(f)
                ? lengthField(Arrays.copyOf(f, f.length - 1), -1) : f))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                .hasMessageContaining("incomplete");
    }

    @Test
    void aRegisterAnswerCutShortIsNotAReading() {
        assertThatThrownBy(() -> readThrough((i, f) -> f.length > 9 && f[8] == (byte) 0xC4 && i == 2
                ? lengthField(Arrays.copyOf(f, f.length - 1), -1) : f))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                .hasMessageContaining("incomplete");
    }

    @Test
    void aControlModeNoStandardDefinesIsTheMetersNonsenseSaidInWords() {
        assertThatThrownBy(() -> readThrough((i, f) -> {
            if (!isLoadSwitchAnswer(f)) {
                return f;
            }
            byte[] out = f.clone();
            out[out.length - 1] = 68;
            return out;
        }))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                .hasMessageContaining("0.0.96.3.10.255")
                .hasMessageContaining("68")
                .hasMessageNotContaining("Exception");
    }
}
