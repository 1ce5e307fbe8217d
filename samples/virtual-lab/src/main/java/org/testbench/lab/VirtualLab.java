package org.testbench.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.bench.BenchOptions;
import org.testbench.lab.bench.VirtualBench;
import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.keys.EventSigningKey;
import org.testbench.lab.keys.ClientSecrets;
import org.testbench.lab.keys.HlsSecret;
import org.testbench.lab.keys.LlsPassword;
import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.keys.MeterKeystore;
import org.testbench.lab.mdms.VirtualMdms;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.optical.OpticalPort;
import org.testbench.lab.port.PseudoTerminalPair;
import org.testbench.lab.trust.TrustServices;

/**
 * Simulated meters on loopback, each speaking the real protocols on its optical and AMI ports,
 * with their keys in a PKCS#12 keystore, mounted on a simulated test bench (SCPI) that feeds them.
 *
 * <pre>{@code
 * try (VirtualLab lab = VirtualLab.start(LabConfig.builder().keystorePassword(pw).build())) {
 *     VirtualMeter meter = lab.meters().get(0);
 *     // connect to meter.amiEndpoint(), keys from lab.keystore() under meter.serial() + ".ek" / ".ak"
 *     // drive the bench over lab.bench().scpiEndpoint()
 * }
 * }</pre>
 */
public final class VirtualLab implements AutoCloseable {

    /** File name of the keystore in the work directory. */
    public static final String KEYSTORE_FILE = "meter-keys.p12";

    private static final Logger LOG = LoggerFactory.getLogger(VirtualLab.class);

    private final List<MeterAssembly> assemblies;
    private final List<VirtualMeter> meters;
    private final List<MeterKeys> keys;
    private final Map<String, LlsPassword> llsPasswords;
    private final Map<String, HlsSecret> hlsSecrets;
    private final Map<MeterType, Path> profiles;
    private final VirtualBench bench;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final Path keystore;
    private final Thread shutdownHook;
    private final VirtualMdms mdms;
    private final EventPath events;
    private final TrustServices trust;
    private boolean closed;

