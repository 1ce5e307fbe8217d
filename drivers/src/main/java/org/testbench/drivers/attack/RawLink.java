package org.testbench.drivers.attack;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.transport.Transport;

/**
 * A link to a meter on which the bench frames every APDU itself (HDLC with its own sequence numbers, or
 * the wrapper), so that one frame at a time can be broken on purpose and the meter's exact answer seen.
 * Only the SNRM comes from Gurux (its addresses and link parameters are the correct ones).
 *
 * <p>Sequence numbers follow the meter: after each exchange the next N(S) is the meter's N(R) and the next
 * N(R) follows its last I-frame, so a frame the meter discarded is simply sent again correctly.
 */
final class RawLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RawLink.class);
    private static final int WRAPPER_VERSION = 1;
    /** HDLC's default information field length when the UA negotiates none (IEC 62056-46). */
    private static final int DEFAULT_INFO_LENGTH = 128;

    private final MeterChannel channel;
    private final Transport transport;
    private final DlmsFraming framing;
    private final int client;
    private final int server;
    private final Duration timeout;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[4096];
    /** HDLC: the address fields as Gurux encodes them for this client and server. */
    private byte[] destination = new byte[0];
    private byte[] source = new byte[0];
    private int sendSequence;
    private int receiveSequence;
    /** The longest information field the meter receives, as its UA says. */
    private int meterReceiveInfo = DEFAULT_INFO_LENGTH;
    private int meterMaxPdu = -1;
    private boolean lost;
    private boolean closed;

    /** What came back for one request: the frames, the answer APDU if any, and what the link did. */
    record Reply(List<byte[]> frames, Optional<byte[]> apdu, String link, boolean linkEnded) {

        boolean silent() {
            return frames.isEmpty() && !linkEnded;
        }

        Optional<Apdus.Answer> answer() {
            return apdu.map(Apdus::read);
        }

        String describe() {
            return apdu.map(a -> link + ": " + Apdus.read(a).detail()).orElse(link);
        }
    }

    private RawLink(MeterChannel channel, Transport transport, int client, int server, Duration timeout) {
        this.channel = channel;
        this.transport = transport;
        this.framing = channel.framing();
        this.client = client;
        this.server = server;
        this.timeout = timeout;
    }

    /**
     * Opens the channel and, over HDLC, connects the link (SNRM/UA). No association yet.
     *
     * @param server the server address as Gurux combines it for this framing
     */
    static RawLink connect(MeterChannel channel, int client, int server, Duration timeout) throws IOException {
        Transport transport = channel.connect();
        RawLink link = new RawLink(channel, transport, client, server, timeout);
        try {
            if (link.framing == DlmsFraming.HDLC) {
                link.connectHdlc();
            }
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private void connectHdlc() throws IOException {
        GXDLMSClient c = new GXDLMSClient(true, client, server, Authentication.NONE, null, InterfaceType.HDLC);
        byte[] snrm = c.snrmRequest();
        int p = 3;
        int dl = HdlcFrames.addressLength(snrm, p);
        destination = Arrays.copyOfRange(snrm, p, p + dl);
        p += dl;
        int sl = HdlcFrames.addressLength(snrm, p);
        source = Arrays.copyOfRange(snrm, p, p + sl);
        Reply ua = exchangeRaw(snrm, timeout);
        HdlcFrames.Frame frame = ua.frames().isEmpty() ? null : HdlcFrames.decode(ua.frames().get(0)).orElse(null);
        if (frame == null || frame.unnumbered() != HdlcFrames.UA) {
            throw new DeviceException(ua.frames().isEmpty() ? Fault.NO_ANSWER : Fault.REJECTED, channel.describe(),
                    "HDLC connect (SNRM): " + (frame == null ? "no UA within " + timeout.toMillis() + " ms"
                    : "answered " + frame.describe()));
        }
        meterReceiveInfo = uaParameter(frame.information(), 0x06).orElse(DEFAULT_INFO_LENGTH);
        sendSequence = 0;
        receiveSequence = 0;
    }

    /** A parameter of the UA's information field (0x05 max info transmit, 0x06 max info receive...). */
    private static Optional<Integer> uaParameter(byte[] info, int id) {
        if (info.length < 3 || (info[0] & 0xFF) != 0x81 || (info[1] & 0xFF) != 0x80) {
            return Optional.empty();
        }
        int p = 3;
        while (p + 1 < info.length) {
            int pid = info[p] & 0xFF;
            int len = info[p + 1] & 0xFF;
            if (p + 2 + len > info.length) {
                return Optional.empty();
            }
            if (pid == id) {
                int v = 0;
                for (int i = 0; i < len; i++) {
                    v = v << 8 | (info[p + 2 + i] & 0xFF);
                }
                return Optional.of(v);
            }
            p += 2 + len;
        }
        return Optional.empty();
    }

    DlmsFraming framing() {
        return framing;
    }

    int meterReceiveInfo() {
        return meterReceiveInfo;
    }

    /** The meter's max receive PDU size from its AARE; -1 before an association. */
    int meterMaxPdu() {
        return meterMaxPdu;
    }

    /** Associates with this AARQ; returns the meter's reply (its AARE or nothing). */
    Reply associate(byte[] aarq) throws IOException {
        Reply reply = exchange(aarq);
        reply.apdu().filter(a -> a.length > 0 && (a[0] & 0xFF) == 0x61)
                .ifPresent(aare -> meterMaxPdu = Apdus.serverMaxPdu(aare));
        return reply;
    }

    /** Sends an APDU correctly framed (segmented over HDLC where it is longer than the meter receives). */
    Reply exchange(byte[] apdu) throws IOException {
        if (framing == DlmsFraming.WRAPPER) {
            return exchangeRaw(wrapper(client, server, apdu), timeout);
        }
        byte[] info = concat(HdlcFrames.LLC_REQUEST, apdu);
        int size = Math.max(16, meterReceiveInfo);
        for (int from = 0; from < info.length; from += size) {
            int to = Math.min(info.length, from + size);
            boolean last = to == info.length;
            byte[] frame = informationFrame(Arrays.copyOfRange(info, from, to), !last);
            Reply reply = exchangeRaw(frame, timeout);
            if (last || reply.linkEnded() || reply.frames().isEmpty() || reply.apdu().isPresent()) {
                return reply;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** An I-frame with the current sequence numbers, not yet sent. */
    byte[] informationFrame(byte[] information, boolean segmented) {
        return HdlcFrames.encode(new HdlcFrames.Frame(segmented, destination, source,
                HdlcFrames.information(sendSequence, receiveSequence), information));
    }

    byte[] informationFrame(byte[] information, boolean segmented, int ns, int nr) {
        return HdlcFrames.encode(new HdlcFrames.Frame(segmented, destination, source,
                HdlcFrames.information(ns, nr), information));
    }

    int sendSequence() {
        return sendSequence;
    }

    int receiveSequence() {
        return receiveSequence;
    }

    byte[] destination() {
        return destination.clone();
    }

    byte[] source() {
        return source.clone();
    }

    static byte[] wrapper(int source, int destination, byte[] apdu) {
        byte[] f = new byte[8 + apdu.length];
        f[1] = WRAPPER_VERSION;
        f[2] = (byte) (source >> 8);
        f[3] = (byte) source;
        f[4] = (byte) (destination >> 8);
        f[5] = (byte) destination;
        f[6] = (byte) (apdu.length >> 8);
        f[7] = (byte) apdu.length;
        System.arraycopy(apdu, 0, f, 8, apdu.length);
        return f;
    }

    /** The client SAP and the server address of the wrapper (or as Gurux combines it for HDLC). */
    int client() {
        return client;
    }

    int server() {
        return server;
    }

    /**
     * Sends bytes exactly as given and collects the meter's answer: over HDLC every frame until an I-frame,
     * a frame that ends the link, or {@code wait} without a byte; over the wrapper one frame.
     */
    Reply exchangeRaw(byte[] bytes, Duration wait) throws IOException {
        if (lost) {
            return new Reply(List.of(), Optional.empty(), "connection already closed by the meter", true);
        }
        transport.write(bytes);
        List<byte[]> frames = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            int n;
            try {
                n = left <= 0 ? 0 : transport.read(buffer, 0, buffer.length, Duration.ofNanos(left));
            } catch (DeviceException e) {
                if (e.fault() != Fault.CONNECTION_LOST) {
                    throw e;
                }
                lost = true;
                return new Reply(frames, Optional.empty(), "the meter closed the connection", true);
            }
            if (n == 0) {
                return new Reply(frames, Optional.empty(), frames.isEmpty() ? "no answer within " + wait.toMillis()
                        + " ms" : "no further frame within " + wait.toMillis() + " ms", false);
            }
            pending.write(buffer, 0, n);
            Optional<Reply> done = framing == DlmsFraming.HDLC ? hdlcFrames(frames) : wrapperFrame(frames);
            if (done.isPresent()) {
                return done.get();
            }
        }
    }

    private Optional<Reply> hdlcFrames(List<byte[]> frames) throws IOException {
        for (byte[] raw : HdlcFrames.cut(pending)) {
            frames.add(raw);
            Optional<HdlcFrames.Frame> decoded = HdlcFrames.decode(raw);
            if (decoded.isEmpty()) {
                LOG.debug("{}: a damaged frame from the meter", channel.describe());
                continue;
            }
            HdlcFrames.Frame f = decoded.get();
            if (f.isInformation()) {
                sendSequence = f.receiveSequence();
                receiveSequence = (f.sendSequence() + 1) & 0x07;
                byte[] info = f.information();
                int skip = info.length >= 3 && Arrays.equals(info, 0, 3, HdlcFrames.LLC_RESPONSE, 0, 3) ? 3 : 0;
                byte[] apdu = Arrays.copyOfRange(info, skip, info.length);
                if (f.segmented()) {
                    // The meter's answer goes on in the next segment, which a RR asks for.
                    byte[] rest = collectSegments(frames);
                    apdu = concat(apdu, rest);
                }
                return Optional.of(new Reply(frames, Optional.of(apdu), f.describe(), false));
            }
            if (f.isSupervisory()) {
                sendSequence = f.receiveSequence();
                return Optional.of(new Reply(frames, Optional.empty(), f.describe(), false));
            }
            int u = f.unnumbered();
            if (u == HdlcFrames.UA) {
                return Optional.of(new Reply(frames, Optional.empty(), "UA", false));
            }
            return Optional.of(new Reply(frames, Optional.empty(), f.describe(), u == HdlcFrames.DM
                    || u == HdlcFrames.FRMR));
        }
        return Optional.empty();
    }

    private byte[] collectSegments(List<byte[]> frames) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            byte[] rr = HdlcFrames.encode(new HdlcFrames.Frame(false, destination, source,
                    HdlcFrames.receiveReady(receiveSequence), new byte[0]));
            Reply next = exchangeRaw(rr, timeout);
            frames.addAll(next.frames());
            if (next.apdu().isEmpty()) {
                break;
            }
            rest.writeBytes(next.apdu().get());
            HdlcFrames.Frame last = HdlcFrames.decode(next.frames().get(next.frames().size() - 1)).orElse(null);
            if (last == null || !last.segmented()) {
                break;
            }
        }
        return rest.toByteArray();
    }

    private Optional<Reply> wrapperFrame(List<byte[]> frames) {
        byte[] data = pending.toByteArray();
        if (data.length < 8) {
            return Optional.empty();
        }
        int length = (data[6] & 0xFF) << 8 | (data[7] & 0xFF);
        if (data.length < 8 + length) {
            return Optional.empty();
        }
        byte[] frame = Arrays.copyOf(data, 8 + length);
        pending.reset();
        pending.write(data, frame.length, data.length - frame.length);
        frames.add(frame);
        return Optional.of(new Reply(frames, Optional.of(Arrays.copyOfRange(frame, 8, frame.length)), "wrapper frame",
                false));
    }

    /** Sends a correct DISC (HDLC) and closes the transport; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (framing == DlmsFraming.HDLC && !lost) {
                byte[] disc = HdlcFrames.encode(new HdlcFrames.Frame(false, destination, source,
                        HdlcFrames.DISC | HdlcFrames.POLL_FINAL, new byte[0]));
                exchangeRaw(disc, Duration.ofMillis(Math.min(500, timeout.toMillis())));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: disconnect failed: {}", channel.describe(), e.getMessage());
        } finally {
            transport.close();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
