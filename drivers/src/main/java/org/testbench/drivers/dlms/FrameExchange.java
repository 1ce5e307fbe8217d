package org.testbench.drivers.dlms;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSConfirmedServiceError;
import gurux.dlms.GXDLMSException;
import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.transport.Transport;

/**
 * Sends the frames Gurux builds and collects the meter's answer until Gurux has a complete frame,
 * following "more data" blocks. Counts every frame and byte. Frame bytes are logged at TRACE only
 * and only their sizes: ciphered frames carry authentication tags, and nothing here must help to
 * attack a meter's keys. Every frame goes to the session's {@link FrameLog}, its authentication
 * values withheld ({@link FrameRedaction}): the one place frames leave the driver as evidence.
 */
final class FrameExchange {

    private static final Logger LOG = LoggerFactory.getLogger(FrameExchange.class);
    /** More than this without a complete frame means we are reading noise, not a meter. */
    private static final int MAX_PENDING_BYTES = 64 * 1024;
    /** Version, source and destination port, length: 2 bytes each. */
    private static final int WRAPPER_HEADER = 8;
    private static final byte HDLC_FLAG = 0x7E;

    private final Transport transport;
    private final GXDLMSSecureClient client;
    private final Duration timeout;
    private final FrameLog frameLog;
    private final FrameRedaction redaction;
    private final byte[] buffer = new byte[2048];
    private long sent;
    private long received;
    private long bytesSent;
    private long bytesReceived;

    FrameExchange(Transport transport, GXDLMSSecureClient client, SessionOptions options) {
        this.transport = transport;
        this.client = client;
        this.timeout = options.responseTimeout();
        this.frameLog = options.frameLog();
        this.redaction = new FrameRedaction(client.getInterfaceType() == InterfaceType.HDLC ? DlmsFraming.HDLC
                : DlmsFraming.WRAPPER);
    }

    /** Records a frame sent outside {@link #request} (a crafted one), made safe like the others. */
    void recordSent(byte[] frame) {
        frameLog.record(new FrameLog.Frame(Instant.now(), FrameLog.Direction.SENT,
                redaction.sent(frame, frame.length), frame.length));
    }

    /** Records what came back outside {@link #request}, a complete frame or not. */
    void recordReceived(byte[] data, int length) {
        if (length > 0) {
            frameLog.record(new FrameLog.Frame(Instant.now(), FrameLog.Direction.RECEIVED,
                    redaction.received(data, length), length));
        }
    }

    /** Sends each request (Gurux splits long ones) and leaves the last complete answer in {@code reply}. */
    void request(byte[][] frames, GXReplyData reply, String what) throws IOException {
        for (byte[] frame : frames) {
            reply.clear();
            request(frame, reply, what);
        }
    }

    void request(byte[] frame, GXReplyData reply, String what) throws IOException {
        byte[] next = frame;
        while (true) {
            exchangeOne(next, reply, what);
            if (!reply.isMoreData()) {
                break;
            }
            try {
                next = client.receiverReady(reply);
            } catch (RuntimeException e) {
                throw new DeviceException(Fault.GARBLED, transport.address().toString(),
                        what + ": cannot continue a block transfer: " + e.getMessage(), e);
            }
        }
        if (reply.getError() != 0) {
            throw classify(reply.getError(), what);
        }
    }

    private void exchangeOne(byte[] frame, GXReplyData reply, String what) throws IOException {
        recordSent(frame);
        transport.write(frame);
        sent++;
        bytesSent += frame.length;
        LOG.trace("{} TX {} bytes ({})", transport.address(), frame.length, what);

        GXReplyData notify = new GXReplyData();
        GXByteBuffer pending = new GXByteBuffer();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            int n = left <= 0 ? 0 : transport.read(buffer, 0, buffer.length, Duration.ofNanos(left));
            if (n == 0) {
                recordReceived(pending.array(), pending.size());
                if (pending.size() == 0) {
                    throw new DeviceException(Fault.NO_ANSWER, transport.address().toString(),
                            "no answer from the meter within " + timeout.toMillis() + " ms (" + what + ")");
                }
                throw new DeviceException(Fault.GARBLED, transport.address().toString(), "no complete DLMS frame within "
                        + timeout.toMillis() + " ms (" + what + "); received " + pending.size() + " bytes starting "
                        + head(pending));
            }
            bytesReceived += n;
            pending.position(0);
            pending.set(buffer, 0, n);
            dropHdlcFill(pending);
            if (pending.size() > MAX_PENDING_BYTES) {
                throw new DeviceException(Fault.GARBLED, transport.address().toString(),
                        "more than " + MAX_PENDING_BYTES + " bytes without a valid DLMS frame (" + what + ")");
            }
            // What came on the wire, before Gurux deciphers anything: the evidence keeps ciphertext.
            byte[] wire = java.util.Arrays.copyOf(pending.array(), pending.size());
            boolean complete;
            try {
                complete = client.getData(pending, reply, notify);
            } catch (GXDLMSExceptionResponse e) {
                received++;
                recordReceived(wire, wire.length);
                throw new DeviceException(Fault.REJECTED, transport.address().toString(), what
                        + ": meter answered with an exception response (" + e.getExceptionServiceError() + ", "
                        + e.getStateError() + ")", e);
            } catch (GXDLMSConfirmedServiceError e) {
                received++;
                recordReceived(wire, wire.length);
                throw new DeviceException(Fault.REJECTED, transport.address().toString(),
                        what + ": meter answered with a service error (" + e.getServiceError() + ")", e);
            } catch (GXDLMSException e) {
                received++;
                recordReceived(wire, wire.length);
                throw classify(e.getErrorCode(), what + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                recordReceived(wire, wire.length);
                throw new DeviceException(Fault.GARBLED, transport.address().toString(),
                        what + ": malformed frame from the meter (" + e.getMessage() + ")", e);
            } catch (Exception e) {
                recordReceived(wire, wire.length);
                // Gurux declares checked crypto exceptions: a tag or key mismatch on our side.
                throw new DeviceException(Fault.AUTHENTICATION_FAILED, transport.address().toString(),
                        what + ": cannot decipher the meter's answer (" + e.getClass().getSimpleName() + ")", e);
            }
            if (complete) {
                received++;
                recordReceived(wire, wire.length);
                LOG.trace("{} RX {} bytes ({})", transport.address(), pending.size(), what);
                checkWrapperFrame(pending, what);
                return;
            }
        }
    }

