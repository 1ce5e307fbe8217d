package org.testbench.lab.cosem;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import gurux.dlms.ConnectionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.meter.MeterState;

/**
 * A DLMS session with HDLC framing (the optical port after mode E).
 *
 * <p>An APDU can span several I-frames; it is screened when its last segment arrives. Gurux must
 * see every I-frame, or its sequence numbers drift from the client's and the link is lost. So when
 * the meter answers a rejected APDU itself, Gurux processes a harmless probe in the rejected
 * frame's place and the meter replaces the information field of Gurux's reply (same control field,
 * same sequence numbers) with its own EXCEPTION-Response.
 */
final class HdlcCosemSession extends CosemSession {

    private static final Logger LOG = LoggerFactory.getLogger(HdlcCosemSession.class);

    /**
     * A plain get-request for the invocation counter: it has no side effect, and Gurux answers it
     * in every state of an HDLC link (with data, read-write-denied or an exception response).
     */
    private static final byte[] PROBE_APDU = {(byte) 0xC0, 0x01, (byte) 0xC1, 0x00, 0x01, 0x00, 0x00, 0x2B, 0x01,
        0x00, (byte) 0xFF, 0x02, 0x00};

    private final HdlcFrameReader reader = new HdlcFrameReader();
    private final ByteArrayOutputStream apduInProgress = new ByteArrayOutputStream();
    private int segmentsInProgress;

    HdlcCosemSession(MeterState state, SecurityGate gate, MeterCosemServer server, String connectionName) {
        super(state, gate, server, connectionName);
    }

    @Override
    protected List<byte[]> split(byte[] data, int length) {
        return reader.feed(data, length);
    }

    @Override
    protected byte[] onFrame(byte[] raw) {
        Optional<HdlcFrame> parsed = HdlcFrame.parse(raw);
        if (parsed.isEmpty() || parsed.get().destinationAddress() != state.identity().hdlcServerAddress()) {
            // Not for this meter or damaged: Gurux ignores it the way the standard says.
            return passToGurux(raw, false);
        }
        HdlcFrame frame = parsed.get();
        if (frame.isDisconnect()) {
            return disconnect(raw);
        }
        if (!frame.isInformationTransfer()) {
            return passToGurux(raw, false);
        }
        collectSegment(frame);
        if (frame.segmented()) {
            // Gurux acknowledges the segment; the APDU is screened once it is complete.
            return passToGurux(raw, false);
        }
        byte[] apdu = apduInProgress.toByteArray();
        int segments = segmentsInProgress;
        apduInProgress.reset();
        segmentsInProgress = 0;

        SecurityGate.Verdict verdict = screen(frame.sourceAddress(), apdu);
        if (!verdict.rejected()) {
            return passToGurux(raw, verdict.outcome() == SecurityGate.Outcome.ACCEPTED);
        }
        if (segments > 1) {
            // Gurux already buffered the first segments and cannot forget only them.
            LOG.warn("{}: rejected a segmented APDU; the HDLC link is dropped", connectionName);
            server.reset();
            releaseLink();
            return null;
        }
        return answerInstead(frame, rejectionApdu(verdict));
    }

    private byte[] disconnect(byte[] raw) {
        boolean linkWasUp = (server.getConnectionState() & ConnectionState.HDLC) != 0;
        apduInProgress.reset();
        segmentsInProgress = 0;
        byte[] reply = passToGurux(raw, false);
        if (linkWasUp) {
            // A DISC before any SNRM only clears a stale link; one after it ends the session.
            releaseLink();
        }
        return reply;
    }

    private void collectSegment(HdlcFrame frame) {
        byte[] information = frame.information();
        int offset = 0;
        if (segmentsInProgress == 0 && startsWith(information, HdlcFrame.LLC_REQUEST)) {
            offset = HdlcFrame.LLC_REQUEST.length;
        }
        apduInProgress.write(information, offset, information.length - offset);
        segmentsInProgress++;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private byte[] answerInstead(HdlcFrame rejected, byte[] answer) {
        byte[] probe = rejected.withInformation(concat(HdlcFrame.LLC_REQUEST, PROBE_APDU)).encode();
        byte[] guruxReply = passToGurux(probe, false);
        if (guruxReply == null) {
            return null;
        }
        Optional<HdlcFrame> reply = HdlcFrame.parse(guruxReply);
        if (reply.isEmpty() || !reply.get().isInformationTransfer()) {
            LOG.warn("{}: no I-frame to carry the rejection; the frame stays unanswered", connectionName);
            return null;
        }
        return reply.get().withInformation(concat(HdlcFrame.LLC_RESPONSE, answer)).encode();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
