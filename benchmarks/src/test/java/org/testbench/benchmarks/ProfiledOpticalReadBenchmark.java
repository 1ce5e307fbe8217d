package org.testbench.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.optical.OpticalPacing;
import org.testbench.sequences.profile.MeterProfileReader;

/**
 * The bench's own reader on a line paced like a real 9600-baud head: {@code ProfiledMeter.read} (what
 * {@code testbench read --profile} does: sign-on or direct HDLC, the type's reader association, identity, energy
 * registers, relay state) with each built-in type's profile from samples/meters, timed against the line-time
 * bound of the same run; and the requests the driver's list reads take against one GET per object in the same
 * association. Figures, not assertions. {@link OpticalLineBenchmark} does the same with Gurux driven directly.
 * Run with {@code mvn -pl benchmarks -am test -Pbenchmarks -Dtest=ProfiledOpticalReadBenchmark}.
 */
@Tag("benchmark")
class ProfiledOpticalReadBenchmark {

    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static final int ROUNDS = 3;
    private static final Path METERS = Path.of("..", "samples", "meters");

    @Test
    void profiledStandardReadPerMeterTypeAgainstTheLineBound() throws Exception {
        List<MeterType> types = MeterType.builtIn();
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(types.size()).meterTypes(types)
                .keystorePassword(PASSWORD.clone()).opticalPty(false).benchPty(false)
                .opticalPacing(OpticalPacing.LINE).build())) {
            MeterKeyStore keys = MeterKeyStore.open(lab.keystore(), PASSWORD.clone());
            System.out.printf("Bench reader (ProfiledMeter) standard read on a paced line (%d rounds per type)%n",
                    ROUNDS);
            System.out.printf("%-18s %10s %10s %7s %9s %12s %12s %7s%n", "type", "time ms", "bound ms", "ratio",
                    "requests", "single GETs", "list GETs", "saved");
            for (VirtualMeter meter : lab.meters()) {
                MeterProfile profile = MeterProfileReader.read(METERS.resolve(meter.type().name() + ".yaml"));
                ProfiledMeter reader = new ProfiledMeter(profile, ProfiledMeter.opticalChannel(profile,
                        PortAddress.parse(meter.opticalEndpoint()), SignOnOptions.defaults()),
                        Optional.of(meter.serial()), Optional.of(keys), SessionOptions.defaults());
                double time = 0;
                double bound = 0;
                long requests = 0;
                long[] gets = {0, 0};
                for (int round = 0; round < ROUNDS; round++) {
                    meter.opticalLine().clear();
                    long start = System.nanoTime();
                    MeterReadout readout = reader.read(List.of());
                    time += (System.nanoTime() - start) / 1e6;
                    bound += OpticalLineBenchmark.lineBoundMillis(meter);
                    requests = readout.frames().sent();
                    gets = singleAgainstListRequests(reader, profile);
                }
                System.out.printf(Locale.ROOT, "%-18s %10.0f %10.0f %7.3f %9d %12d %12d %7d%n", meter.type().name(),
                        time / ROUNDS, bound / ROUNDS, time / bound, requests, gets[0], gets[1], gets[0] - gets[1]);
            }
        }
    }

    /** Requests sent for the type's standard objects one GET each, then as the driver's list reads, in one association. */
    private static long[] singleAgainstListRequests(ProfiledMeter reader, MeterProfile profile) throws Exception {
        List<Obis> codes = new ArrayList<>();
        for (MeterObject o : List.of(MeterObject.SERIAL, MeterObject.LOGICAL_DEVICE_NAME, MeterObject.FIRMWARE,
                MeterObject.CLOCK, MeterObject.ENERGY_IMPORT, MeterObject.ENERGY_EXPORT)) {
            profile.objects().find(o).ifPresent(codes::add);
        }
        try (MeterSession session = reader.open(ClientJob.READER)) {
            long before = session.frameCount().sent();
            for (Obis code : codes) {
                try {
                    session.read(code);
                } catch (DeviceException e) {
                    // a refused object still took its round trip
                }
            }
            long single = session.frameCount().sent() - before;
            before = session.frameCount().sent();
            session.readEach(codes);
            long list = session.frameCount().sent() - before;
            return new long[] {single, list};
        }
    }
}