    /**
     * HDLC allows flags between frames as fill, and a frame never starts with two: keep one. Gurux's parser
     * recurses once per flag, so a peer flooding flags would otherwise overflow the stack before the pending
     * limit is reached. (Only leading flags: inside a frame 0x7E is ordinary data, DLMS's HDLC has no stuffing.)
     */
    private void dropHdlcFill(GXByteBuffer pending) {
        if (client.getInterfaceType() != InterfaceType.HDLC || pending.size() < 2) {
            return;
        }
        byte[] all = pending.array();
        int fill = 0;
        while (fill + 1 < pending.size() && all[fill] == HDLC_FLAG && all[fill + 1] == HDLC_FLAG) {
            fill++;
        }
        if (fill > 0) {
            byte[] rest = java.util.Arrays.copyOfRange(all, fill, pending.size());
            pending.clear();
            pending.set(rest);
            pending.position(0);
        }
    }

    /**
     * Gurux takes a wrapper frame's length field at its word and decodes whatever APDU that leaves: a length one
     * byte short gives a value cut short, decoded as 0 or null. A frame must account for exactly the bytes that
     * came, and its APDU for exactly the frame's content.
     */
    private void checkWrapperFrame(GXByteBuffer frame, String what) throws DeviceException {
        if (client.getInterfaceType() != InterfaceType.WRAPPER || frame.size() < WRAPPER_HEADER) {
            return;
        }
        byte[] all = frame.array();
        int declared = (all[6] & 0xFF) << 8 | (all[7] & 0xFF);
        if (frame.size() != WRAPPER_HEADER + declared) {
            throw new DeviceException(Fault.GARBLED, transport.address().toString(), what
                    + ": inconsistent wrapper frame from the meter: its length field says " + declared + " bytes, "
                    + (frame.size() - WRAPPER_HEADER) + " came");
        }
        byte[] apdu = java.util.Arrays.copyOfRange(all, WRAPPER_HEADER, WRAPPER_HEADER + declared);
        Optional<String> problem = ApduCompleteness.problem(apdu);
        if (problem.isPresent()) {
            throw new DeviceException(Fault.GARBLED, transport.address().toString(),
                    what + ": the meter sent " + problem.get());
        }
    }

    private static String head(GXByteBuffer data) {
        byte[] all = data.array();
        int n = Math.min(16, data.size());
        return HexFormat.ofDelimiter(" ").formatHex(all, 0, n) + (data.size() > n ? " ..." : "");
    }

    DeviceException classify(int errorCode, String what) {
        return classify(errorCode, what + ": " + describe(errorCode), null);
    }

    private DeviceException classify(int errorCode, String message, Throwable cause) {
        Fault fault;
        if (errorCode == ErrorCode.READ_WRITE_DENIED.getValue() || errorCode == ErrorCode.ACCESS_VIOLATED.getValue()) {
            fault = Fault.ACCESS_DENIED;
        } else if (errorCode == ErrorCode.UNDEFINED_OBJECT.getValue()
                || errorCode == ErrorCode.UNAVAILABLE_OBJECT.getValue()) {
            fault = Fault.OBJECT_UNDEFINED;
        } else {
            fault = Fault.REJECTED;
        }
        return new DeviceException(fault, transport.address().toString(), message, cause);
    }

    private static String describe(int errorCode) {
        try {
            return ErrorCode.forValue(errorCode).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " (" + errorCode + ")";
        } catch (RuntimeException e) {
            return "error " + errorCode;
        }
    }

    FrameCount count() {
        return new FrameCount(sent, received, bytesSent, bytesReceived);
    }
}
