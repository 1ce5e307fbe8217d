package org.testbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.optical.OpticalChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Signs on to a meter, associates as the public client and reads its identity, energy "
                + "registers and load-switch state, or the OBIS codes given."},
        footer = {"", "Examples:",
                "  testbench read --port /dev/ttyUSB0                  an optical head (IEC 62056-21, the default)",
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

    @Option(names = "--obis", paramLabel = "OBIS", split = ",",
            description = "Objects to read (A.B.C.D.E.F or A-B:C.D.E*F); repeat or separate with commas.")
    List<String> obis = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Obis> codes = obis.stream().map(Obis::parse).toList();
        MeterChannel channel = port.channel();
        MeterReadout readout = MeterReadout.read(channel, codes, port.sessionOptions());
        String identification = channel instanceof OpticalChannel optical
                ? optical.lastSignOn().map(s -> s.identification().toString()).orElse(null) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(ReadoutJson.readout(readout, identification)));
        } else {
            print(out, readout, identification);
        }
        return ExitCode.OK;
    }

    private void print(PrintWriter out, MeterReadout r, String identification) {
        out.printf("Meter %s on %s%n", r.identity().serial(), port.port);
        if (identification != null) {
            out.printf("  %-22s %s%n", "identification", identification);
        }
        out.printf("  %-22s %s%n", "logical device name", r.identity().logicalDeviceName());
        out.printf("  %-22s %s%n", "firmware", r.identity().firmware());
        for (CosemValue v : r.values()) {
            out.printf("  %-22s %s%n", v.obis(), Tables.value(v));
        }
        r.loadSwitch().ifPresent(s -> out.printf("  %-22s %s (output_state %s)%n", "load switch", s.controlState(),
                s.outputState()));
        out.printf("  %-22s %d sent / %d received, %d / %d bytes%n", "frames", r.frames().sent(), r.frames().received(),
                r.frames().bytesSent(), r.frames().bytesReceived());
    }
}
