package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Runs the virtual lab in the foreground until interrupted (Ctrl+C): simulated meters "
                + "with an optical port (TCP, and a pseudo-terminal when socat is installed) and an AMI port "
                + "(DLMS wrapper over TCP), their keys in a PKCS#12 keystore.",
                "The keystore password is TESTBENCH_KEYSTORE_PASSWORD; when it is unset, a random one is "
                + "generated and printed once."},
        footer = {"", "Endpoints file (--endpoints):",
                "  {\"meters\":[{\"position\":1,\"serial\":\"...\",\"optical\":\"tcp:127.0.0.1:P\","
                        + "\"opticalPty\":\"<path or null>\",\"ami\":\"tcp:127.0.0.1:P\"}],\"keystore\":\"<path>\",",
                "   \"bench\":{\"scpi\":\"tcp:127.0.0.1:P\",\"scpiPty\":\"<path or null>\",\"positions\":N}}"})
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "3", paramLabel = "N",
            description = "Number of simulated meters, one per bench position (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--endpoints", paramLabel = "FILE", description = "Also write the endpoints to FILE as JSON.")
    Path endpoints;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the keystore and pseudo-terminal links go, kept after the lab stops "
                    + "(default: a temporary directory, deleted with the keys when the lab stops).")
    Path dir;

    @Option(names = "--no-pty", description = "Do not create pseudo-terminals (optical ports, bench serial line).")
    boolean noPty;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (meters < 1 || meters > 1000) {
            throw new UserException("--meters must be 1..1000, was " + meters);
        }
        LabPassword password = LabPassword.fromEnvironmentOrGenerate();
        LabConfig.Builder config = LabConfig.builder().meters(meters).keystorePassword(password.value())
                .opticalPty(!noPty).benchPty(!noPty);
        if (dir != null) {
            config.workDir(dir); // kept after the lab stops; a temporary one is deleted with the keys in it
        }
        VirtualLab lab;
        try {
            lab = VirtualLab.start(config.build());
        } catch (IOException | RuntimeException e) {
            Arrays.fill(password.value(), '\0');
            throw e;
        }
        Thread hook = new Thread(() -> {
            lab.close();
            stopped.countDown();
        }, "testbench-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String json = Json.write(endpoints(lab));
            if (endpoints != null) {
                writeAtomically(endpoints, json);
            }
            print(spec.commandLine().getOut(), lab, password);
            Arrays.fill(password.value(), '\0');
            stopped.await();
        } finally {
            lab.close();
        }
        return ExitCode.OK;
    }

    static Map<String, Object> endpoints(VirtualLab lab) {
        List<Map<String, Object>> list = lab.meters().stream().map(m -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("position", m.position());
            e.put("serial", m.serial());
            e.put("optical", m.opticalEndpoint());
            e.put("opticalPty", m.opticalPty().map(Path::toString).orElse(null));
            e.put("ami", m.amiEndpoint());
            return e;
        }).toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("meters", list);
        root.put("keystore", lab.keystore().toString());
        Map<String, Object> bench = new LinkedHashMap<>();
        bench.put("scpi", lab.bench().scpiEndpoint());
        bench.put("scpiPty", lab.bench().serialPty().map(Path::toString).orElse(null));
        bench.put("positions", lab.bench().positions());
        root.put("bench", bench);
        return root;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".endpoints", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void print(PrintWriter out, VirtualLab lab, LabPassword password) {
        out.printf("Virtual lab: %d meter(s)%n", lab.meters().size());
        out.printf("%-4s %-10s %-22s %-22s %s%n", "POS", "SERIAL", "OPTICAL", "AMI", "OPTICAL PTY");
        for (VirtualMeter m : lab.meters()) {
            out.printf("%-4d %-10s %-22s %-22s %s%n", m.position(), m.serial(), m.opticalEndpoint(), m.amiEndpoint(),
                    m.opticalPty().map(Path::toString).orElse("-"));
        }
        out.printf("Bench (SCPI): %s, %d positions%s%n", lab.bench().scpiEndpoint(), lab.bench().positions(),
                lab.bench().serialPty().map(p -> ", serial " + p).orElse(""));
        out.printf("Keystore: %s%n", lab.keystore());
        if (password.generated()) {
            out.printf("Keystore password (shown only now): %s%n", new String(password.value()));
            out.printf("  export %s=<that password> to use 'testbench switch' with this keystore.%n",
                    MeterKeyStore.PASSWORD_VARIABLE);
        }
        if (endpoints != null) {
            out.printf("Endpoints written to %s%n", endpoints);
        }
        out.println("Running. Press Ctrl+C to stop.");
        out.flush();
    }
}
