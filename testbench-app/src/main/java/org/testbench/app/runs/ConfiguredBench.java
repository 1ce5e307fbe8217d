package org.testbench.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.client.auth.SecretLookup;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.EventWatch;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.mdms.MdmsConnection;

/**
 * A lab's bench as its configuration ({@code bench.yaml}, or the virtual lab's endpoints file) describes it,
 * connected for one run: only what the sequence needs — the MDMS when it calls the MDMS, the meter keys
 * when it switches a meter itself. Shared by {@code testbench run} and the desktop app.
 */
public final class ConfiguredBench {

    private ConfiguredBench() {
    }

    /**
     * The configured positions as the engine drives them: optical head, AMI port when there is one, each
     * entered as the position's meter profile says.
     */
    public static List<PositionSetup> positions(List<BenchConfiguration.PositionConfig> configured) {
        List<PositionSetup> list = new ArrayList<>();
        for (BenchConfiguration.PositionConfig p : configured) {
            MeterChannel optical = ProfiledMeter.opticalChannel(p.profile(), p.optical(), SignOnOptions.defaults());
            Optional<MeterChannel> ami = p.ami().map(a -> ProfiledMeter.amiChannel(p.profile(), a, Duration.ofSeconds(5)));
            list.add(new PositionSetup(p.position(), p.serial(), optical, ami, p.profile()));
        }
        return list;
    }

    /**
     * The positions with the meter profiles chosen for some of them (in the desktop app): their ports entered
     * as the chosen profile says.
     */
    public static List<PositionSetup> withProfiles(List<PositionSetup> positions,
                                                   java.util.Map<Integer, org.testbench.drivers.profile.MeterProfile> chosen) {
        List<PositionSetup> list = new ArrayList<>();
        for (PositionSetup p : positions) {
            org.testbench.drivers.profile.MeterProfile profile = chosen.get(p.position());
            if (profile == null) {
                list.add(p);
                continue;
            }
            // A channel describes the port it was built for.
            MeterChannel optical = ProfiledMeter.opticalChannel(profile,
                    org.testbench.drivers.transport.PortAddress.parse(p.optical().describe()), SignOnOptions.defaults());
            Optional<MeterChannel> ami = p.ami().map(a -> ProfiledMeter.amiChannel(profile,
                    org.testbench.drivers.transport.PortAddress.parse(a.describe()), Duration.ofSeconds(5)));
            list.add(new PositionSetup(p.position(), p.serial(), optical, ami, profile));
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
     * The MDMS connection, only when the sequence calls the MDMS (or audits its TLS); null otherwise. Its
     * {@link MdmsConnection#gateway()} checks spec and binding before anything is sent; its secrets (the MDMS's
     * credentials, the TLS identity's password) come from {@code secrets}.
     *
     * @throws IllegalArgumentException when the sequence calls the MDMS and the configuration has none, or
     *                                  gets meter keys from the MDMS without an identity to receive them
     */
    public static MdmsConnection mdmsConnection(Sequence sequence, BenchConfiguration configuration,
                                                SecretLookup secrets) {
        if (sequence.mdmsCapabilities().isEmpty()) {
            // A TLS audit without its own url audits the configured MDMS (its url and ca), when there is one.
            boolean auditsMdms = sequence.actions().anyMatch(a -> a instanceof Action.TlsAudit
                    && ((Action.TlsAudit) a).url().isEmpty());
            if (!auditsMdms || configuration.mdms().isEmpty()) {
                return null;
            }
        }
        BenchConfiguration.MdmsConfig config = configuration.mdms().orElseThrow(() -> new IllegalArgumentException(
                sequence.name() + " calls the MDMS (" + sequence.mdmsCapabilities().stream().map(Capability::id)
                        .collect(Collectors.joining(", ")) + "), and " + configuration.source() + " configures none"));
        if (sequence.mdmsCapabilities().contains(Capability.KEYS_GET) && config.identity().isEmpty()) {
            throw new IllegalArgumentException(sequence.name() + " gets meter keys from the MDMS (mdms.keys.get): give "
                    + "the bench's identity that receives them, --identity FILE.p12 (or mdms.identity in bench.yaml)");
        }
        return MdmsConnection.to(config).secrets(secrets);
    }

    /** The configuration with the bench's identity replaced (a command-line option overrides bench.yaml). */
    public static BenchConfiguration.MdmsConfig withIdentity(BenchConfiguration.MdmsConfig config, Path identity) {
        return config.withIdentity(Optional.of(identity));
    }

    /**
     * The bench's ear on the event broker, when the sequence expects events and the configuration names a
     * broker (null otherwise); subscribed before the first step so that no provoked event is missed.
     */
    public static EventWatch connectEvents(Sequence sequence, BenchConfiguration configuration) throws IOException {
        if (sequence.actions().noneMatch(a -> a instanceof Action.EventsExpect) || configuration.broker().isEmpty()) {
            return null;
        }
        return EventWatch.open(BrokerSettings.options(configuration.broker().get()));
    }

    /**
     * Whether the sequence uses meter secrets the MDMS does not deliver: it switches or attacks a meter, or checks
     * event signatures, without getting the keys from the MDMS; or it reads a meter whose type's reader (or, for a
     * switch, management client) authenticates — an LLS password is only ever in the keystore.
     */
    public static boolean needsKeys(Sequence sequence, BenchConfiguration configuration) {
        boolean usesKeysItself = sequence.actions().anyMatch(a -> a instanceof Action.MeterSwitch
                || a instanceof Action.MeterAttack || a instanceof Action.EventsExpect e && e.verifySignature());
        if (usesKeysItself && !keysFromMdms(sequence)) {
            return true;
        }
        boolean reads = sequence.actions().anyMatch(a -> a instanceof Action.MeterRead
                || a instanceof Action.VerifyLoadSwitch || a instanceof Action.MeterSwitch
                || a instanceof Action.EventsExpect e && e.meterLog());
        boolean switches = sequence.actions().anyMatch(a -> a instanceof Action.MeterSwitch);
        return configuration.positions().stream().map(p -> p.profile().clients()).anyMatch(c ->
                reads && secretNotFromMdms(c.reader(), keysFromMdms(sequence))
                        || switches && c.management().map(m -> secretNotFromMdms(m, keysFromMdms(sequence)))
                        .orElse(false));
    }

    /** Whether the sequence gets the meter keys from the MDMS (which delivers suite keys, never a client secret). */
    public static boolean keysFromMdms(Sequence sequence) {
        return sequence.actions().anyMatch(a -> a instanceof Action.MdmsKeys);
    }

    private static boolean secretNotFromMdms(DlmsClient client, boolean keysFromMdms) {
        return client.needsSecret() || client.needsKeys() && !keysFromMdms;
    }

    /**
     * The meter keystore, opened only when the sequence needs secrets the MDMS does not deliver
     * ({@link #needsKeys}); the password is asked for then, and wiped after use.
     */
    public static Optional<MeterKeyStore> keys(Sequence sequence, BenchConfiguration configuration,
                                               Supplier<char[]> password) throws IOException {
        if (!needsKeys(sequence, configuration) || configuration.keystore().isEmpty()) {
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
