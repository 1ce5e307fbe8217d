package org.testbench.drivers.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.FrameCount;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.dlms.StandardObis;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.meter.VirtualMeter;

/**
 * How much one request per attribute costs against get-with-list, over the optical port and the AMI
 * port of a virtual meter. Prints frames, bytes, wall time on loopback and the lower bound the counted
 * bytes imply on a real 9600-baud optical line; the baseline is one request per attribute in the same run.
 * Run with {@code mvn -pl drivers -am test -Pbenchmarks}.
 */
@Tag("benchmark")
class ReadThroughputBenchmark {

    private static final List<Obis> CODES = List.of(StandardObis.SERIAL_NUMBER, StandardObis.LOGICAL_DEVICE_NAME,
            StandardObis.FIRMWARE_ID, StandardObis.ACTIVE_ENERGY_IMPORT, StandardObis.ACTIVE_ENERGY_EXPORT,
            StandardObis.CLOCK, StandardObis.INVOCATION_COUNTER);
    private static final int ROUNDS = 30;

    private record Figures(String label, FrameCount frames, double millisPerRound) {
        double lineMillisAt9600() {
            // 10 bits per byte on an 8N1 line; both directions share the half-duplex optical link.
            return (frames.bytesSent() + frames.bytesReceived()) * 10.0 / 9600 * 1000 / ROUNDS;
        }
    }

    @Test
    void listReadsAgainstOneRequestPerAttribute() throws Exception {
        try (LabFixture fixture = LabFixture.start(1)) {
            VirtualMeter meter = fixture.meter(1);
            MeterChannel optical = new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));
            MeterChannel ami = new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
            SessionOptions list = SessionOptions.defaults();
            SessionOptions single = list.withListReads(false);

            List<Figures> figures = new ArrayList<>();
            measure(ami, single, "AMI, warm-up"); // class loading and JIT before anything counts
            figures.add(measure(optical, single, "optical, one request per attribute"));
            figures.add(measure(optical, list, "optical, get-with-list"));
            figures.add(measure(ami, single, "AMI, one request per attribute"));
            figures.add(measure(ami, list, "AMI, get-with-list"));

            Figures baseline = figures.get(0);
            System.out.printf(Locale.ROOT, "%nReading %d attributes, %d rounds, one association each%n", CODES.size(),
                    ROUNDS);
            System.out.printf(Locale.ROOT, "%-38s %8s %8s %10s %10s %12s %8s%n", "", "frames", "bytes", "ms/round",
                    "ratio", "9600 Bd ms", "ratio");
            for (Figures f : figures) {
                long frames = (f.frames().sent() + f.frames().received()) / ROUNDS;
                long bytes = (f.frames().bytesSent() + f.frames().bytesReceived()) / ROUNDS;
                System.out.printf(Locale.ROOT, "%-38s %8d %8d %10.2f %10.3f %12.0f %8.2f%n", f.label(), frames, bytes,
                        f.millisPerRound(), f.millisPerRound() / baseline.millisPerRound(), f.lineMillisAt9600(),
                        f.lineMillisAt9600() / baseline.lineMillisAt9600());
            }
        }
    }

    private static Figures measure(MeterChannel channel, SessionOptions options, String label) throws Exception {
        FrameCount total = FrameCount.ZERO;
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            MeterSession session = MeterSession.openPublic(channel, options);
            try {
                session.read(CODES);
            } finally {
                session.close();
            }
            total = total.plus(session.frameCount());
        }
        double millis = (System.nanoTime() - start) / 1e6 / ROUNDS;
        return new Figures(label, total, millis);
    }
}
