package org.testbench.app.runs;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.sequences.profile.MeterProfileReader;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.MqttVersion;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.EventWatch;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.OperatorPrompter;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.mdms.MdmsConnection;
import org.testbench.sequences.results.RunStart;

/**
 * The virtual lab started in this process and wired as a bench: its meters as positions, its SCPI bench,
 * its meter keystore and its MDMS in one of its dialects (through the shipped spec and binding, with the
 * credentials the dialect's document asks for). The keystore password and the MDMS secret are random and never
 * leave this process. Closing stops everything.
 */
public final class LabBench implements AutoCloseable {

    /** The environment variable the MDMS token would come from; recorded in the configuration, not read. */
    static final String TOKEN_VARIABLE = "TESTBENCH_MDMS_TOKEN";

    private final VirtualLab lab;
    private final Bench bench;
    private final MdmsFiles files;
    private final ClientMdmsGateway mdms;
    private final MeterKeyStore keys;
    /** The bench's watch on the broker; null without the event path. */
    private final EventWatch events;

    private LabBench(VirtualLab lab, Bench bench, MdmsFiles files, ClientMdmsGateway mdms, MeterKeyStore keys,
                     EventWatch events) {
        this.lab = lab;
        this.events = events;
        this.bench = bench;
        this.files = files;
        this.mdms = mdms;
        this.keys = keys;
    }

    /**
     * @param mdmsTimeScale multiplies the MDMS's delays (1 = real RF latency; 0.1 for quick training runs);
     *                      the client polls correspondingly faster
     * @param eventPath     with the event path (embedded broker, gateway, the MDMS's subscription, the bench's
     *                      watch on the broker), so that the library's event sequences run as on {@code testbench
     *                      lab}; it costs the start about a second
     */
    public static LabBench start(int meters, double mdmsTimeScale, boolean eventPath) throws IOException {
        return start(meters, mdmsTimeScale, eventPath, MdmsDialect.REFERENCE);
    }

    /**
     * As {@link #start(int, double, boolean)}, with the lab's MDMS speaking {@code dialect} (docs/mdms-auth.md),
     * connected as an engineer would configure that MDMS: its spec, its binding, its authentication scheme.
     */
    public static LabBench start(int meters, double mdmsTimeScale, boolean eventPath, MdmsDialect dialect)
            throws IOException {
        char[] password = randomSecret().toCharArray();
        String token = randomSecret();
        VirtualLab lab = null;
        Bench bench = null;
        ClientMdmsGateway mdms = null;
        EventWatch events = null;
        try {
            lab = VirtualLab.start(LabConfig.builder().meters(meters).keystorePassword(password).opticalPty(false)
                    .benchPty(false).mdmsToken(token).mdmsTimeScale(mdmsTimeScale).mdmsDialect(dialect)
                    .events(eventPath).build());
            bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
            MdmsFiles files = MdmsFiles.extract(lab.workDir(), dialect.specFile(), dialect.bindingFile());
            BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(URI.create(lab.mdms().url()),
                    files.spec(), files.binding(), authSettings(dialect), Optional.empty(), Optional.empty(),
                    BenchConfiguration.Latency.RF);
            LatencyProfile rf = LatencyProfile.rf();
            long pollMillis = Math.max(50, (long) (rf.pollInterval().toMillis() * Math.min(1.0, mdmsTimeScale)));
            // The lab has one secret: the bearer token, OAuth2 client secret or API key, whatever its variable.
            mdms = MdmsConnection.to(config).secrets(variable -> variable.equals(MdmsConnection.TLS_PASSWORD_VARIABLE)
                    ? Optional.empty() : Optional.of(token))
                    .latency(rf.withPollInterval(Duration.ofMillis(pollMillis))).gateway();
            MeterKeyStore keys = MeterKeyStore.open(lab.keystore(), password);
            if (eventPath) {
                // The embedded broker speaks MQTT 3.1.1 only.
                events = EventWatch.open(BrokerOptions.builder(lab.broker().orElseThrow().url())
                        .version(MqttVersion.V3_1_1).build());
            }
            return new LabBench(lab, bench, files, mdms, keys, events);
        } catch (IOException | RuntimeException e) {
            closeQuietly(events);
            closeQuietly(mdms);
            closeQuietly(bench);
            closeQuietly(lab);
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * How a bench authenticates to the lab's MDMS in this dialect (docs/mdms-auth.md): the bearer token, OAuth2
     * client credentials as the lab's client, or the API key; the secret is the lab's.
     */
    public static AuthSettings authSettings(MdmsDialect dialect) {
        return switch (dialect) {
            case REFERENCE -> new AuthSettings(Optional.of("bearer"), Optional.of(TOKEN_VARIABLE), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of());
            case GRIDFLOW -> new AuthSettings(Optional.of("oauth2"), Optional.empty(), Optional.empty(),
                    Optional.of(MdmsDialect.OAUTH2_CLIENT_ID), Optional.empty(), List.of(MdmsDialect.OAUTH2_SCOPE));
            case METERCLOUD -> new AuthSettings(Optional.of("api-key"), Optional.empty(),
                    Optional.of(MdmsDialect.BASIC_USER), Optional.empty(), Optional.empty(), List.of());
        };
    }

    public VirtualLab lab() {
        return lab;
    }

    public ClientMdmsGateway mdms() {
        return mdms;
    }

    public MdmsFiles mdmsFiles() {
        return files;
    }

    /** What every position shares, with the given operator at the bench. */
    public Instruments instruments(OperatorPrompter prompter) {
        return new Instruments(Optional.of(bench), Optional.of(keys), Optional.of(mdms), prompter,
                SessionOptions.defaults(), Optional.ofNullable(events));
    }

    /** Every meter of the lab as a bench position: optical head and AMI port, entered as its type's profile says. */
    public List<PositionSetup> positions() {
        List<PositionSetup> list = new ArrayList<>();
        for (VirtualMeter m : lab.meters()) {
            MeterProfile profile = profile(m);
            list.add(new PositionSetup(m.position(), Optional.of(m.serial()),
                    ProfiledMeter.opticalChannel(profile, PortAddress.parse(m.opticalEndpoint()),
                            SignOnOptions.defaults()),
                    Optional.of(ProfiledMeter.amiChannel(profile, PortAddress.parse(m.amiEndpoint()),
                            Duration.ofSeconds(5))), profile));
        }
        return list;
    }

    /**
     * The profile of the meter's type (samples/meters), from the file the lab wrote into its directory: read as any
     * profile is, and a real file that a run's record can keep.
     */
    private MeterProfile profile(VirtualMeter meter) {
        java.nio.file.Path file = lab.profile(meter.type());
        try {
            return MeterProfileReader.read(file);
        } catch (IOException | org.testbench.sequences.yaml.InputFileException e) {
            throw new IllegalStateException("the virtual lab's profile " + file + " is broken: " + e.getMessage(), e);
        }
    }

    /** The record of a run's start on this lab. */
    public RunStart runStart(Sequence sequence, String operator, String labName, List<PositionSetup> positions)
            throws IOException {
        return RecordedRun.start(sequence, operator, Optional.empty(), labName, positions, mdms, files.spec(),
                files.binding());
    }

    /** 144 random bits, URL-safe: for a secret that never leaves this process. */
    public static String randomSecret() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public void close() {
        closeQuietly(events);
        closeQuietly(mdms);
        closeQuietly(bench);
        closeQuietly(lab);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(LabBench.class).warn("closing {}: {}", c.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "LabBench[" + lab.meters().size() + " meter(s), MDMS " + lab.mdms().url() + "]";
    }
}
