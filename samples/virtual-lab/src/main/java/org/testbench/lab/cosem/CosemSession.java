package org.testbench.lab.cosem;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.meter.MeterState;
import org.testbench.lab.port.DlmsSession;

/**
 * The DLMS server side of one connection: cuts the received bytes into frames, lets the security
 * gate screen each complete APDU, and hands what passes to this connection's Gurux server.
 *
 * <p>Each frame is processed while holding the meter's lock, so requests arriving on different
 * ports are served one at a time, as by a meter's single processor, and the counter check and the
 * processing of a frame are atomic.
 */
abstract class CosemSession implements DlmsSession {

    private static final Logger LOG = LoggerFactory.getLogger(CosemSession.class);

    protected final MeterState state;
    protected final MeterCosemServer server;
    protected final String connectionName;
    private final SecurityGate gate;
    /** The client's system title from the last accepted AARQ of this connection. */
    private Optional<byte[]> clientSystemTitle = Optional.empty();
    private volatile boolean linkReleased;

    CosemSession(MeterState state, SecurityGate gate, MeterCosemServer server, String connectionName) {
        this.state = state;
        this.gate = gate;
        this.server = server;
        this.connectionName = connectionName;
    }

    @Override
    public final byte[] onReceived(byte[] data, int length) {
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        for (byte[] frame : split(data, length)) {
            // Only the length of what the client sent: an AARQ carries an LLS password in clear.
            LOG.trace("{} <- {} bytes", connectionName, frame.length);
            byte[] reply = state.exclusively(() -> onFrame(frame));
            if (reply != null && reply.length > 0) {
                if (LOG.isTraceEnabled()) {
                    LOG.trace("{} -> {}", connectionName, Hex.of(reply));
                }
                replies.writeBytes(reply);
            }
        }
        return replies.toByteArray();
    }

    /** Cuts received bytes into complete frames. */
    protected abstract List<byte[]> split(byte[] data, int length);

    /** Answers one complete frame; null or empty when there is nothing to send. */
    protected abstract byte[] onFrame(byte[] frame);

    /** Runs the security gate over a complete APDU from {@code clientAddress}. */
    protected final SecurityGate.Verdict screen(int clientAddress, byte[] apdu) {
        SecurityGate.Verdict verdict = gate.evaluate(clientAddress, apdu, clientSystemTitle);
        if (verdict.outcome() == SecurityGate.Outcome.ACCEPTED
                && verdict.apdu().kind() == ProtectedApdu.Kind.ASSOCIATION_REQUEST) {
            clientSystemTitle = verdict.apdu().senderSystemTitle();
        }
        return verdict;
    }

    /** True for an APDU longer than the meter receives (its max receive PDU size, announced in the AARE). */
    protected final boolean tooLong(byte[] apdu) {
        return apdu.length > server.getMaxReceivePDUSize();
    }

    /** The EXCEPTION-Response a rejected APDU gets instead of being processed. */
    protected final byte[] rejectionApdu(SecurityGate.Verdict verdict) {
        return verdict.outcome() == SecurityGate.Outcome.REPLAYED
                ? ExceptionResponse.invocationCounterError(state.lowestFreshInvocationCounter())
                : ExceptionResponse.decipheringError();
    }

    /**
     * Lets Gurux process a frame.
     *
     * @param protectedApdu whether the frame's APDU arrived ciphered and was accepted by the gate
     * @return Gurux's reply, or null; after a Gurux failure the link is released
     */
    protected final byte[] passToGurux(byte[] frame, boolean protectedApdu) {
        server.beforeFrame(protectedApdu);
        try {
            return server.handleRequest(frame);
        } catch (Exception e) {
            // Gurux keeps half-parsed data after an exception and misreads every later frame: start over.
            LOG.warn("{}: the DLMS stack failed on a frame ({}); the link is reset", connectionName, e.toString());
            server.reset();
            releaseLink();
            return null;
        } finally {
            server.afterFrame();
        }
    }

    protected final void releaseLink() {
        linkReleased = true;
    }

    @Override
    public final boolean isLinkReleased() {
        return linkReleased;
    }

    @Override
    public final void close() {
        try {
            server.close();
        } catch (Exception e) {
            LOG.debug("{}: closing the DLMS server failed: {}", connectionName, e.toString());
        }
    }
}
