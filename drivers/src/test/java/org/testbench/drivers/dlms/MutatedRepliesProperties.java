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
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.testing.MeddlingProxy;
import org.testbench.drivers.transport.PortAddress;

/**
 * Fuzzing the bench's DLMS client through a man in the middle in front of a virtual meter's AMI port: one reply
 * of a read is mutated (bit flip, truncation, duplication, length field, early close, flood). Whatever happens,
 * the read either gives exactly the values of an unmutated read or fails with a {@link DeviceException} (one
 * line for the user), within the response timeout: never another exception, never a different value. Seeded and
 * bounded: a slice of the suite (tag {@code fuzz}); more tries with {@code -Djqwik.tries.default=N}.
 */
@Tag("fuzz")
class MutatedRepliesProperties {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(1));
    private static LabFixture fixture;
    private static MeterReadout reference;

    /** One mutation of the {@code frame}-th reply of a read (AARE, identity, registers, load switch, RLRE). */
    record Mutation(int frame, String kind, int at, int value) {
        byte[] apply(byte[] f) {
            int i = Math.floorMod(at, f.length);
            return switch (kind) {
                case "flip" -> {
                    byte[] out = f.clone();
                    out[i] ^= (byte) (1 << (value & 7));
                    yield out;
                }
                case "truncate" -> Arrays.copyOf(f, i);
                case "duplicate" -> concat(f, f);
                case "length" -> {
                    byte[] out = f.clone();
                    int length = ((out[6] & 0xFF) << 8 | (out[7] & 0xFF)) + (value % 5) - 2;
                    out[6] = (byte) (length >> 8);
                    out[7] = (byte) length;
                    yield out;
                }
                case "close" -> null;
                case "flood" -> concat(f, new byte[70_000]);
                default -> f;
            };
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
        reference = read((i, f) -> f);
    }

    @AfterContainer
    static void stopLab() throws Exception {
        fixture.close();
    }

    private static MeterReadout read(MeddlingProxy.Meddling meddling) throws Exception {
        try (MeddlingProxy proxy = new MeddlingProxy(fixture.meter(1).amiEndpoint(), MeddlingProxy.Framing.WRAPPER,
                meddling)) {
            return ProfiledMeter.read(new AmiChannel(PortAddress.parse(proxy.address()), Duration.ofSeconds(1)),
                    List.of(), OPTIONS);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.of("flip", "flip", "flip", "truncate", "duplicate", "length", "close", "flood"),
                Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    @Property(tries = 60, seed = "20261207")
    void aMutatedReplyIsEitherHarmlessOrAClearDeviceError(@ForAll("mutations") Mutation mutation) throws Exception {
        MeterReadout readout;
        try {
            readout = read((i, f) -> i == mutation.frame() ? mutation.apply(f) : f);
        } catch (DeviceException e) {
            assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            return;
        }
        if (mutation.kind().equals("flip")) {
            // The wrapper has no frame check: a flipped bit inside a plain value is a different, well-formed
            // answer that only an authenticated (ciphered) association could reveal. Structure breaks are caught.
            return;
        }
        assertThat(readout.identity()).isEqualTo(reference.identity());
        assertThat(readout.values()).extracting(CosemValue::value)
                .isEqualTo(reference.values().stream().map(CosemValue::value).toList());
        assertThat(readout.loadSwitch()).isEqualTo(reference.loadSwitch());
    }
}
