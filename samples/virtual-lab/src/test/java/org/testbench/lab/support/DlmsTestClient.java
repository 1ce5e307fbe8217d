package org.testbench.lab.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSException;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.secure.GXDLMSSecureClient;

/**
 * The real Gurux client talking to a lab meter over a {@link Link}: the other side of every test.
 */
public final class DlmsTestClient implements AutoCloseable {

    public static final int PUBLIC_CLIENT = 16;
    public static final int MANAGEMENT_CLIENT = 1;
    public static final byte[] CLIENT_SYSTEM_TITLE = "TSTCLI01".getBytes(StandardCharsets.US_ASCII);

    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    private final Link link;
    private final GXDLMSSecureClient client;
    private final boolean echo;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    /** The bytes of the last request sent, for replay tests. */
    private byte[] lastRequest;
    /** The bytes of the last complete reply received. */
    private byte[] lastReply;

    private DlmsTestClient(Link link, GXDLMSSecureClient client, boolean echo) {
        this.link = link;
        this.client = client;
        this.echo = echo;
    }

    /** A public client (16, no security). */
    public static DlmsTestClient publicClient(Link link, InterfaceType framing, boolean echo) {
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, PUBLIC_CLIENT, 1, Authentication.NONE, null, framing);
        return new DlmsTestClient(link, client, echo);
    }

    /**
     * A management client (1, HLS-GMAC, suite 0, authenticated and encrypted).
     *
     * @param generalProtection keep GENERAL_PROTECTION in the proposed conformance (general-glo-ciphering)
     */
    public static DlmsTestClient managementClient(Link link, InterfaceType framing, boolean echo, byte[] ek, byte[] ak,
            long invocationCounter, boolean generalProtection) {
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, MANAGEMENT_CLIENT, 1, Authentication.HIGH_GMAC, null,
                framing);
        client.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
        client.getCiphering().setSystemTitle(CLIENT_SYSTEM_TITLE);
        client.getCiphering().setBlockCipherKey(ek);
        client.getCiphering().setAuthenticationKey(ak);
        client.getCiphering().setInvocationCounter(invocationCounter);
        if (!generalProtection) {
            client.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
        }
        return new DlmsTestClient(link, client, echo);
    }

    /** Any client: addresses, authentication and password as the Gurux client is configured. */
    public static DlmsTestClient of(Link link, GXDLMSSecureClient client, boolean echo) {
        return new DlmsTestClient(link, client, echo);
    }

    /** How long to wait for each byte of a reply. */
    public DlmsTestClient withReadTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    public GXDLMSSecureClient gurux() {
        return client;
    }

    public byte[] lastRequest() {
        return lastRequest.clone();
    }

    public byte[] lastReply() {
        return lastReply.clone();
    }

    /** SNRM (HDLC only), AARQ and, for HLS, pass 3 and 4. */
    public void associate() throws Exception {
        if (client.getInterfaceType() == InterfaceType.HDLC) {
            GXReplyData ua = exchange(client.snrmRequest());
            client.parseUAResponse(ua.getData().array());
        }
        GXReplyData aare = new GXReplyData();
        for (byte[] request : client.aarqRequest()) {
            aare = exchange(request);
        }
        client.parseAareResponse(aare.getData());
        if (client.getAuthentication().getValue() > Authentication.LOW.getValue()) {
            GXReplyData reply = new GXReplyData();
            for (byte[] request : client.getApplicationAssociationRequest()) {
                reply = exchange(request);
            }
            client.parseApplicationAssociationResponse(reply.getData());
        }
    }

    /** Reads one attribute and stores it in the object, as a Gurux application would. */
    public Object read(GXDLMSObject object, int attribute) throws Exception {
        GXReplyData reply = readDataBlock(client.read(object, attribute));
        return client.updateValue(object, attribute, reply.getValue());
    }

    /** Reads several attributes with one get-request-with-list (conformance MULTIPLE_REFERENCES). */
    public void readList(List<Map.Entry<GXDLMSObject, Integer>> attributes) throws Exception {
        List<Object> values = new ArrayList<>();
        for (byte[] request : client.readList(attributes)) {
            // An HDLC segment is only acknowledged (RR); the values come with the reply to the last one.
            GXReplyData reply = readDataBlock(new byte[][] {request});
            if (reply.getValue() != null) {
                values.addAll((List<?>) reply.getValue());
            }
        }
        client.updateValues(attributes, values);
    }

    /** Invokes a method (the request bytes come from a Gurux object helper, e.g. remoteDisconnect). */
    public GXReplyData invoke(byte[][] request) throws Exception {
        return readDataBlock(request);
    }

    public GXReplyData readDataBlock(byte[][] requests) throws Exception {
        return readDataBlock(requests, true);
    }

    /**
     * Reads a get-with-list answer as it is: refused items appear as {@code ErrorCode} values among
     * the others instead of failing the whole request.
     */
    public List<?> readListResults(List<Map.Entry<GXDLMSObject, Integer>> attributes) throws Exception {
        return (List<?>) readDataBlock(client.readList(attributes), false).getValue();
    }

    private GXReplyData readDataBlock(byte[][] requests, boolean failOnError) throws Exception {
        GXReplyData reply = new GXReplyData();
        for (byte[] request : requests) {
            reply.clear();
            exchangeInto(request, reply, failOnError);
            while (reply.isMoreData()) {
                exchangeInto(client.receiverReady(reply), reply, failOnError);
            }
        }
        return reply;
    }

    /** Sends one frame and parses the answer. */
    public GXReplyData exchange(byte[] request) throws Exception {
        GXReplyData reply = new GXReplyData();
        exchangeInto(request, reply, true);
        return reply;
    }

    private void exchangeInto(byte[] request, GXReplyData reply, boolean failOnError) throws Exception {
        lastRequest = request.clone();
        sendRaw(request);
        GXByteBuffer received = new GXByteBuffer();
        while (!client.getData(received, reply, null)) {
            int b = link.read(readTimeout);
            if (b < 0) {
                throw new IOException("no complete reply (" + (b == Link.TIMEOUT ? "timeout" : "link closed")
                        + ") after " + received.size() + " bytes");
            }
            received.setUInt8(b);
        }
        lastReply = received.array();
        // Like Gurux's own sample applications: a service error in a response is an exception.
        if (failOnError && reply.getError() != 0) {
            throw new GXDLMSException(reply.getError());
        }
    }

    /** Sends bytes as they are (e.g. a recorded frame) and drops their echo if the head echoes. */
    public void sendRaw(byte[] frame) throws IOException {
        link.write(frame);
        if (echo) {
            byte[] echoed = link.readExactly(frame.length, readTimeout);
            if (!Arrays.equals(echoed, frame)) {
                throw new IOException("echo differs from the request");
            }
        }
    }

    /** Sends a recorded frame again and parses the answer. */
    public GXReplyData replay(byte[] frame) throws Exception {
        GXReplyData reply = new GXReplyData();
        sendRaw(frame);
        GXByteBuffer received = new GXByteBuffer();
        while (!client.getData(received, reply, null)) {
            int b = link.read(readTimeout);
            if (b < 0) {
                throw new IOException("no complete reply to the replayed frame");
            }
            received.setUInt8(b);
        }
        return reply;
    }

    /** Release (if associated) and HDLC disconnect (if HDLC). */
    public void release() throws Exception {
        byte[][] release = client.releaseRequest();
        if (release != null) {
            readDataBlock(release);
        }
        byte[] disconnect = client.disconnectRequest();
        if (disconnect != null && client.getInterfaceType() == InterfaceType.HDLC) {
            exchange(disconnect);
        }
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
