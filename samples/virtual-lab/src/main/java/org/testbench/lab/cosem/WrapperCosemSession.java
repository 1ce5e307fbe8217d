package org.testbench.lab.cosem;

import java.util.List;

import org.testbench.lab.meter.MeterState;

/**
 * A DLMS session with the TCP wrapper (the AMI port). The wrapper has no sequence numbers, so a
 * rejected APDU is simply answered by the meter and never reaches Gurux.
 */
final class WrapperCosemSession extends CosemSession {

    private final WrapperFrameReader reader = new WrapperFrameReader();

    WrapperCosemSession(MeterState state, SecurityGate gate, MeterCosemServer server, String connectionName) {
        super(state, gate, server, connectionName);
    }

    @Override
    protected List<byte[]> split(byte[] data, int length) {
        List<byte[]> frames = reader.feed(data, length);
        if (reader.broken()) {
            // TCP has no flags to find the next frame by: after a header that is not version 1 the meter closes.
            releaseLink();
        }
        return frames;
    }

    @Override
    protected byte[] onFrame(byte[] raw) {
        WrapperFrame frame = WrapperFrame.parse(raw);
        if (frame.destination() != state.identity().type().logicalAddress()
                || state.identity().type().client(frame.source()).isEmpty()) {
            // For a wrapper port the meter does not have, or from a client it does not know: discarded.
            return null;
        }
        if (tooLong(frame.apdu())) {
            return new WrapperFrame(frame.destination(), frame.source(), ExceptionResponse.pduTooLong()).encode();
        }
        SecurityGate.Verdict verdict = screen(frame.source(), frame.apdu());
        if (!verdict.rejected()) {
            return passToGurux(raw, verdict.outcome() == SecurityGate.Outcome.ACCEPTED);
        }
        return new WrapperFrame(frame.destination(), frame.source(), rejectionApdu(verdict)).encode();
    }
}
