package org.testbench.drivers.attack;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.enums.ObjectType;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.dlms.AttackKind;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterAttacks.AttackResult;
import org.testbench.drivers.dlms.MeterAttacks.Report;
import org.testbench.drivers.dlms.MeterAttacks.Verdict;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.ServerAddress;
import org.testbench.drivers.dlms.SessionOptions;

/**
 * Negative tests below the ciphered application layer, after the DLMS UA's conformance tests of the HDLC
 * link (IEC 62056-46), the TCP wrapper (IEC 62056-47), the association (IEC 62056-5-3 ACSE) and plain
 * xDLMS APDUs. Each test opens a link of its own as the meter type's public client (associated, unless the
 * association itself is under test), checks that the meter answers a correct request, sends one broken
 * frame or APDU, judges the answer, and checks that the meter still answers a correct request: on the same
 * link when the meter kept it (a meter that falls silent on a link after a frame it should have discarded
 * is a finding), else on a new link.
 *
 * <p>{@code REFUSED}: what the standard wants — the frame discarded (no answer, or only an acknowledgement
 * without data), the association rejected, an exception-response or a data-access error. {@code ACCEPTED}:
 * the meter processed what it must not. {@code ERROR}: the test could not be carried out. Evidence is the
 * frames in hex; they hold no key and no password (a wrong password is random; an answer that may hold the
 * association's secret is withheld).
 */
public final class LinkAttacks {

