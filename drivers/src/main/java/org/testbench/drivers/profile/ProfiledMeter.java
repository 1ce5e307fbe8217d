package org.testbench.drivers.profile;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.attack.LinkAttacks;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterAttacks;
import org.testbench.drivers.dlms.MeterIdentity;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterReadout.Unavailable;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectReading;
import org.testbench.drivers.dlms.RegisterTotal;
import org.testbench.drivers.dlms.ServerAddress;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeySource;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.keys.MeterPassword;
import org.testbench.drivers.optical.DirectHdlcChannel;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.transport.PortAddress;

/**
 * One meter reached through one of its ports, as its {@link MeterProfile} says: opens the association of
 * a job (reader, management) with the credentials that client needs — an LLS password or an HLS secret from the
 * keystore entry {@code <serial>.lls} or {@code <serial>.hls} or from the environment variable the profile names,
 * suite 0 keys from the key source — and reads identity and values at the meter type's OBIS codes. Objects the profile marks absent
 * are reported as such; objects the meter refuses or lacks are reported with its reason while the rest of
 * the read goes on.
 *
 * <p>When a client needs the serial (to find its password or keys) and nobody gave it, the public client
 * reads it first, with the invocation counter ciphered clients continue from. A serial the meter answers
 * that differs from the one the position expects is an error ({@link Fault#WRONG_METER}).
 */
public final class ProfiledMeter {

    private static final Logger LOG = LoggerFactory.getLogger(ProfiledMeter.class);

    private final MeterProfile profile;
    private final MeterChannel channel;
    private final Optional<String> expectedSerial;
    private final Optional<MeterKeySource> keys;
    private final SessionOptions options;
    private final Function<String, String> environment;

    /**
     * @param expectedSerial the serial the position's meter should have (nameplate, configuration): checked
     *                       against the meter's answer, and used to find credentials without asking the meter
     * @param keys           where passwords and keys come from; empty when none were given
     */
    public ProfiledMeter(MeterProfile profile, MeterChannel channel, Optional<String> expectedSerial,
                         Optional<? extends MeterKeySource> keys, SessionOptions options) {
        this(profile, channel, expectedSerial, keys, options, System::getenv);
    }

