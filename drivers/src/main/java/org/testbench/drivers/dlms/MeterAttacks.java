package org.testbench.drivers.dlms;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSConfirmedServiceError;
import gurux.dlms.GXDLMSException;
import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.keys.MeterKeySource;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.transport.Transport;

/**
 * DLMS negative tests over a meter's AMI port (wrapper framing): for each attack a fresh management
 * association (HLS-GMAC, suite 0, the meter's own keys) reads the serial correctly, then sends one
 * crafted request, records whether the meter refused it (exception response, service error, error
 * answer, no answer or a dropped connection) or accepted it (a normal answer), and checks that the
 * meter still answers a correct request afterwards (in a fresh association when the connection is gone).
 *
 * <p>The frames kept as evidence are the ciphered requests and the meter's answers: they never contain
 * key bytes, and nothing here logs or prints keys.
 */
public final class MeterAttacks {

    private static final Logger LOG = LoggerFactory.getLogger(MeterAttacks.class);
    private static final HexFormat HEX = HexFormat.of();
    /** How long to wait for an answer to a crafted request: a meter may silently drop it. */
    private static final Duration CRAFTED_TIMEOUT = Duration.ofSeconds(2);

    public enum Verdict { REFUSED, ACCEPTED, ERROR }

    /**
     * @param layer         where the attack breaks the protocol
     * @param kind          what the meter's accepting it proves: a security weakness or a conformance defect
     * @param frames        the crafted request and the meter's answer, in hex, "TX …" / "RX …"; ciphered or
     *                      public, never key bytes
     * @param keptAnswering whether the meter answered a correct request after this attack (on the same link, or
     *                      on a new one where the meter legitimately ended the link)
     */
    public record AttackResult(String name, AttackLayer layer, AttackKind kind, Verdict verdict, String detail,
                               List<String> frames, boolean keptAnswering) {
        public AttackResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(detail, "detail");
            frames = List.copyOf(frames);
        }

