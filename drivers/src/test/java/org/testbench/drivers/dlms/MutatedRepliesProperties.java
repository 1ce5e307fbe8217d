package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.fuzz.FuzzBudget;
import org.testbench.fuzz.HangGuard;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.testing.MeddlingProxy;
import org.testbench.drivers.testing.MeddlingProxy.Framing;
import org.testbench.drivers.transport.PortAddress;

/**
 * Fuzzing the bench's DLMS client through a man in the middle in front of a virtual meter, on the AMI port (the
 * wrapper over TCP) and on the optical port (IEC 62056-21 sign-on, then HDLC, over TCP): one reply of a read is
 * mutated (bit flip, truncation, duplication, length field, stall beyond the response timeout, early close,
 * flood). Whatever happens, the read either gives exactly the values of an unmutated read or fails with a
 * {@link DeviceException} (one line for the user), and it ends: never another exception, never a different value.
 * Seeded and bounded: a slice of the suite (tag {@code fuzz}); long runs through {@link FuzzBudget}.
 */
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
class MutatedRepliesProperties {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(RESPONSE_TIMEOUT);
    /**
     * Only a hang guard, far above what a read needs even when every request waits out its timeout: a read
     * still running then is stuck, whatever the machine's load.
     */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static LabFixture fixture;
    private static HangGuard reader;
    private static MeterReadout amiReference;
    private static MeterReadout opticalReference;

    /** One mutation of the {@code frame}-th reply of a read (association, identity, registers, switch, release). */
    record Mutation(int frame, String kind, int at, int value) {
        byte[] apply(byte[] f, Framing framing) throws InterruptedException {
            int i = Math.floorMod(at, f.length);
            return switch (kind) {
                case "flip" -> {
                    byte[] out = f.clone();
                    out[i] ^= (byte) (1 << (value & 7));
                    yield out;
                }
                case "truncate" -> Arrays.copyOf(f, i);
                case "duplicate" -> concat(f, f);
                case "length" -> framing == Framing.WRAPPER ? wrapperLength(f, value % 5 - 2) : hdlcLength(f, value % 5 - 2);
                case "stall" -> {
                    Thread.sleep(RESPONSE_TIMEOUT.plusMillis(300).toMillis());
                    yield f;
                }
                case "close" -> null;
                case "flood" -> concat(f, flood(value));
                default -> f;
            };
        }

        private static byte[] wrapperLength(byte[] f, int delta) {
            byte[] out = f.clone();
            int length = ((out[6] & 0xFF) << 8 | (out[7] & 0xFF)) + delta;
            out[6] = (byte) (length >> 8);
            out[7] = (byte) length;
            return out;
        }

        /** HDLC's frame format field: type 0xA, segmentation bit, 11-bit length after the opening flag. */
        private static byte[] hdlcLength(byte[] f, int delta) {
            byte[] out = f.clone();
            int length = (((out[1] & 0x07) << 8) | (out[2] & 0xFF)) + delta;
            out[1] = (byte) ((out[1] & 0xF8) | ((length >> 8) & 0x07));
            out[2] = (byte) length;
            return out;
        }

        /** 70 kB of zeros, of flags, or of a repeated valid-looking frame start. */
        private static byte[] flood(int value) {
            byte[] out = new byte[70_000];
            byte fill = switch (value % 3) {
                case 0 -> 0;
                case 1 -> 0x7E;
                default -> (byte) 0xA0;
            };
            Arrays.fill(out, fill);
            return out;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    @BeforeContainer
    static void startLab() throws Exception {
        fixture = LabFixture.start(1);
        reader = new HangGuard("fuzz-read", HANG_GUARD);
        amiReference = read(Framing.WRAPPER, (i, f) -> f);
        opticalReference = read(Framing.HDLC, (i, f) -> f);
    }

    @AfterContainer
    static void stopLab() throws Exception {
        reader.close();
        fixture.close();
    }

    private static MeterReadout read(Framing framing, MeddlingProxy.Meddling meddling) throws Exception {
        String upstream = framing == Framing.WRAPPER ? fixture.meter(1).amiEndpoint() : fixture.meter(1).opticalEndpoint();
        try (MeddlingProxy proxy = new MeddlingProxy(upstream, framing, meddling)) {
            PortAddress address = PortAddress.parse(proxy.address());
            return reader.call("the read", () -> ProfiledMeter.read(framing == Framing.WRAPPER
                    ? new AmiChannel(address, RESPONSE_TIMEOUT) : new OpticalChannel(address), List.of(), OPTIONS));
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.of("flip", "flip", "flip", "truncate", "duplicate", "length", "stall", "close", "flood"),
                Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    @Property(tries = 50, seed = "20261207")
    void aMutatedAmiReplyIsEitherHarmlessOrAClearDeviceError(@ForAll("mutations") Mutation mutation) throws Exception {
        MeterReadout readout;
        try {
            readout = read(Framing.WRAPPER, (i, f) -> i == mutation.frame() ? mutation.apply(f, Framing.WRAPPER) : f);
        } catch (DeviceException e) {
            assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            return;
        }
        if (mutation.kind().equals("flip")) {
            // The wrapper has no frame check: a flipped bit inside a plain value is a different, well-formed
            // answer that only an authenticated (ciphered) association could reveal. Structure breaks are caught.
            return;
        }
        assertSameAs(amiReference, readout);
    }

    /** HDLC has a frame check: whatever the change to one frame, no reading differs from the unchanged one. */
    @Property(tries = 40, seed = "20261207")
    void aMutatedOpticalFrameIsEitherHarmlessOrAClearDeviceError(@ForAll("mutations") Mutation mutation) throws Exception {
        MeterReadout readout;
        try {
            readout = read(Framing.HDLC, (i, f) -> i == mutation.frame() ? mutation.apply(f, Framing.HDLC) : f);
        } catch (DeviceException e) {
            assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            return;
        }
        assertSameAs(opticalReference, readout);
    }

    private static void assertSameAs(MeterReadout reference, MeterReadout readout) {
        assertThat(readout.identity()).isEqualTo(reference.identity());
        assertThat(readout.values()).extracting(CosemValue::value)
                .isEqualTo(reference.values().stream().map(CosemValue::value).toList());
        assertThat(readout.loadSwitch()).isEqualTo(reference.loadSwitch());
    }
}