    private static final Logger LOG = LoggerFactory.getLogger(LinkAttacks.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longest wait for a frame the meter should discard: silence is the expected answer. */
    private static final Duration MAX_SILENCE = Duration.ofSeconds(2);

    /** One negative test: its name, layer, what its being accepted proves, and what it sends. */
    public record Attack(String name, AttackLayer layer, AttackKind kind, String what) {
    }

    /** The tests in the order they run. */
    public static final List<Attack> ATTACKS = List.of(
            new Attack("bad-flag", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame whose opening flag is 7F instead of 7E"),
            new Attack("short-frame", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "a frame that ends after its control field, without FCS"),
            new Attack("unknown-address", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame for a logical device the meter does not have"),
            new Attack("wrong-send-sequence", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame whose N(S) skips one"),
            new Attack("wrong-receive-sequence", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame whose N(R) acknowledges frames the meter never sent"),
            new Attack("info-field-too-long", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame whose information field is 32 bytes longer than the meter's UA allows"),
            new Attack("bad-hcs", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame with a wrong header check sequence"),
            new Attack("bad-fcs", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "an I-frame with a wrong frame check sequence"),
            new Attack("broken-segmentation", AttackLayer.HDLC, AttackKind.CONFORMANCE,
                    "a first segment, then a new APDU instead of its continuation"),
            new Attack("wrapper-version", AttackLayer.WRAPPER, AttackKind.CONFORMANCE,
                    "a wrapper frame of version 2"),
            new Attack("wrapper-unknown-port", AttackLayer.WRAPPER, AttackKind.CONFORMANCE,
                    "a wrapper frame for a wrapper port the meter does not have"),
            // An association accepted on a broken AARQ is the gate to authentication giving way: security.
            new Attack("wrong-application-context", AttackLayer.ACSE, AttackKind.SECURITY,
                    "an AARQ with an application context name that does not exist"),
            new Attack("wrong-mechanism", AttackLayer.ACSE, AttackKind.SECURITY,
                    "the public client's AARQ with HLS mechanism 2"),
            new Attack("wrong-lls-password", AttackLayer.ACSE, AttackKind.SECURITY,
                    "the LLS client's AARQ with a random password"),
            new Attack("wrong-dlms-version", AttackLayer.ACSE, AttackKind.SECURITY,
                    "an AARQ proposing DLMS version 5"),
            // Accepted only when a GET is then served: a service that was not negotiated.
            new Attack("empty-conformance", AttackLayer.ACSE, AttackKind.CONFORMANCE,
                    "an AARQ proposing no service, then a GET"),
            new Attack("truncated-apdu", AttackLayer.APDU, AttackKind.CONFORMANCE,
                    "a GET request cut 4 bytes short"),
            new Attack("over-long-apdu", AttackLayer.APDU, AttackKind.CONFORMANCE,
                    "a GET request padded beyond the meter's max PDU size"),
            new Attack("hidden-attribute", AttackLayer.APDU, AttackKind.SECURITY,
                    "a GET of the current association's secret (0.0.40.0.0.255 attribute 7)"));

    /**
     * The meter as its type defines it.
     *
     * @param llsClient a client that authenticates with LLS, where the type has one (wrong-lls-password)
     */
    public record Target(DlmsClient publicClient, Optional<DlmsClient> llsClient, ServerAddress server, String serial) {
        public Target {
            Objects.requireNonNull(publicClient, "publicClient");
            Objects.requireNonNull(llsClient, "llsClient");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(serial, "serial");
        }
    }

    private final MeterChannel channel;
    private final Target target;
    private final Duration timeout;
    private final Duration silence;
    private final int serverAddress;

    private LinkAttacks(MeterChannel channel, Target target, SessionOptions options) {
        this.channel = channel;
        this.target = target;
        this.timeout = options.responseTimeout();
        this.silence = options.responseTimeout().compareTo(MAX_SILENCE) < 0 ? options.responseTimeout() : MAX_SILENCE;
        this.serverAddress = channel.framing() == DlmsFraming.HDLC && target.server().physical().isPresent()
                ? GXDLMSClient.getServerAddress(target.server().logical(), target.server().physical().getAsInt())
                : target.server().logical();
    }

    public static Optional<Attack> named(String name) {
        return ATTACKS.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The names of the tests of these layers that can travel over a port with this framing. */
    public static List<String> names(Collection<AttackLayer> layers, DlmsFraming framing) {
        return ATTACKS.stream().filter(a -> layers.contains(a.layer()) && a.layer().appliesTo(framing))
                .map(Attack::name).toList();
    }

    /**
     * Runs the named tests (in the order of {@link #ATTACKS}); a test of a layer the port does not carry, or
     * wrong-lls-password on a type without an LLS client, is left out.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IOException              when the meter cannot be reached or does not answer a correct request
     *                                  before any test ran
     */
    public static Report run(MeterChannel channel, Target target, SessionOptions options, List<String> names)
            throws IOException {
        for (String n : names) {
            if (named(n).isEmpty()) {
                throw new IllegalArgumentException("unknown attack '" + n + "' (expected: " + ATTACKS.stream()
                        .map(Attack::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        LinkAttacks attacks = new LinkAttacks(channel, target, options);
        Optional<IOException> before = attacks.correctExchange();
        if (before.isPresent()) {
            throw before.get();
        }
        List<AttackResult> results = new ArrayList<>();
        for (Attack a : ATTACKS) {
            if (!names.contains(a.name()) || !a.layer().appliesTo(channel.framing())) {
                continue;
            }
            if (a.name().equals("wrong-lls-password") && target.llsClient().isEmpty()) {
                LOG.info("{}: wrong-lls-password left out: this meter type has no LLS client", channel.describe());
                continue;
            }
            AttackResult r = attacks.runOne(a);
            LOG.info("{}: attack {}: {} ({})", channel.describe(), a.name(), r.verdict(), r.detail());
            results.add(r);
        }
        Optional<IOException> last = attacks.correctExchange();
        boolean kept = results.stream().allMatch(AttackResult::keptAnswering) && last.isEmpty();
        String finalCheck = last.map(e -> "meter stopped answering correct requests: " + e.getMessage())
                .orElse("meter answered a correct request on a new link");
        return new Report(target.serial(), results, kept, finalCheck);
    }

    /** A new link, a correct association and request; empty when it worked. */
    private Optional<IOException> correctExchange() {
        try (RawLink link = associated()) {
            String answer = probe(link);
            return answer == null ? Optional.empty() : Optional.of(new IOException(answer));
        } catch (IOException e) {
            return Optional.of(e);
        } catch (RuntimeException e) {
            return Optional.of(new IOException(e.getMessage(), e));
        }
    }

    /** The probe on this link: null when the meter answered it, else what went wrong. */
    private String probe(RawLink link) throws IOException {
        RawLink.Reply r = link.exchange(Apdus.probe());
        Optional<Apdus.Answer> a = r.answer();
        if (a.isPresent() && (a.get().kind() == Apdus.Kind.DATA || a.get().kind() == Apdus.Kind.ACCESS_ERROR)) {
            return null;
        }
        return "a correct GET was not answered (" + r.describe() + ")";
    }

    private RawLink connect() throws IOException {
        return connect(target.publicClient());
    }

    /** A link from this client's address: the HDLC source address or wrapper port names the association. */
    private RawLink connect(DlmsClient client) throws IOException {
        return RawLink.connect(channel, client.address(), serverAddress, timeout);
    }

    private RawLink associated() throws IOException {
        RawLink link = connect();
        try {
            RawLink.Reply r = link.associate(Apdus.aarq(target.publicClient().address(), serverAddress, null));
            if (r.answer().map(a -> a.kind() != Apdus.Kind.ASSOCIATION_ACCEPTED).orElse(true)) {
                throw new IOException(channel.describe() + ": the public client's association was not accepted ("
                        + r.describe() + ")");
            }
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** What a broken frame brought back. */
    private record Outcome(Verdict verdict, String detail, boolean linkEnded) {
    }

    private AttackResult runOne(Attack attack) {
        List<String> frames = new ArrayList<>();
        RawLink link;
        try {
            link = attack.name().equals("wrong-lls-password") ? connect(target.llsClient().orElseThrow())
                    : attack.layer() == AttackLayer.ACSE ? connect() : associated();
            if (attack.layer() != AttackLayer.ACSE) {
                String before = probe(link);
                if (before != null) {
                    link.close();
                    return result(attack, Verdict.ERROR, "before the attack, " + before, frames, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            return result(attack, Verdict.ERROR, "no correct link before the attack: " + e.getMessage(), frames, true);
        }
        try {
            Outcome o = attack(attack, link, frames);
            if (o.verdict() == Verdict.ERROR) {
                return result(attack, o.verdict(), o.detail(), frames, true);
            }
            After after;
            if (attack.layer() == AttackLayer.ACSE) {
                link.close(); // a port may serve one client at a time
                after = freshCheck(true);
            } else {
                after = after(link, o);
            }
            return result(attack, o.verdict(), o.detail() + "; " + after.detail(), frames, after.kept());
        } catch (IOException | RuntimeException e) {
            return result(attack, Verdict.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), frames, true);
        } finally {
            link.close();
        }
    }

    private static AttackResult result(Attack attack, Verdict verdict, String detail, List<String> frames,
                                       boolean keptAnswering) {
        return new AttackResult(attack.name(), attack.layer(), attack.kind(), verdict, detail, frames, keptAnswering);
    }

    private record After(boolean kept, String detail) {
    }

    private After after(RawLink link, Outcome o) throws IOException {
        if (!o.linkEnded()) {
            String same = probe(link);
            if (same == null) {
                return new After(true, "meter answered a correct request afterwards on the same link");
            }
            link.close();
            After fresh = freshCheck(false);
            return fresh.kept() ? new After(false, "meter stopped answering on the link after the attack ("
                    + same + "); a new link answered") : fresh;
        }
        link.close();
        return freshCheck(true);
    }

    /** @param linkEndedByMeter the meter ended the link itself, as it may; a new link must then work */
    private After freshCheck(boolean linkEndedByMeter) {
        Optional<IOException> failure = correctExchange();
        if (failure.isPresent()) {
            return new After(false, "meter stopped answering correct requests afterwards: "
                    + failure.get().getMessage());
        }
        return new After(linkEndedByMeter, "meter answered a correct request afterwards on a new link");
    }

    private Outcome attack(Attack attack, RawLink link, List<String> frames) throws IOException {
        byte[] probe = Apdus.probe();
        AttackKind kind = attack.kind();
        switch (attack.name()) {
            case "bad-flag": {
                byte[] f = link.informationFrame(RawLink.concat(HdlcFrames.LLC_REQUEST, probe), false);
                f[0] = 0x7F;
                return frame(link, f, frames, kind, "");
            }
            case "short-frame": {
                byte[] d = link.destination();
                byte[] s = link.source();
                int length = 2 + d.length + s.length + 1;
                byte[] f = new byte[length + 2];
                f[0] = (byte) HdlcFrames.FLAG;
                f[1] = (byte) HdlcFrames.FORMAT_TYPE_3;
                f[2] = (byte) length;
                System.arraycopy(d, 0, f, 3, d.length);
                System.arraycopy(s, 0, f, 3 + d.length, s.length);
                f[3 + d.length + s.length] = (byte) HdlcFrames.information(link.sendSequence(), link.receiveSequence());
                f[f.length - 1] = (byte) HdlcFrames.FLAG;
                return frame(link, f, frames, kind, "");
            }
            case "unknown-address": {
                byte[] d = link.destination();
                d[0] ^= 0x40; // another logical device: the upper address's value changes by 32
                byte[] f = HdlcFrames.encode(new HdlcFrames.Frame(false, d, link.source(),
                        HdlcFrames.information(link.sendSequence(), link.receiveSequence()),
                        RawLink.concat(HdlcFrames.LLC_REQUEST, probe)));
                return frame(link, f, frames, kind, "");
            }
            case "wrong-send-sequence":
                return frame(link, link.informationFrame(RawLink.concat(HdlcFrames.LLC_REQUEST, probe), false,
                        link.sendSequence() + 1, link.receiveSequence()), frames, kind, "");
            case "wrong-receive-sequence":
                return frame(link, link.informationFrame(RawLink.concat(HdlcFrames.LLC_REQUEST, probe), false,
                        link.sendSequence(), link.receiveSequence() + 3), frames, kind, "");
            case "info-field-too-long": {
                int length = link.meterReceiveInfo() + 32;
                if (length + 16 > HdlcFrames.MAX_LENGTH) {
                    return new Outcome(Verdict.ERROR, "the meter receives information fields of "
                            + link.meterReceiveInfo() + " bytes: no longer one fits in an HDLC frame", false);
                }
                byte[] info = Arrays.copyOf(RawLink.concat(HdlcFrames.LLC_REQUEST, probe), length);
                return frame(link, link.informationFrame(info, false), frames, kind, " (" + length
                        + " bytes where the meter receives " + link.meterReceiveInfo() + ")");
            }
            case "bad-hcs": {
                byte[] f = link.informationFrame(RawLink.concat(HdlcFrames.LLC_REQUEST, probe), false);
                f[HdlcFrames.hcsOffset(f)] ^= 0x01;
                HdlcFrames.refreshFcs(f);
                return frame(link, f, frames, kind, "");
            }
            case "bad-fcs": {
                byte[] f = link.informationFrame(RawLink.concat(HdlcFrames.LLC_REQUEST, probe), false);
                f[f.length - 3] ^= 0x01;
                return frame(link, f, frames, kind, "");
            }
            case "broken-segmentation": {
                byte[] info = RawLink.concat(HdlcFrames.LLC_REQUEST, probe);
                byte[] first = link.informationFrame(Arrays.copyOf(info, info.length / 2), true);
                frames.add("TX " + Apdus.hex(first));
                RawLink.Reply ack = link.exchangeRaw(first, silence);
                ack.frames().forEach(f -> frames.add("RX " + Apdus.hex(f)));
                if (ack.linkEnded() || ack.apdu().isPresent()) {
                    return judge(ack, " to the first segment", kind);
                }
                // The meter must take the second frame as the continuation: the reassembled APDU is nonsense,
                // so a normal answer means it served the new APDU and silently dropped the segment.
                byte[] second = link.informationFrame(info, false);
                frames.add("TX " + Apdus.hex(second));
                RawLink.Reply r = link.exchangeRaw(second, timeout);
                r.frames().forEach(f -> frames.add("RX " + Apdus.hex(f)));
                if (r.answer().map(a -> a.kind() == Apdus.Kind.DATA).orElse(false)) {
                    return new Outcome(Verdict.ACCEPTED, "meter dropped the first segment and served the new APDU: "
                            + r.describe() + why(kind, "segments must be reassembled"), r.linkEnded());
                }
                return new Outcome(Verdict.REFUSED, "reassembled and refused: " + r.describe(), r.linkEnded());
            }
            case "wrapper-version": {
                byte[] f = RawLink.wrapper(link.client(), link.server(), probe);
                f[1] = 2;
                return frame(link, f, frames, kind, "");
            }
            case "wrapper-unknown-port":
                return frame(link, RawLink.wrapper(link.client(), link.server() ^ 0x20, probe), frames, kind, "");
            case "wrong-application-context":
                return association(link, Apdus.withApplicationContext(publicAarq(null), 0x07), frames, kind);
            case "wrong-mechanism":
                return association(link, Apdus.withMechanism(publicAarq(randomPassword()), 2), frames, kind);
            case "wrong-lls-password": {
                DlmsClient lls = target.llsClient().orElseThrow();
                return association(link, Apdus.aarq(lls.address(), serverAddress, randomPassword()), frames, kind);
            }
            case "wrong-dlms-version":
                return association(link, Apdus.withDlmsVersion(publicAarq(null), 5), frames, kind);
            case "empty-conformance": {
                Outcome o = association(link, Apdus.withConformance(publicAarq(null), 0), frames, kind);
                if (o.verdict() != Verdict.ACCEPTED) {
                    return o;
                }
                RawLink.Reply get = send(link, Apdus.probe(), frames);
                boolean served = get.answer().map(a -> a.kind() == Apdus.Kind.DATA).orElse(false);
                return new Outcome(served ? Verdict.ACCEPTED : Verdict.REFUSED, "association with no service accepted, "
                        + "then a GET " + (served ? "served" + why(kind, "a service that was not negotiated")
                        : "not served: " + get.describe()), get.linkEnded());
            }
            case "truncated-apdu":
                return apdu(link, Arrays.copyOf(probe, probe.length - 4), frames, kind, false);
            case "over-long-apdu": {
                int max = link.meterMaxPdu() > 0 ? link.meterMaxPdu() : 1024;
                return apdu(link, Arrays.copyOf(probe, max + 16), frames, kind, false);
            }
            case "hidden-attribute":
                return apdu(link, Apdus.get(Apdus.CURRENT_ASSOCIATION, ObjectType.ASSOCIATION_LOGICAL_NAME,
                        Apdus.SECRET), frames, kind, true);
            default:
                throw new IllegalArgumentException("unknown attack " + attack.name());
        }
    }

    private byte[] publicAarq(byte[] password) {
        return Apdus.aarq(target.publicClient().address(), serverAddress, password);
    }

    /** 16 random printable bytes: a password no meter has, and nothing worth hiding. */
    private static byte[] randomPassword() {
        byte[] p = new byte[16];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) ('a' + RANDOM.nextInt(26));
        }
        return p;
    }

    /** Sends a broken frame as it is; any answer carrying an APDU means the meter processed it. */
    private Outcome frame(RawLink link, byte[] f, List<String> frames, AttackKind kind, String note)
            throws IOException {
        frames.add("TX " + Apdus.hex(f));
        RawLink.Reply r = link.exchangeRaw(f, silence);
        r.frames().forEach(x -> frames.add("RX " + Apdus.hex(x)));
        return judge(r, note, kind);
    }

    /** The reason an accepted test is a finding, labelled with its kind, as the detail shows it. */
    private static String why(AttackKind kind, String reason) {
        return " (" + kind + ": " + reason + ")";
    }

    private static Outcome judge(RawLink.Reply r, String note, AttackKind kind) {
        if (r.apdu().isPresent()) {
            return new Outcome(Verdict.ACCEPTED, "meter processed the frame" + note + " and answered: " + r.describe()
                    + why(kind, "the frame must be discarded"), r.linkEnded());
        }
        String how = r.silent() ? "frame discarded: " + r.link() : "frame not processed: " + r.link();
        return new Outcome(Verdict.REFUSED, how + note, r.linkEnded());
    }

    private RawLink.Reply send(RawLink link, byte[] apdu, List<String> frames) throws IOException {
        RawLink.Reply r = link.exchange(apdu);
        frames.add("TX " + Apdus.hex(apdu) + " (APDU)");
        r.frames().forEach(x -> frames.add("RX " + Apdus.hex(x)));
        return r;
    }

    private Outcome association(RawLink link, byte[] aarq, List<String> frames, AttackKind kind) throws IOException {
        RawLink.Reply r = link.associate(aarq);
        frames.add("TX " + Apdus.hex(aarq) + " (AARQ)");
        r.frames().forEach(x -> frames.add("RX " + Apdus.hex(x)));
        Optional<Apdus.Answer> a = r.answer();
        if (a.isPresent() && a.get().kind() == Apdus.Kind.ASSOCIATION_ACCEPTED) {
            return new Outcome(Verdict.ACCEPTED, a.get().detail() + why(kind, "the association must be rejected"),
                    r.linkEnded());
        }
        return new Outcome(Verdict.REFUSED, r.describe(), r.linkEnded());
    }

    /** @param secret the answer may hold a secret: its bytes are not kept as evidence */
    private Outcome apdu(RawLink link, byte[] apdu, List<String> frames, AttackKind kind, boolean secret)
            throws IOException {
        frames.add("TX " + (apdu.length > 256 ? Apdus.hex(Arrays.copyOf(apdu, 256)) + "… (" + apdu.length
                + " bytes APDU)" : Apdus.hex(apdu) + " (APDU)"));
        RawLink.Reply r = link.exchange(apdu);
        Optional<Apdus.Answer> a = r.answer();
        boolean served = a.map(x -> x.kind() == Apdus.Kind.DATA).orElse(false);
        for (byte[] x : r.frames()) {
            frames.add(served && secret ? "RX " + x.length + " bytes, withheld: they may hold the association's secret"
                    : "RX " + Apdus.hex(x));
        }
        if (served) {
            return new Outcome(Verdict.ACCEPTED, "meter answered with data: " + r.describe()
                    + why(kind, secret ? "no client may read an association's secret" : "the APDU must be refused"),
                    r.linkEnded());
        }
        return new Outcome(Verdict.REFUSED, r.describe(), r.linkEnded());
    }
}