    /** @param environment where the variables {@code password_env} names are looked up ({@code System::getenv}) */
    public ProfiledMeter(MeterProfile profile, MeterChannel channel, Optional<String> expectedSerial,
                         Optional<? extends MeterKeySource> keys, SessionOptions options,
                         Function<String, String> environment) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.expectedSerial = Objects.requireNonNull(expectedSerial, "expectedSerial");
        this.keys = keys.map(k -> (MeterKeySource) k);
        this.options = Objects.requireNonNull(options, "options");
        this.environment = environment;
    }

    /** The optical port of a meter of this type: mode E sign-on, or HDLC at a fixed rate. */
    public static MeterChannel opticalChannel(MeterProfile profile, PortAddress port, SignOnOptions base) {
        OpticalLink link = profile.optical();
        if (link.mode() == OpticalLink.Mode.HDLC) {
            return new DirectHdlcChannel(port, link.baud(), base.connectTimeout());
        }
        return new OpticalChannel(port, base.withLine(link.baud(), link.baudSwitchDelay(), link.wakeUp()));
    }

    /** The AMI port of a meter of this type. */
    public static MeterChannel amiChannel(MeterProfile profile, PortAddress port, Duration connectTimeout) {
        return new AmiChannel(port, connectTimeout, profile.ami().framing());
    }

    /** Reads the default readout of the bench's own virtual meter type over the public client. */
    public static MeterReadout read(MeterChannel channel, List<Obis> codes, SessionOptions options)
            throws IOException {
        return new ProfiledMeter(MeterProfile.TESTBENCH_VIRTUAL, channel, Optional.empty(), Optional.empty(), options)
                .read(codes);
    }

    public MeterProfile profile() {
        return profile;
    }

    public MeterChannel channel() {
        return channel;
    }

    /** The client this meter type uses for a job. */
    public DlmsClient client(ClientJob job) throws DeviceException {
        return profile.clients().of(job).orElseThrow(() -> new DeviceException(Fault.CONFIGURATION,
                profile.describe(), "this meter type has no " + job.key() + " client (clients." + job.key()
                + " in its profile)"));
    }

    /**
     * Associates as the client of a job. The caller closes the session.
     *
     * @throws DeviceException {@code KEYS} when the client's password or keys are missing, {@code
     *                         AUTHENTICATION_FAILED} naming the client when the meter refuses them,
     *                         {@code WRONG_METER} when the meter's serial is not the expected one
     */
    public MeterSession open(ClientJob job) throws IOException {
        DlmsClient client = client(job);
        if (!client.needsKeys() && !client.needsSecret()) {
            return declared(MeterSession.open(channel, client, serverAddress(expectedSerial), null, null, 0, options));
        }
        if (client.needsKeys()) {
            source(job, client, "keys (<serial>.ek, <serial>.ak)"); // before the meter is disturbed at all
        }
        if (client.needsSecret() && keys.isEmpty() && client.passwordVariable().map(environment)
                .filter(v -> !v.isEmpty()).isEmpty()) {
            password(job, client, expectedSerial.orElse("<serial>"));
        }
        Probe probe = probe(client.needsKeys());
        String serial = probe.serial;
        MeterPassword password = null;
        MeterKeys meterKeys = null;
        try {
            if (client.needsSecret()) {
                password = password(job, client, serial);
            }
            if (client.needsKeys()) {
                meterKeys = source(job, client, "keys (<serial>.ek, <serial>.ak)").keysFor(serial);
            }
            try {
                return declared(MeterSession.open(channel, client, serverAddress(Optional.of(serial)), password,
                        meterKeys, probe.lastCounter + 1, options));
            } catch (DeviceException e) {
                if (e.fault() != Fault.AUTHENTICATION_FAILED) {
                    throw e;
                }
                String origin = password != null ? (client.authentication().usesHlsSecret() ? "secret from "
                        : "password from ") + password.origin()
                        : "keys from " + keys.map(MeterKeySource::describe).orElse("nowhere");
                throw new DeviceException(Fault.AUTHENTICATION_FAILED, e.where(), stripWhere(e) + "; " + job.key()
                        + " client of meter " + serial + ", " + origin, e);
            }
        } finally {
            if (password != null) {
                password.destroy();
            }
            if (meterKeys != null) {
                meterKeys.destroy();
            }
        }
    }

    /**
     * What the security tests need to attack this meter: its management client (HLS-GMAC), server address,
     * serial object, serial and last accepted invocation counter (read over the public client).
     */
    public MeterAttacks.Target attackTarget() throws IOException {
        DlmsClient management = client(ClientJob.MANAGEMENT);
        Obis serialObject = profile.objects().require(MeterObject.SERIAL, profile.describe());
        Probe probe = probe(true);
        return new MeterAttacks.Target(management, serverAddress(Optional.of(probe.serial)), serialObject,
                probe.serial, probe.lastCounter);
    }

    /**
     * What the link and association tests need: the public client, a client with LLS where the type has one,
     * the server address and the serial.
     */
    public LinkAttacks.Target linkTarget() throws IOException {
        String serial = serial();
        Optional<DlmsClient> lls = java.util.stream.Stream.of(ClientJob.values())
                .map(job -> profile.clients().of(job)).flatMap(Optional::stream)
                .filter(c -> c.authentication() == AuthenticationMechanism.LOW).findFirst();
        return new LinkAttacks.Target(profile.clients().publicClient(), lls, serverAddress(Optional.of(serial)), serial);
    }

    /**
     * Runs the negative tests of these layers that apply to this port (the link, wrapper, association and plain
     * APDU tests, then — over the wrapper with the meter's keys — the ciphered ones), or only the named ones.
     *
     * @param names the tests to run; empty: every test of the layers
     * @throws DeviceException {@code KEYS} when ciphered tests are asked for and no key source was given
     */
    public MeterAttacks.Report attack(List<AttackLayer> layers, List<String> names) throws IOException {
        List<String> link = LinkAttacks.names(layers, channel.framing()).stream()
                .filter(n -> names.isEmpty() || names.contains(n)).toList();
        List<String> ciphered = channel.framing() != DlmsFraming.WRAPPER ? List.of() : MeterAttacks.ATTACKS.stream()
                .filter(n -> layers.contains(MeterAttacks.layerOf(n)) && (names.isEmpty() || names.contains(n)))
                .toList();
        List<MeterAttacks.AttackResult> results = new ArrayList<>();
        boolean kept = true;
        String serial = expectedSerial.orElse("");
        String finalCheck = "no test ran";
        if (!link.isEmpty()) {
            MeterAttacks.Report r = LinkAttacks.run(channel, linkTarget(), options, link);
            results.addAll(r.attacks());
            kept = r.keptWorking();
            serial = r.serial();
            finalCheck = r.finalCheck();
        }
        if (!ciphered.isEmpty()) {
            MeterKeySource source = keys.orElseThrow(() -> new DeviceException(Fault.KEYS, profile.describe(),
                    "the ciphered tests need the meter's keys: give a keystore (--keystore)"));
            MeterAttacks.Report r = MeterAttacks.run(channel, source, attackTarget(), options, ciphered);
            results.addAll(r.attacks());
            kept = kept && r.keptWorking();
            serial = r.serial();
            finalCheck = r.finalCheck();
        }
        return new MeterAttacks.Report(serial, results, kept, finalCheck);
    }

    /**
     * The meter's serial: the expected one when given (checked when a public look-up happens anyway),
     * else read over the public client.
     */
    public String serial() throws IOException {
        return probe(false).serial;
    }

    /**
     * Reads identity, the values asked for ({@code codes} empty: the energy registers and the load switch)
     * through the reader client.
     */
    public MeterReadout read(List<Obis> codes) throws IOException {
        MeterSession session = open(ClientJob.READER);
        List<Unavailable> unavailable = new ArrayList<>();
        MeterIdentity identity;
        List<CosemValue> values = new ArrayList<>();
        List<RegisterTotal> totals = new ArrayList<>();
        Optional<LoadSwitchState> loadSwitch = Optional.empty();
        try {
            List<RoleReading> ids = readRoles(session, List.of(MeterObject.SERIAL, MeterObject.LOGICAL_DEVICE_NAME,
                    MeterObject.FIRMWARE));
            ids.forEach(r -> r.unavailable().ifPresent(unavailable::add));
            identity = new MeterIdentity(profile.objects().form(MeterObject.SERIAL).part(ids.get(0).asText()),
                    ids.get(1).asText(), ids.get(2).asText());
            checkSerial(identity.serial(), unavailable.stream().anyMatch(u -> u.name().equals("serial")));
            Optional<Obis> disconnect = profile.objects().find(MeterObject.DISCONNECT_CONTROL);
            if (codes.isEmpty()) {
                for (RoleReading r : readRoles(session, List.of(MeterObject.ENERGY_IMPORT,
                        MeterObject.ENERGY_EXPORT))) {
                    values.addAll(r.values());
                    r.total().ifPresent(totals::add);
                    r.unavailable().ifPresent(unavailable::add);
                }
            } else {
                for (ObjectReading r : session.readEach(codes)) {
                    if (r.isRead()) {
                        values.add(r.value().get());
                    } else {
                        unavailable.add(new Unavailable(r.obis().toString(), Optional.of(r.obis()), r.reason()));
                    }
                }
            }
            if (codes.isEmpty() || disconnect.isPresent() && codes.contains(disconnect.get())) {
                loadSwitch = readLoadSwitch(session, unavailable);
            }
        } finally {
            session.close();
        }
        // Counted after close, so release and disconnect are part of the evidence.
        return new MeterReadout(identity, values, loadSwitch, session.frameCount(), unavailable, totals);
    }

    /** The load switch through an open session; empty (and listed) when the type or the meter has none. */
    public Optional<LoadSwitchState> readLoadSwitch(MeterSession session, List<Unavailable> unavailable)
            throws IOException {
        Optional<Obis> disconnect = profile.objects().find(MeterObject.DISCONNECT_CONTROL);
        if (disconnect.isEmpty()) {
            unavailable.add(absent(MeterObject.DISCONNECT_CONTROL));
            return Optional.empty();
        }
        try {
            return Optional.of(session.readLoadSwitch(disconnect.get()));
        } catch (DeviceException e) {
            if (!isObjectFault(e)) {
                throw e;
            }
            unavailable.add(new Unavailable(MeterObject.DISCONNECT_CONTROL.key(), disconnect, stripWhere(e)));
            return Optional.empty();
        }
    }

    /**
     * What reading one role gave: its value, or for a role the meter type keeps in parts (energy per tariff) the
     * exact sum of its parts; or why there is none.
     *
     * @param value       the object's value; empty for a sum and when not read
     * @param total       a sum's total and parts; empty for one object and when not read
     * @param unavailable why the role was not read: absent from the meter type, or the meter's reason (for a sum,
     *                    naming the part)
     */
    public record RoleReading(MeterObject role, Optional<CosemValue> value, Optional<RegisterTotal> total,
                              Optional<Unavailable> unavailable) {

        public boolean isRead() {
            return unavailable.isEmpty();
        }

        /** The values read: the object's, or a sum's parts. */
        public List<CosemValue> values() {
            return total.map(RegisterTotal::parts).orElse(value.map(List::of).orElse(List.of()));
        }

        /** The value as text (a sum's exact total); empty when not read. */
        public String asText() {
            return total.map(t -> t.value().toPlainString()).orElse(value.map(CosemValue::asText).orElse(""));
        }

        private static RoleReading missing(MeterObject role, Unavailable why) {
            return new RoleReading(role, Optional.empty(), Optional.empty(), Optional.of(why));
        }
    }

    /**
     * Reads roles through an open session, every object (a sum's parts too) in one request where the association
     * allows lists. A role the type marks absent, an object the meter refuses or lacks — for a sum, any of its
     * parts, named — is reported in the reading, and the others are read.
     */
    public List<RoleReading> readRoles(MeterSession session, List<MeterObject> roles) throws IOException {
        List<Obis> codes = new ArrayList<>();
        for (MeterObject o : roles) {
            profile.objects().locate(o).ifPresent(at -> at.reads().forEach(part -> codes.add(part.obis())));
        }
        List<ObjectReading> readings = codes.isEmpty() ? List.of() : session.readEach(codes);
        List<RoleReading> result = new ArrayList<>();
        int next = 0;
        for (MeterObject o : roles) {
            Optional<ObjectLocation> at = profile.objects().locate(o);
            if (at.isEmpty()) {
                result.add(RoleReading.missing(o, absent(o)));
                continue;
            }
            List<ObjectReading> mine = readings.subList(next, next + at.get().reads().size());
            next += mine.size();
            if (at.get().sum().isEmpty()) {
                ObjectReading r = mine.get(0);
                result.add(r.isRead() ? new RoleReading(o, r.value(), Optional.empty(), Optional.empty())
                        : RoleReading.missing(o, new Unavailable(o.key(), Optional.of(r.obis()), r.reason())));
                continue;
            }
            result.add(summed(o, at.get().sum().get(), mine));
        }
        return result;
    }

    private RoleReading summed(MeterObject role, RegisterSum sum, List<ObjectReading> parts) {
        String whole = "the sum of " + sum.codes().stream().map(Obis::toString)
                .collect(java.util.stream.Collectors.joining(" + "));
        for (ObjectReading r : parts) {
            if (!r.isRead()) {
                return RoleReading.missing(role, new Unavailable(role.key(), Optional.of(r.obis()), "part " + r.obis()
                        + " of " + whole + ": " + r.reason()));
            }
        }
        try {
            return new RoleReading(role, Optional.empty(), Optional.of(RegisterTotal.of(role.key(),
                    parts.stream().map(r -> r.value().get()).toList(), channel.describe())), Optional.empty());
        } catch (DeviceException e) {
            return RoleReading.missing(role, new Unavailable(role.key(), Optional.of(sum.parts().get(0).obis()),
                    stripWhere(e) + " (" + whole + ")"));
        }
    }

    private void checkSerial(String answered, boolean unread) throws DeviceException {
        if (expectedSerial.isPresent() && !unread && !answered.isEmpty()
                && !answered.equalsIgnoreCase(expectedSerial.get())) {
            throw new DeviceException(Fault.WRONG_METER, channel.describe(), "the meter answers serial " + answered
                    + ", but this position expects meter " + expectedSerial.get() + " (wrong meter mounted, or a "
                    + "wrong serial in the configuration)");
        }
    }

    /** What a public association tells before an authenticated one. */
    private record Probe(String serial, long lastCounter) {
    }

    private Probe probe(boolean needCounter) throws IOException {
        Optional<Obis> serialObject = profile.objects().find(MeterObject.SERIAL);
        Optional<Obis> counterObject = profile.objects().find(MeterObject.INVOCATION_COUNTER);
        boolean readSerial = serialObject.isPresent();
        if (expectedSerial.isPresent() && !needCounter) {
            return new Probe(expectedSerial.get(), 0);
        }
        if (expectedSerial.isEmpty() && serialObject.isEmpty()) {
            throw new DeviceException(Fault.CONFIGURATION, channel.describe(), "the serial of the meter is needed to "
                    + "find its credentials, but this meter type has no serial object: give the position's serial");
        }
        String serial = expectedSerial.orElse(null);
        long counter = 0;
        try (MeterSession pub = declared(MeterSession.open(channel, profile.clients().publicClient(),
                serverAddress(expectedSerial), null, null, 0, options))) {
            if (readSerial) {
                try {
                    String answered = profile.objects().form(MeterObject.SERIAL)
                            .part(pub.read(serialObject.get()).asText());
                    checkSerial(answered, false);
                    serial = answered;
                } catch (DeviceException e) {
                    if (!isObjectFault(e) || expectedSerial.isEmpty()) {
                        throw e.fault() == Fault.WRONG_METER || !isObjectFault(e) ? e
                                : new DeviceException(Fault.CONFIGURATION, channel.describe(), "the serial of the "
                                + "meter is needed to find its credentials and the public client cannot read it ("
                                + stripWhere(e) + "): give the position's serial (--serial)", e);
                    }
                }
            }
            if (needCounter && counterObject.isPresent()) {
                counter = pub.readInvocationCounter(counterObject.get());
            } else if (needCounter) {
                LOG.info("{}: this meter type has no invocation counter object; ciphering starts at 1",
                        channel.describe());
            }
        }
        return new Probe(serial, counter);
    }

    /** The client's secret: from the variable the profile names when it is set, else the keystore entry. */
    private MeterPassword password(ClientJob job, DlmsClient client, String serial) throws DeviceException {
        AuthenticationMechanism mechanism = client.authentication();
        String entry = serial + "." + mechanism.secretEntry();
        if (client.passwordVariable().isPresent()) {
            String variable = client.passwordVariable().get();
            String value = environment.apply(variable);
            if (value != null && !value.isEmpty()) {
                if (!mechanism.usesHlsSecret()) {
                    return new MeterPassword("environment variable " + variable, value.toCharArray());
                }
                byte[] text = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try {
                    return MeterPassword.hlsSecret("environment variable " + variable, text);
                } catch (IllegalArgumentException e) {
                    throw new DeviceException(Fault.KEYS, profile.describe(), e.getMessage());
                } finally {
                    java.util.Arrays.fill(text, (byte) 0);
                }
            }
            if (keys.isEmpty()) {
                throw new DeviceException(Fault.KEYS, profile.describe(), "the " + job.key() + " " + client.describe()
                        + " needs its " + mechanism.secretName() + ": set the environment variable " + variable
                        + ", or give a keystore with the entry " + entry);
            }
        }
        MeterKeySource source = source(job, client, mechanism.secretName() + " (<serial>."
                + mechanism.secretEntry() + ")");
        return mechanism.usesHlsSecret() ? source.hlsSecretFor(serial) : source.passwordFor(serial);
    }

    private MeterKeySource source(ClientJob job, DlmsClient client, String what) throws DeviceException {
        return keys.orElseThrow(() -> new DeviceException(Fault.KEYS, profile.describe(), "the " + job.key() + " "
                + client.describe() + " needs the meter's " + what + ": give a keystore (--keystore)"
                + (client.needsSecret() ? " or name an environment variable with "
                + client.authentication().secretVariableKey() : "")));
    }

    private ServerAddress serverAddress(Optional<String> serial) throws DeviceException {
        return new ServerAddress(profile.addresses().logical(), profile.addresses().physical().resolve(serial));
    }

    private MeterSession declared(MeterSession session) {
        for (MeterObject o : MeterObject.values()) {
            profile.objects().locate(o).ifPresent(role -> role.reads().forEach(at -> at.kind().ifPresentOrElse(
                    stated -> session.declareStated(at.obis(), stated), () -> session.declare(at.obis(), o.kind()))));
        }
        return session;
    }

    private Unavailable absent(MeterObject o) {
        return new Unavailable(o.key(), Optional.empty(), "absent from this meter type (" + profile.meter() + ")");
    }

    static boolean isObjectFault(DeviceException e) {
        return e.fault() == Fault.ACCESS_DENIED || e.fault() == Fault.OBJECT_UNDEFINED || e.fault() == Fault.REJECTED;
    }

    private static String stripWhere(DeviceException e) {
        String prefix = e.where() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
