package org.testbench.app.runs;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.mdms.ClientMdmsGateway;

/**
 * A lab's bench as its configuration ({@code bench.yaml}, or the virtual lab's endpoints file) describes it,
 * connected for one run: only what the sequence needs — the MDMS when it calls the MDMS, the meter keys
 * when it switches a meter itself. Shared by {@code testbench run} and the desktop app.
 */
public final class ConfiguredBench {

    private ConfiguredBench() {
    }

    /** The configured positions as the engine drives them: optical head, AMI port when there is one. */
    public static List<PositionSetup> positions(List<BenchConfiguration.PositionConfig> configured) {
        List<PositionSetup> list = new ArrayList<>();
        for (BenchConfiguration.PositionConfig p : configured) {
            MeterChannel optical = new OpticalChannel(p.optical());
            Optional<MeterChannel> ami = p.ami().map(a -> new AmiChannel(a, Duration.ofSeconds(5)));
            list.add(new PositionSetup(p.position(), p.serial(), optical, ami));
        }
        return list;
    }

    /** The SCPI bench, or null when none is configured. */
    public static Bench connectBench(BenchConfiguration configuration) throws IOException {
        if (configuration.bench().isEmpty()) {
            return null;
        }
        BenchConfiguration.BenchPort port = configuration.bench().get();
        return ScpiBench.connect(port.port(), port.timeout());
    }

    /**
     * The MDMS, connected only when the sequence calls it (its spec and binding are checked first); null otherwise.
     *
     * @param token the bearer token (from the configured environment variable, or asked for)
     * @throws IllegalArgumentException when the sequence calls the MDMS and the configuration has none
     */
    public static ClientMdmsGateway connectMdms(Sequence sequence, BenchConfiguration configuration,
                                                Supplier<String> token) throws IOException {
        if (sequence.mdmsCapabilities().isEmpty()) {
            return null;
        }
        BenchConfiguration.MdmsConfig config = configuration.mdms().orElseThrow(() -> new IllegalArgumentException(
                sequence.name() + " calls the MDMS (" + String.join(", ", sequence.mdmsCapabilities())
                        + "), and " + configuration.source() + " configures none"));
        return ClientMdmsGateway.open(config, token.get());
    }

    /** Whether the sequence switches a meter itself (and so needs the meter keys). */
    public static boolean needsKeys(Sequence sequence) {
        return Stream.concat(sequence.steps().stream(), sequence.cleanup().stream()).map(Step::action)
                .anyMatch(a -> a instanceof Action.MeterSwitch);
    }

    /**
     * The meter keystore, opened only when the sequence switches a meter itself; the password is asked for
     * then, and wiped after use.
     */
    public static Optional<MeterKeyStore> keys(Sequence sequence, BenchConfiguration configuration,
                                               Supplier<char[]> password) throws IOException {
        if (!needsKeys(sequence) || configuration.keystore().isEmpty()) {
            return Optional.empty();
        }
        char[] secret = password.get();
        try {
            return Optional.of(MeterKeyStore.open(configuration.keystore().get(), secret));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
