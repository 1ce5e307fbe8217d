package org.testbench.lab.mdms.headend;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSException;
import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.secure.GXDLMSSecureClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a meter's AMI port carrying one DLMS association, driven by a Gurux
 * client. Every failure comes out classified: {@link MeterUnreachableException} when the network
 * did not deliver an answer, {@link MeterRejectedException} when the meter answered with an error.
 *
 * <p>Not thread-safe: one operation uses one connection; the {@link HeadEnd} serialises access to
 * a meter.
 */
final class AmiConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmiConnection.class);
    private static final int RECEIVE_BUFFER = 2048;

    private final String serial;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final GXDLMSSecureClient client;

    private AmiConnection(String serial, Socket socket, GXDLMSSecureClient client) throws IOException {
        this.serial = serial;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.client = client;
    }

    /** Connects; a refused or silent port is an unreachable meter. */
    static AmiConnection open(AmiTarget target, GXDLMSSecureClient client, Duration connectTimeout,
            Duration replyTimeout) throws MeterUnreachableException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) replyTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return new AmiConnection(target.serial(), socket, client);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new MeterUnreachableException(target.serial(),
                    "cannot connect to the AMI port of meter " + target.serial() + ": " + describe(e), e);
        }
    }

    GXDLMSSecureClient gurux() {
        return client;
    }

    /** AARQ/AARE and, for HLS-GMAC, the challenge exchange (pass 3 and 4). */
    void associate() throws HeadEndException {
        call("association", () -> {
            GXReplyData aare = new GXReplyData();
            for (byte[] request : client.aarqRequest()) {
                aare.clear();
                exchange(request, aare);
            }
            client.parseAareResponse(aare.getData());
            if (client.getAuthentication().getValue() > Authentication.LOW.getValue()) {
                GXReplyData reply = new GXReplyData();
                for (byte[] request : client.getApplicationAssociationRequest()) {
                    reply.clear();
                    exchange(request, reply);
                }
                client.parseApplicationAssociationResponse(reply.getData());
            }
            return null;
        });
    }

    /** Reads one attribute into the object (Gurux applies scalers it already knows). */
    Object read(GXDLMSObject object, int attribute) throws HeadEndException {
        return call("read of " + object.getLogicalName() + "/" + attribute, () -> {
            GXReplyData reply = transfer(client.read(object, attribute));
            return client.updateValue(object, attribute, reply.getValue());
        });
    }

    /** Reads several attributes in one get-request-with-list. */
    void readList(List<Map.Entry<GXDLMSObject, Integer>> attributes) throws HeadEndException {
        call("read of " + attributes.size() + " attributes", () -> {
            List<Object> values = new ArrayList<>();
            for (byte[] request : client.readList(attributes)) {
                GXReplyData reply = transfer(new byte[][] {request});
                if (reply.getValue() != null) {
                    values.addAll((List<?>) reply.getValue());
                }
            }
            client.updateValues(attributes, values);
            return null;
        });
    }

    /** Writes one attribute from the object's current value. */
    void write(GXDLMSObject object, int attribute) throws HeadEndException {
        call("write of " + object.getLogicalName() + "/" + attribute, () -> {
            transfer(client.write(object, attribute));
            return null;
        });
    }

    /** Invokes a method; the request comes from a Gurux object helper (e.g. remoteDisconnect). */
    void invoke(String what, Invocation request) throws HeadEndException {
        call(what, () -> {
            transfer(request.build(client));
            return null;
        });
    }

    /** Releases the association; a meter that does not answer the release is no failure of the operation. */
    void release() {
        try {
            byte[][] release = client.releaseRequest();
            if (release != null) {
                transfer(release);
            }
        } catch (Exception e) {
            LOG.debug("Meter {}: release not answered ({})", serial, describe(e));
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    /** Builds a method invocation's request frames with the connection's client. */
    @FunctionalInterface
    interface Invocation {
        byte[][] build(GXDLMSSecureClient client) throws Exception;
    }

    @FunctionalInterface
    private interface DlmsCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, DlmsCall<T> action) throws HeadEndException {
        try {
            return action.run();
        } catch (IOException e) {
            throw new MeterUnreachableException(serial,
                    "meter " + serial + " did not answer the " + what + ": " + describe(e), e);
        } catch (GXDLMSException e) {
            ErrorCode code = ErrorCode.forValue(e.getErrorCode());
            throw new MeterRejectedException(serial, "meter " + serial + " refused the " + what + ": "
                    + (code == null ? "error " + e.getErrorCode() : code.name()),
                    code == ErrorCode.UNDEFINED_OBJECT, e);
        } catch (GXDLMSExceptionResponse e) {
            throw new MeterRejectedException(serial, "meter " + serial + " answered the " + what
                    + " with an exception-response: " + e.getExceptionServiceError(), false, e);
        } catch (Exception e) {
            // Gurux throws crypto and parse exceptions for answers it cannot make sense of.
            throw new MeterRejectedException(serial, "meter " + serial + " sent an answer to the " + what
                    + " that cannot be decoded (" + e.getClass().getSimpleName() + ")", false, e);
        }
    }

    private GXReplyData transfer(byte[][] requests) throws Exception {
        GXReplyData reply = new GXReplyData();
        for (byte[] request : requests) {
            reply.clear();
            exchange(request, reply);
            while (reply.isMoreData()) {
                exchange(client.receiverReady(reply), reply);
            }
        }
        return reply;
    }

    private void exchange(byte[] request, GXReplyData reply) throws Exception {
        out.write(request);
        out.flush();
        GXByteBuffer received = new GXByteBuffer();
        byte[] buffer = new byte[RECEIVE_BUFFER];
        while (!client.getData(received, reply, null)) {
            int count = in.read(buffer);
            if (count < 0) {
                throw new EOFException("the connection was closed by the network");
            }
            received.set(buffer, 0, count);
        }
        if (reply.getError() != 0) {
            throw new GXDLMSException(reply.getError());
        }
    }

    private static String describe(Exception e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("close failed", e);
        }
    }
}