        /** A finding: the meter accepted what it must refuse, or stopped answering after it. */
        public boolean isFinding() {
            return verdict == Verdict.ACCEPTED || !keptAnswering;
        }
    }

    /**
     * @param keptWorking whether the meter answered a correct request after every attack and at the end
     */
    public record Report(String serial, List<AttackResult> attacks, boolean keptWorking, String finalCheck) {
        public Report {
            attacks = List.copyOf(attacks);
        }

        public boolean allRefused() {
            return attacks.stream().allMatch(a -> a.verdict() == Verdict.REFUSED);
        }
    }

    /** The attacks in the order they run. */
    public static final List<String> ATTACKS = List.of("replayed-counter", "lower-counter", "flipped-tag", "wrong-key",
            "wrong-system-title", "wrong-apdu-length", "wrong-wrapper-length", "too-long-frame");

    /** The layer an attack of {@link #ATTACKS} breaks: the two that break the wrapper, else ciphered APDUs. */
    public static AttackLayer layerOf(String name) {
        return name.equals("wrong-wrapper-length") || name.equals("too-long-frame") ? AttackLayer.WRAPPER
                : AttackLayer.APDU;
    }

    /**
     * What an attack of {@link #ATTACKS} proves when accepted: each gets a ciphered request past the meter's
     * cryptographic checks (a replay, a forgery, a wrong key or length around the ciphertext), a security weakness.
     */
    public static AttackKind kindOf(String name) {
        if (!ATTACKS.contains(name)) {
            throw new IllegalArgumentException("unknown attack '" + name + "'");
        }
        return AttackKind.SECURITY;
    }

    /**
     * The meter under attack as its type defines it: the management client the attacks impersonate, the
     * server address, the object a correct request reads, and what a first look at the meter found — its
     * serial (to find its keys) and the last invocation counter it accepted.
     */
    public record Target(DlmsClient management, ServerAddress server, Obis serialObject, String serial,
                         long lastCounter) {
        public Target {
            Objects.requireNonNull(management, "management");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(serialObject, "serialObject");
            Objects.requireNonNull(serial, "serial");
            if (management.authentication() != AuthenticationMechanism.HLS_GMAC) {
                throw new IllegalArgumentException("meter attacks need a management client with hls-gmac, not "
                        + management.describe());
            }
        }
    }

    private final MeterChannel channel;
    private final SessionOptions options;
    private final Target target;
    private final byte[] ek;
    private final byte[] ak;
    private long nextCounter;

    private MeterAttacks(MeterChannel channel, SessionOptions options, Target target, MeterKeys keys,
                         long nextCounter) {
        this.channel = channel;
        this.options = options;
        this.target = target;
        this.ek = keys.encryptionKey();
        this.ak = keys.authenticationKey();
        this.nextCounter = nextCounter;
    }

    /**
     * Runs every attack against the meter behind an AMI channel.
     *
     * @throws IOException when the meter cannot be reached, its keys are missing or do not open a management
     *                     association — before any attack ran
     */
    public static Report run(MeterChannel channel, MeterKeySource keys, SessionOptions options) throws IOException {
        return run(channel, keys, options, ATTACKS);
    }

    /**
     * Runs the named attacks (in the order of {@link #ATTACKS}) against the meter behind an AMI channel. A
     * correct management association comes first: when the keys do not open one, the meter cannot be judged
     * (every refusal would be the keys' doing), so nothing runs.
     *
     * @throws IllegalArgumentException for an unknown attack name
     * @throws IOException              when the meter cannot be reached, its keys are missing or do not open a
     *                                  management association — before any attack ran
     */
    public static Report run(MeterChannel channel, MeterKeySource keys, SessionOptions options, List<String> names)
            throws IOException {
        if (channel.framing() != DlmsFraming.WRAPPER) {
            throw new IllegalArgumentException("meter attacks run over the AMI port (wrapper), not " + channel.framing());
        }
        select(names);
        String serial;
        long lastCounter;
        try (MeterSession pub = MeterSession.openPublic(channel, options)) {
            serial = pub.read(StandardObis.SERIAL_NUMBER).asText();
            lastCounter = pub.readInvocationCounter();
        }
        return run(channel, keys, new Target(DlmsClient.MANAGEMENT, new ServerAddress(options.serverAddress(),
                java.util.OptionalInt.empty()), StandardObis.SERIAL_NUMBER, serial, lastCounter), options, names);
    }

    /**
     * Runs the named attacks against a meter whose type, serial and last invocation counter are known.
     *
     * @throws IOException when the meter cannot be reached, its keys are missing or do not open a management
     *                     association — before any attack ran
     */
    public static Report run(MeterChannel channel, MeterKeySource keys, Target target, SessionOptions options,
                             List<String> names) throws IOException {
        if (channel.framing() != DlmsFraming.WRAPPER) {
            throw new IllegalArgumentException("meter attacks run over the AMI port (wrapper), not " + channel.framing());
        }
        List<String> selected = select(names);
        String serial = target.serial();
        MeterAttacks attacks;
        try (MeterKeys meterKeys = keys.keysFor(serial)) {
            attacks = new MeterAttacks(channel, options, target, meterKeys, target.lastCounter() + 1);
        }
        try {
            try {
                attacks.correctExchange();
            } catch (DeviceException e) {
                throw new DeviceException(e.fault(), channel.describe(), "the keys of meter " + serial + " from "
                        + keys.describe() + " do not give a working management association, so no attack was run: "
                        + e.getMessage(), e);
            }
            return attacks.runAll(serial, selected);
        } finally {
            attacks.wipe();
        }
    }

    /** A correct association and request, which moves the invocation counter on like any other exchange. */
    private void correctExchange() throws IOException {
        Association a = associate();
        try {
            a.readSerial();
        } finally {
            a.close();
            nextCounter = Math.max(nextCounter, a.client.getCiphering().getInvocationCounter());
        }
    }

    /** The names in the order they run; every name must be one of {@link #ATTACKS}. */
    public static List<String> select(List<String> names) {
        for (String n : names) {
            if (!ATTACKS.contains(n)) {
                throw new IllegalArgumentException("unknown attack '" + n + "' (expected: " + String.join(", ", ATTACKS)
                        + ")");
            }
        }
        return ATTACKS.stream().filter(names::contains).toList();
    }

    private void wipe() {
        Arrays.fill(ek, (byte) 0);
        Arrays.fill(ak, (byte) 0);
    }

    private Report runAll(String serial, List<String> names) {
        List<AttackResult> results = new ArrayList<>();
        boolean keptWorking = true;
        for (String name : names) {
            AttackResult r = runOne(name);
            LOG.info("{}: attack {}: {} ({})", channel.describe(), name, r.verdict(), r.detail());
            results.add(r);
            if (!r.keptAnswering()) {
                keptWorking = false;
            }
        }
        String finalCheck;
        try (Association a = associate()) {
            String answered = a.readSerial();
            finalCheck = "meter answered a correct request in a fresh association (serial " + answered + ")";
        } catch (IOException | RuntimeException e) {
            keptWorking = false;
            finalCheck = "meter stopped answering correct requests: " + e.getMessage();
        }
        return new Report(serial, results, keptWorking, finalCheck);
    }

    private AttackResult runOne(String name) {
        List<String> frames = new ArrayList<>();
        Association a;
        try {
            a = associate();
        } catch (IOException | RuntimeException e) {
            return new AttackResult(name, layerOf(name), kindOf(name), Verdict.ERROR, "no correct management "
                    + "association before the attack: " + e.getMessage(), frames, true);
        }
        try {
            byte[] correct = a.readSerialRequest();
            a.exchange.request(correct, new GXReplyData(), "read before the attack");
            byte[] crafted = craft(name, a, correct);
            frames.add("TX " + HEX.formatHex(crafted));
            Answer answer = a.send(crafted);
            if (answer.received().length > 0) {
                frames.add("RX " + HEX.formatHex(answer.received()));
            }
            String after = checkStillWorking(a, answer.closed());
            return new AttackResult(name, layerOf(name), kindOf(name), answer.refused() ? Verdict.REFUSED
                    : Verdict.ACCEPTED, answer.detail() + "; " + after, frames, !after.contains("stopped answering"));
        } catch (IOException | RuntimeException e) {
            return new AttackResult(name, layerOf(name), kindOf(name), Verdict.ERROR, e.getClass().getSimpleName()
                    + ": " + e.getMessage(), frames, true);
        } finally {
            nextCounter = Math.max(nextCounter, a.client.getCiphering().getInvocationCounter());
            a.close();
        }
    }

    private String checkStillWorking(Association a, boolean connectionGone) {
        if (!connectionGone) {
            try {
                a.readSerial();
                return "meter answered a correct request afterwards in the same association";
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: same association no longer usable: {}", channel.describe(), e.getMessage());
            }
        }
        nextCounter = Math.max(nextCounter, a.client.getCiphering().getInvocationCounter());
        try (Association fresh = associate()) {
            fresh.readSerial();
            return "meter answered a correct request afterwards in a fresh association";
        } catch (IOException | RuntimeException e) {
            return "meter stopped answering correct requests afterwards: " + e.getMessage();
        }
    }

    private byte[] craft(String name, Association a, byte[] correct) {
        GXDLMSSecureClient c = a.client;
        switch (name) {
            case "replayed-counter":
                return correct.clone();
            case "lower-counter": {
                long saved = c.getCiphering().getInvocationCounter();
                c.getCiphering().setInvocationCounter(Math.max(0, saved - 3));
                try {
                    return a.readSerialRequest();
                } finally {
                    c.getCiphering().setInvocationCounter(saved);
                }
            }
            case "flipped-tag": {
                byte[] f = a.readSerialRequest();
                f[f.length - 1] ^= 0x01; // the last byte of the GMAC tag
                return f;
            }
            case "wrong-key": {
                byte[] wrongEk = ek.clone();
                byte[] wrongAk = ak.clone();
                for (int i = 0; i < wrongEk.length; i++) {
                    wrongEk[i] ^= 0x5A;
                    wrongAk[i] ^= 0x5A;
                }
                c.getCiphering().setBlockCipherKey(wrongEk);
                c.getCiphering().setAuthenticationKey(wrongAk);
                try {
                    return a.readSerialRequest();
                } finally {
                    c.getCiphering().setBlockCipherKey(ek);
                    c.getCiphering().setAuthenticationKey(ak);
                    Arrays.fill(wrongEk, (byte) 0);
                    Arrays.fill(wrongAk, (byte) 0);
                }
            }
            case "wrong-system-title": {
                byte[] title = options.clientSystemTitle();
                byte[] wrong = title.clone();
                wrong[wrong.length - 1] ^= 0x01;
                c.getCiphering().setSystemTitle(wrong);
                try {
                    return a.readSerialRequest();
                } finally {
                    c.getCiphering().setSystemTitle(title);
                }
            }
            case "wrong-apdu-length": {
                // wrapper header (8 bytes), then the glo-get tag and its one-byte length: claim one byte less
                byte[] f = a.readSerialRequest();
                f[9] = (byte) (f[9] - 1);
                return f;
            }
            case "wrong-wrapper-length": {
                // the wrapper claims one byte less than the APDU it carries: the meter sees a truncated APDU
                byte[] f = a.readSerialRequest();
                int length = ((f[6] & 0xFF) << 8 | (f[7] & 0xFF)) - 1;
                f[6] = (byte) (length >> 8);
                f[7] = (byte) length;
                return Arrays.copyOf(f, f.length - 1);
            }
            case "too-long-frame": {
                // a wrapper frame of 65535 bytes, far above any negotiated PDU size: a glo-get header, then filler
                byte[] f = a.readSerialRequest();
                int payload = 0xFFFF;
                byte[] big = new byte[8 + payload];
                System.arraycopy(f, 0, big, 0, 6);
                big[6] = (byte) 0xFF;
                big[7] = (byte) 0xFF;
                big[8] = f[8];
                big[9] = (byte) 0x82;
                big[10] = (byte) ((payload - 4) >> 8);
                big[11] = (byte) (payload - 4);
                System.arraycopy(f, 10, big, 12, f.length - 10);
                return big;
            }
            default:
                throw new IllegalArgumentException("unknown attack " + name);
        }
    }

    private Association associate() throws IOException {
        GXDLMSSecureClient client = GuruxClients.forClient(DlmsFraming.WRAPPER, target.management(), target.server(),
                options, null, ek, ak, nextCounter);
        Transport transport = channel.connect();
        Association a = new Association(transport, client, new FrameExchange(transport, client, options));
        try {
            GXReplyData reply = new GXReplyData();
            a.exchange.request(client.aarqRequest(), reply, "association request (AARQ)");
            client.parseAareResponse(reply.getData());
            if (client.getIsAuthenticationRequired()) {
                reply.clear();
                a.exchange.request(client.getApplicationAssociationRequest(), reply, "HLS authentication (pass 3)");
                client.parseApplicationAssociationResponse(reply.getData());
            }
            return a;
        } catch (IOException e) {
            a.close();
            throw e;
        } catch (Exception e) {
            a.close();
            throw new DeviceException(Fault.AUTHENTICATION_FAILED, channel.describe(),
                    "management association refused: " + e.getMessage(), e);
        } finally {
            nextCounter = Math.max(nextCounter, client.getCiphering().getInvocationCounter());
        }
    }

    /** What came back for a crafted request. */
    private record Answer(boolean refused, boolean closed, String detail, byte[] received) {
    }

    private final class Association implements AutoCloseable {
        final Transport transport;
        final GXDLMSSecureClient client;
        final FrameExchange exchange;

        Association(Transport transport, GXDLMSSecureClient client, FrameExchange exchange) {
            this.transport = transport;
            this.client = client;
            this.exchange = exchange;
        }

        byte[] readSerialRequest() {
            try {
                return client.read(target.serialObject().logicalName(), ObjectType.DATA, 2)[0];
            } catch (Exception e) {
                throw new IllegalStateException("cannot build a get request: " + e.getMessage(), e);
            }
        }

        String readSerial() throws IOException {
            GXReplyData reply = new GXReplyData();
            exchange.request(readSerialRequest(), reply, "read after the attack");
            Object v = MeterSession.plain(reply.getValue());
            return String.valueOf(v);
        }

        /** Sends a crafted frame as it is and reads one answer, without throwing for the meter's refusals. */
        Answer send(byte[] frame) throws IOException {
            exchange.recordSent(frame);
            transport.write(frame);
            GXByteBuffer pending = new GXByteBuffer();
            GXReplyData reply = new GXReplyData();
            GXReplyData notify = new GXReplyData();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + CRAFTED_TIMEOUT.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                int n;
                try {
                    n = left <= 0 ? 0 : transport.read(buffer, 0, buffer.length, Duration.ofNanos(left));
                } catch (DeviceException e) {
                    if (e.fault() == Fault.CONNECTION_LOST) {
                        return new Answer(true, true, "meter dropped the connection", received(pending));
                    }
                    throw e;
                }
                if (n == 0) {
                    return new Answer(true, true, pending.size() == 0
                            ? "no answer within " + CRAFTED_TIMEOUT.toMillis() + " ms (dropped)"
                            : "incomplete answer within " + CRAFTED_TIMEOUT.toMillis() + " ms", received(pending));
                }
                pending.position(0);
                pending.set(buffer, 0, n);
                try {
                    if (client.getData(pending, reply, notify)) {
                        if (reply.getError() != 0) {
                            return new Answer(true, false, "meter answered with error " + reply.getError(),
                                    received(pending));
                        }
                        return new Answer(false, false, "meter answered normally (SECURITY: crafted request accepted)",
                                received(pending));
                    }
                } catch (GXDLMSExceptionResponse e) {
                    return new Answer(true, false, "exception response (" + e.getExceptionServiceError() + ")",
                            received(pending));
                } catch (GXDLMSConfirmedServiceError e) {
                    return new Answer(true, false, "confirmed service error (" + e.getServiceError() + ")",
                            received(pending));
                } catch (GXDLMSException e) {
                    return new Answer(true, false, "error answer (" + e.getErrorCode() + ")", received(pending));
                } catch (Exception e) {
                    // an answer we cannot parse or decipher is not a normal answer to the request
                    return new Answer(true, false, "unusable answer (" + e.getClass().getSimpleName() + ")",
                            received(pending));
                }
            }
        }

        private byte[] received(GXByteBuffer pending) {
            exchange.recordReceived(pending.array(), pending.size());
            return Arrays.copyOf(pending.array(), pending.size());
        }

        @Override
        public void close() {
            try {
                exchange.request(client.releaseRequest(), new GXReplyData(), "release (RLRQ)");
            } catch (Exception e) {
                LOG.debug("{}: release failed: {}", channel.describe(), e.getMessage());
            } finally {
                transport.close();
            }
        }
    }
}
