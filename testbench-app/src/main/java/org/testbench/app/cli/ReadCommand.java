package org.testbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.RegisterTotal;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.profile.ProfiledMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Signs on to a meter, associates as its reader client (the public client unless the "
                + "meter's profile names another) and reads its identity, energy registers and load-switch state, "
                + "or the OBIS codes given. Objects the meter type does not have, or the meter refuses, are "
                + "listed with the reason; the rest is still read."},
        footer = {"", "Examples:",
                "  testbench read --port /dev/ttyUSB0                  an optical head (IEC 62056-21, the default)",
                "  testbench read --port /dev/ttyUSB0 --profile samples/meters/maker-type.yaml --keystore keys.p12",
                "  testbench read --port /dev/ttyUSB0 --obis 1.0.1.8.0.255 --obis 0-0:96.1.0*255 --json",
                "  testbench read --port tcp:10.1.0.7:4059 --via ami   a meter's DLMS port on the AMI (4059: the"
                        + " IANA DLMS/COSEM port)",
                "  testbench read --port tcp:127.0.0.1:PORT            a virtual-lab meter: PORT is its 'optical' in"
                        + " the endpoints file of 'testbench lab'"})
final class ReadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PortOptions port;

    @Mixin
    KeystoreOption keystore;

    @Option(names = "--obis", paramLabel = "OBIS", split = ",",
            description = "Objects to read (A.B.C.D.E.F or A-B:C.D.E*F); repeat or separate with commas.")
    List<String> obis = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Obis> codes = obis.stream().map(Obis::parse).toList();
        ProfiledMeter meter = port.meter(keystore.open());
        MeterChannel channel = meter.channel();
        MeterReadout readout = meter.read(codes);
        String identification = channel instanceof OpticalChannel optical
                ? optical.lastSignOn().map(s -> s.identification().toString()).orElse(null) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(ReadoutJson.readout(readout, identification)));
        } else {
            print(out, readout, identification, meter.profile().meter());
        }
        return ExitCode.OK;
    }

    private void print(PrintWriter out, MeterReadout r, String identification, String meterType) {
        out.printf("Meter %s on %s (%s)%n", r.identity().serial(), port.port, meterType);
        if (identification != null) {
            out.printf("  %-22s %s%n", "identification", identification);
        }
        out.printf("  %-22s %s%n", "logical device name", r.identity().logicalDeviceName());
        out.printf("  %-22s %s%n", "firmware", r.identity().firmware());
        for (CosemValue v : r.values()) {
            out.printf("  %-22s %s%n", v.obis(), Tables.value(v));
        }
        for (RegisterTotal t : r.totals()) {
            out.printf("  %-22s %s %s (sum of %s)%n", t.name(), t.value().toPlainString(), t.unit(), t.parts().stream()
                    .map(p -> p.obis().toString()).collect(java.util.stream.Collectors.joining(" + ")));
        }
        r.loadSwitch().ifPresent(s -> out.printf("  %-22s %s (output_state %s, control mode %d)%n", "load switch",
                s.controlState(), s.outputState(), s.controlMode()));
        for (MeterReadout.Unavailable u : r.unavailable()) {
            out.printf("  %-22s not read: %s%s%n", u.name(), u.obis().map(o -> o + " ").orElse(""), u.reason());
        }
        out.printf("  %-22s %d sent / %d received, %d / %d bytes%n", "frames", r.frames().sent(), r.frames().received(),
                r.frames().bytesSent(), r.frames().bytesReceived());
    }
}
