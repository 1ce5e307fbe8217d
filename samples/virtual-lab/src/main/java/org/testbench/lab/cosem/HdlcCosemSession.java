package org.testbench.lab.cosem;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import gurux.dlms.ConnectionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.meter.LinkWeakness;
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
    /** A weak meter's link after an over-long information field: nothing is answered any more. */
    private boolean mute;

    HdlcCosemSession(MeterState state, SecurityGate gate, MeterCosemServer server, String connectionName) {
        super(state, gate, server, connectionName);
    }

    @Override
    protected List<byte[]> split(byte[] data, int length) {
        return reader.feed(data, length);
    }

    @Override
    protected byte[] onFrame(byte[] raw) {
        if (mute) {
            return null;
        }
        Optional<HdlcFrame> parsed = HdlcFrame.parse(raw);
        if (parsed.isEmpty() && weak(LinkWeakness.ANSWERS_BAD_FCS)) {
            raw = HdlcFrame.withCorrectFcs(raw);
            parsed = HdlcFrame.parse(raw);
            parsed.ifPresent(f -> LOG.warn("{}: weak meter: processing a frame with a bad FCS", connectionName));
        }
        if (parsed.isEmpty() || parsed.get().destinationAddress() != state.identity().hdlcServerAddress()) {
            // Damaged (a check sequence fails) or for another station: discarded, as IEC 62056-46 wants.
            // Gurux does not check the HCS and answers some damaged frames, so it never sees them.
            LOG.debug("{}: frame discarded ({})", connectionName, parsed.isEmpty() ? "damaged" : "another address");
            return null;
        }
        HdlcFrame frame = parsed.get();
        if (frame.isDisconnect()) {
            return disconnect(raw);
        }
        if (!frame.isInformationTransfer()) {
            return passToGurux(raw, false);
        }
        int maxInformation = server.getHdlcSettings().getMaxInfoRX();
        if (frame.information().length > maxInformation) {
            if (weak(LinkWeakness.MUTE_AFTER_LONG_INFO_FIELD)) {
                LOG.warn("{}: weak meter: silent on this link after an information field of {} bytes", connectionName,
                        frame.information().length);
                mute = true;
                return null;
            }
            // Longer than negotiated: discarded; the client sends it again within the limit.
            LOG.info("{}: I-frame with {} bytes of information discarded (at most {})", connectionName,
                    frame.information().length, maxInformation);
            return null;
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

        byte[] rejection;
        if (tooLong(apdu)) {
            rejection = ExceptionResponse.pduTooLong();
        } else {
            SecurityGate.Verdict verdict = screen(frame.sourceAddress(), apdu);
            if (!verdict.rejected()) {
                return passToGurux(raw, verdict.outcome() == SecurityGate.Outcome.ACCEPTED);
            }
            rejection = rejectionApdu(verdict);
        }
        if (segments > 1) {
            // Gurux already buffered the first segments and cannot forget only them: the meter ends the link.
            LOG.warn("{}: rejected a segmented APDU; the HDLC link is ended (DM)", connectionName);
            server.reset();
            releaseLink();
            return frame.disconnectedModeResponse();
        }
        return answerInstead(frame, rejection);
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

    private boolean weak(LinkWeakness weakness) {
        return state.identity().type().has(weakness);
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