    private VirtualLab(List<MeterAssembly> assemblies, List<MeterKeys> keys, Map<String, LlsPassword> llsPasswords,
            Map<String, HlsSecret> hlsSecrets,
            Map<MeterType, Path> profiles, VirtualBench bench, Path workDir, boolean ownsWorkDir, Path keystore,
            VirtualMdms mdms, EventPath events, TrustServices trust) {
        this.assemblies = List.copyOf(assemblies);
        this.meters = assemblies.stream().map(MeterAssembly::meter).toList();
        this.keys = List.copyOf(keys);
        this.llsPasswords = llsPasswords;
        this.hlsSecrets = hlsSecrets;
        this.profiles = Map.copyOf(profiles);
        this.bench = bench;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.keystore = keystore;
        this.mdms = mdms;
        this.events = events;
        this.trust = trust;
        // socat outlives a JVM that exits without close(); the hook stops it.
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "vlab-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Generates the meters' keys, writes the keystore, starts every meter and the bench that holds them. */
    public static VirtualLab start(LabConfig config) throws IOException {
        boolean ownsWorkDir = config.workDir().isEmpty();
        Path workDir = ownsWorkDir ? Files.createTempDirectory("virtual-lab-") : config.workDir().get();
        List<MeterKeys> keys = new ArrayList<>();
        Map<String, LlsPassword> llsPasswords = new LinkedHashMap<>();
        Map<String, HlsSecret> hlsSecrets = new LinkedHashMap<>();
        List<MeterAssembly> assemblies = new ArrayList<>();
        VirtualBench bench = null;
        VirtualMdms mdms = null;
        EventPath events = null;
        TrustServices trust = null;
        Map<String, EventSigningKey> eventKeys = new LinkedHashMap<>();
        try {
            Files.createDirectories(workDir);
            Map<String, MeterKeys> keysBySerial = generateKeys(config);
            keys.addAll(keysBySerial.values());
            SecureRandom random = new SecureRandom();
            keysBySerial.keySet().forEach(serial -> eventKeys.put(serial, EventSigningKey.generate(random)));
            for (int position = 1; position <= config.meters(); position++) {
                MeterType type = config.meterType(position);
                if (type.usesLowLevelSecurity()) {
                    llsPasswords.put(MeterIdentity.of(type, position).serial(), LlsPassword.generate(random));
                }
                if (type.usesHlsSecret()) {
                    hlsSecrets.put(MeterIdentity.of(type, position).serial(), HlsSecret.generate(random));
                }
            }
            Path keystore = workDir.resolve(KEYSTORE_FILE);
            if (config.tsa().isPresent()) {
                char[] signerPassword = config.keystorePassword();
                try {
                    trust = TrustServices.start(workDir, signerPassword, config.tsa().get());
                } finally {
                    Arrays.fill(signerPassword, '\0');
                }
            }
            writeKeystore(keystore, config, keysBySerial, eventKeys, llsPasswords, hlsSecrets);
            Map<MeterType, Path> profiles = MeterProfiles.extract(config.meterTypes(), workDir);

            Optional<Path> socat = config.opticalPty() ? OpticalPort.findSocat() : Optional.empty();
            if (config.opticalPty() && socat.isEmpty()) {
                LOG.info("socat is not on the PATH: the meters' optical ports are reachable over TCP only");
            }
            for (int position = 1; position <= config.meters(); position++) {
                String serial = MeterIdentity.of(config.meterType(position), position).serial();
                assemblies.add(MeterAssembly.start(position, config, workDir, keys.get(position - 1),
                        new ClientSecrets(Optional.ofNullable(llsPasswords.get(serial)),
                                Optional.ofNullable(hlsSecrets.get(serial))), socat));
            }
            Optional<Path> benchSocat = config.benchPty() ? PseudoTerminalPair.findSocat() : Optional.empty();
            if (config.benchPty() && benchSocat.isEmpty()) {
                LOG.info("socat is not on the PATH: the bench is reachable over TCP only");
            }
            bench = VirtualBench.start(assemblies.stream().map(MeterAssembly::meter).toList(),
                    new BenchOptions(config.benchPort(), config.timeAcceleration(), benchSocat, workDir));
            List<VirtualMeter> labMeters = assemblies.stream().map(MeterAssembly::meter).toList();
            if (config.events()) {
                events = EventPath.start(config, workDir, labMeters, eventKeys);
            }
            mdms = MdmsAssembly.start(config, labMeters, keys, workDir,
                    Optional.ofNullable(events).map(EventPath::broker), eventKeys);
            LOG.info("Virtual lab started: {} meter(s), keystore {}, bench {}, MDMS {}, broker {}", assemblies.size(),
                    keystore, bench.scpiEndpoint(), mdms.url(), events == null ? "none" : events.broker().url());
            return new VirtualLab(assemblies, keys, llsPasswords, hlsSecrets, profiles, bench, workDir, ownsWorkDir,
                    keystore, mdms, events, trust);
        } catch (IOException | RuntimeException e) {
            if (trust != null) {
                trust.close();
            }
            if (mdms != null) {
                mdms.close();
            }
            if (events != null) {
                events.close();
            }
            eventKeys.values().forEach(EventSigningKey::destroy);
            if (bench != null) {
                bench.close();
            }
            closeAll(assemblies);
            keys.forEach(MeterKeys::destroy);
            llsPasswords.values().forEach(LlsPassword::destroy);
            hlsSecrets.values().forEach(HlsSecret::destroy);
            if (ownsWorkDir) {
                deleteQuietly(workDir);
            }
            throw e;
        }
    }

    private static Map<String, MeterKeys> generateKeys(LabConfig config) {
        SecureRandom random = new SecureRandom();
        Map<String, MeterKeys> keysBySerial = new LinkedHashMap<>();
        for (int position = 1; position <= config.meters(); position++) {
            keysBySerial.put(MeterIdentity.of(config.meterType(position), position).serial(),
                    MeterKeys.generate(random));
        }
        return keysBySerial;
    }

    private static void writeKeystore(Path keystore, LabConfig config, Map<String, MeterKeys> keysBySerial,
            Map<String, EventSigningKey> eventKeys, Map<String, LlsPassword> llsPasswords,
            Map<String, HlsSecret> hlsSecrets) throws IOException {
        char[] password = config.keystorePassword();
        try {
            MeterKeystore.write(keystore, password, keysBySerial, eventKeys, llsPasswords, hlsSecrets);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The meters, ordered by position 1..N. */
    public List<VirtualMeter> meters() {
        return meters;
    }

    /** The meter at a position (1-based). */
    public VirtualMeter meter(int position) {
        if (position < 1 || position > meters.size()) {
            throw new IllegalArgumentException("position must be 1.." + meters.size() + ", was " + position);
        }
        return meters.get(position - 1);
    }

    /**
     * The meter profile of a type mounted in this lab: {@code <workDir>/meters/<type>.yaml}, written at
     * start from the copy packaged with the lab, so that it exists for an installed lab too.
     */
    public Path profile(MeterType type) {
        Path profile = profiles.get(type);
        if (profile == null) {
            throw new IllegalArgumentException("no meter of type " + type + " in this lab");
        }
        return profile;
    }

    /** The test bench the meters are mounted on: position N holds {@code meter(N)}. */
    public VirtualBench bench() {
        return bench;
    }

    /**
     * The broker the meters' events go through ({@code tcp://127.0.0.1:PORT} for the embedded one);
     * empty when the lab runs without the event path.
     */
    public Optional<BrokerEndpoint> broker() {
        return Optional.ofNullable(events).map(EventPath::broker);
    }

    /** True when the lab's own broker serves the event path (no external broker was given). */
    public boolean embeddedBroker() {
        return events != null && events.embedded();
    }

    /**
     * The PKCS#12 keystore with aliases {@code <serial>.ek} and {@code <serial>.ak}, the
     * event-signing keys under {@code <serial>.evk}, and, for meters whose reader uses LLS, the
     * password under {@code <serial>.lls}, and for meters with HLS-MD5/-SHA1/-SHA256 readers, the HLS secret under
     * {@code <serial>.hls}.
     */
    public Path keystore() {
        return keystore;
    }

    /** The simulated MDMS with its head-end, serving mdms-v1.yaml for this lab's meters. */
    public VirtualMdms mdms() {
        return mdms;
    }

    /**
     * The time-stamping authority, the QA CA (CRL, OCSP) and the lab's QA signing identity; empty unless the
     * configuration asked for them ({@link LabConfig#tsa()}).
     */
    public Optional<TrustServices> trust() {
        return Optional.ofNullable(trust);
    }

    /** Where the keystore and the pty links are. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Stops the bench, every listener, thread and socat process. Idempotent. A work directory the lab created
     * itself is deleted, keystore included; a given one is left in place.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // The bench and the MDMS before the meters: the bench's ticker must not feed meters that are
        // going away, and the MDMS holds the meters' keys, which are destroyed below.
        try {
            bench.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing {} failed", bench, e);
        }
        mdms.close();
        if (events != null) {
            events.close();
        }
        if (trust != null) {
            trust.close();
        }
        closeAll(assemblies);
        keys.forEach(MeterKeys::destroy);
        llsPasswords.values().forEach(LlsPassword::destroy);
        hlsSecrets.values().forEach(HlsSecret::destroy);
        if (ownsWorkDir) {
            deleteQuietly(workDir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (this may be the hook itself).
        }
        LOG.info("Virtual lab stopped");
    }

    private void closeFromShutdownHook() {
        close();
    }

    private static void closeAll(List<MeterAssembly> assemblies) {
        for (int i = assemblies.size() - 1; i >= 0; i--) {
            try {
                assemblies.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed", assemblies.get(i).meter(), e);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("Cannot delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", directory, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "VirtualLab[meters=" + meters.size() + ", workDir=" + workDir + "]";
    }
}
