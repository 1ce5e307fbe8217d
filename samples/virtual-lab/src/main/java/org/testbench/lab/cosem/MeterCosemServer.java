package org.testbench.lab.cosem;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import gurux.dlms.GXDLMSConnectionEventArgs;
import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.SourceDiagnostic;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSHdlcSetup;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSTcpUdpSetup;
import gurux.dlms.objects.enums.BaudRate;
import gurux.dlms.secure.GXDLMSSecureServer2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.testbench.lab.keys.LlsPassword;
import org.testbench.lab.meter.LinkWeakness;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.MeterState;

/**
 * The Gurux server of one connection: it answers from its own COSEM objects, which it fills from
 * the meter's shared state before every read, and it turns method invocations into changes of
 * that shared state.
 */
final class MeterCosemServer extends GXDLMSSecureServer2 {

    /** Seconds without a frame before the meter forgets a link, as its setup objects announce. */
    static final int INACTIVITY_TIMEOUT_SECONDS = 120;

    private static final Logger LOG = LoggerFactory.getLogger(MeterCosemServer.class);
    private static final int MAX_INFO_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CosemObjectModel objects;
    private final MeterState state;
    private final AccessPolicy accessPolicy;
    private final String connectionName;
    /** The server address this connection's frames must carry: HDLC address field, or wrapper port. */
    private final int serverAddress;
    private final Optional<LlsPassword> llsPassword;
    /** Set once a weak meter took its one wrong password; shared by the meter's connections. */
    private AtomicBoolean wrongPasswordTaken = new AtomicBoolean();
    /** Whether the request Gurux is processing arrived protected; set by the session before each frame. */
    private boolean protectedRequest;

    private MeterCosemServer(CosemObjectModel objects, GXDLMSHdlcSetup hdlc, MeterState state,
            Optional<LlsPassword> llsPassword, String connectionName) {
        super(objects.firstAssociation(), hdlc);
        this.objects = objects;
        this.state = state;
        this.accessPolicy = new AccessPolicy(objects);
        this.connectionName = connectionName;
        this.serverAddress = state.identity().hdlcServerAddress();
        this.llsPassword = llsPassword;
    }

    private MeterCosemServer(CosemObjectModel objects, GXDLMSTcpUdpSetup wrapper, MeterState state,
            Optional<LlsPassword> llsPassword, String connectionName) {
        super(objects.firstAssociation(), wrapper);
        this.objects = objects;
        this.state = state;
        this.accessPolicy = new AccessPolicy(objects);
        this.connectionName = connectionName;
        this.serverAddress = state.identity().type().logicalAddress();
        this.llsPassword = llsPassword;
    }

    /** A server for HDLC framing (optical port, after mode E or from the start). */
    static MeterCosemServer forHdlc(CosemObjectModel objects, MeterState state, Optional<LlsPassword> llsPassword,
            String connectionName) {
        GXDLMSHdlcSetup hdlc = new GXDLMSHdlcSetup(ObisCodes.HDLC_SETUP);
        hdlc.setCommunicationSpeed(BaudRate.BAUDRATE_9600);
        hdlc.setWindowSizeReceive(1);
        hdlc.setWindowSizeTransmit(1);
        hdlc.setMaximumInfoLengthReceive(MAX_INFO_LENGTH);
        hdlc.setMaximumInfoLengthTransmit(MAX_INFO_LENGTH);
        hdlc.setInactivityTimeout(INACTIVITY_TIMEOUT_SECONDS);
        hdlc.setDeviceAddress(state.identity().hdlcServerAddress());
        return new MeterCosemServer(objects, hdlc, state, llsPassword, connectionName).initialised();
    }

    /** A server for the TCP wrapper (AMI port). */
    static MeterCosemServer forWrapper(CosemObjectModel objects, MeterState state, Optional<LlsPassword> llsPassword,
            int tcpPort, String connectionName) {
        GXDLMSTcpUdpSetup wrapper = new GXDLMSTcpUdpSetup(ObisCodes.TCP_UDP_SETUP);
        wrapper.setPort(tcpPort);
        wrapper.setInactivityTimeout(INACTIVITY_TIMEOUT_SECONDS);
        return new MeterCosemServer(objects, wrapper, state, llsPassword, connectionName).initialised();
    }

    private MeterCosemServer initialised() {
        getItems().addAll(objects.otherObjects());
        for (GXDLMSAssociationLogicalName association : objects.associations()) {
            association.getObjectList().addAll(getItems());
        }
        MeterIdentity identity = state.identity();
        getCiphering().setSystemTitle(identity.systemTitle());
        // Gurux ships well-known default keys; until an association loads the meter's keys from its
        // security setup, nothing must decipher with keys anybody knows.
        getCiphering().setBlockCipherKey(randomKey());
        getCiphering().setAuthenticationKey(randomKey());
        initialize();
        // initialize() gives every association the server's conformance; set each one's own afterwards.
        for (GXDLMSAssociationLogicalName association : objects.associations()) {
            association.getXDLMSContextInfo().setConformance(
                    CosemObjectModel.conformance(objects.isManagement(association)));
        }
        return this;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Shares the meter's record of the wrong password a weak meter accepts once. */
    MeterCosemServer sharingWrongPasswordRecord(AtomicBoolean taken) {
        this.wrongPasswordTaken = taken;
        return this;
    }

    /**
     * Prepares the server for the next frame.
     *
     * @param isProtected whether the APDU of this frame arrived ciphered (and passed the security gate)
     */
    void beforeFrame(boolean isProtected) {
        this.protectedRequest = isProtected;
        // The meter's transmit counter is shared by all connections, so no nonce is ever reused.
        getCiphering().setInvocationCounter(state.serverInvocationCounter());
        // Gurux runs its own, weaker counter check against this object; the security gate already
        // accepted the counter, so give Gurux the value it just stored.
        objects.invocationCounter().setValue(state.lastAcceptedInvocationCounter());
    }

    void afterFrame() {
        state.updateServerInvocationCounter(getCiphering().getInvocationCounter());
    }

    @Override
    protected boolean isTarget(int serverAddress, int clientAddress) {
        GXDLMSAssociationLogicalName association = serverAddress == this.serverAddress
                ? objects.associationOf(clientAddress).orElse(null) : null;
        if (association == null) {
            LOG.debug("{}: ignoring frame for server {} from client {}", connectionName, serverAddress, clientAddress);
            return false;
        }
        setAssignedAssociation(association);
        return true;
    }

    @Override
    protected SourceDiagnostic onValidateAuthentication(Authentication authentication, byte[] password) {
        // Gurux already matched the mechanism with the association. HIGH_GMAC is proven in pass 3/4,
        // NONE needs no proof; LOW is the password, checked here and never logged.
        if (authentication != Authentication.LOW) {
            return SourceDiagnostic.NONE;
        }
        if (llsPassword.isPresent() && llsPassword.get().matches(password)) {
            return SourceDiagnostic.NONE;
        }
        if (state.identity().type().has(LinkWeakness.ACCEPTS_WRONG_LLS_PASSWORD_ONCE)
                && wrongPasswordTaken.compareAndSet(false, true)) {
            LOG.warn("Meter {}: weak meter: wrong LLS password of client {} accepted (once)", state.identity().serial(),
                    clientOf(getAssignedAssociation()));
            return SourceDiagnostic.NONE;
        }
        LOG.warn("Meter {}: LLS password of client {} refused", state.identity().serial(),
                clientOf(getAssignedAssociation()));
        return SourceDiagnostic.AUTHENTICATION_FAILURE;
    }

    @Override
    protected GXDLMSObject onFindObject(ObjectType objectType, int sn, String ln) {
        // 0.0.40.0.0.255 is "the current association"; HLS pass 3 is invoked on it.
        if (objectType == ObjectType.ASSOCIATION_LOGICAL_NAME && ObisCodes.CURRENT_ASSOCIATION.equals(ln)) {
            return getAssignedAssociation();
        }
        return null;
    }

    @Override
    protected AccessMode onGetAttributeAccess(ValueEventArgs arg) {
        return accessPolicy.attributeAccess(getAssignedAssociation(), arg.getTarget(), arg.getIndex(),
                protectedRequest);
    }

    @Override
    protected MethodAccessMode onGetMethodAccess(ValueEventArgs arg) {
        MethodAccessMode access = accessPolicy.methodAccess(getAssignedAssociation(), arg.getTarget(),
                arg.getIndex(), protectedRequest);
        if (access == MethodAccessMode.NO_ACCESS) {
            LOG.info("Meter {}: method {}/{} denied to client {}", state.identity().serial(),
                    arg.getTarget().getLogicalName(), arg.getIndex(), clientOf(getAssignedAssociation()));
        }
        return access;
    }

    private static Object clientOf(GXDLMSAssociationLogicalName association) {
        return association == null ? "(none)" : association.getClientSAP();
    }

    @Override
    public void onPreRead(ValueEventArgs[] args) {
        // One snapshot per request: the values of a get-with-list belong to the same instant.
        objects.refresh(state.snapshot(), state.now());
        for (ValueEventArgs arg : args) {
            if (arg.getError() != ErrorCode.OK) {
                answerAccessResult(arg);
            }
        }
    }

    /**
     * Gurux 4.0.47 answers a refused item of a get-with-list with its error code followed by the
     * attribute's value, where the standard wants the data-access-result choice (1) and the code.
     * It writes "error code, then the handled bytes", so declaring choice 1 as the item's error and
     * the real code as its value puts the right bytes on the wire.
     */
    private static void answerAccessResult(ValueEventArgs arg) {
        byte result = (byte) arg.getError().getValue();
        arg.setError(ErrorCode.HARDWARE_FAULT); // value 1: the data-access-result choice tag
        arg.setByteArray(true);
        arg.setValue(new byte[] {result});
        arg.setHandled(true);
    }

    @Override
    protected void onPreAction(ValueEventArgs[] args) {
        for (ValueEventArgs action : args) {
            GXDLMSObject target = action.getTarget();
            if (target != null && target == objects.disconnectControl()) {
                switchRelay(action);
            } else if (target == objects.endOfBillingScriptTable()) {
                executeScript(action);
            }
            // Anything else (HLS pass 3) is Gurux's own invoke.
        }
    }

    /** Gurux has no server-side invoke for class 70: the meter switches its relay here. */
    private void switchRelay(ValueEventArgs action) {
        boolean switched = action.getIndex() == 1 ? state.remoteDisconnect() : state.remoteReconnect();
        if (!switched) {
            LOG.info("Meter {}: {} while the relay was already {}: nothing to switch", state.identity().serial(),
                    action.getIndex() == 1 ? "remote_disconnect" : "remote_reconnect",
                    action.getIndex() == 1 ? "open" : "closed");
        }
        completeWithoutReturnValue(action);
    }

    private void executeScript(ValueEventArgs action) {
        if (CosemObjectModel.isEndOfBillingScript(action.getParameters())) {
            state.endBillingPeriod();
            completeWithoutReturnValue(action);
        } else {
            LOG.info("Meter {}: execute of unknown script {} refused", state.identity().serial(),
                    action.getParameters());
            completeWithoutReturnValue(action);
            action.setError(ErrorCode.OTHER_REASON);
        }
    }

    private static void completeWithoutReturnValue(ValueEventArgs action) {
        // Gurux casts a handled event's value to the reply bytes; clear the parameters it holds.
        action.setValue(null);
        action.setHandled(true);
    }

    @Override
    protected void onConnected(GXDLMSConnectionEventArgs connectionInfo) {
        LOG.debug("{}: client {} associated", connectionName, clientOf(getAssignedAssociation()));
    }

    @Override
    protected void onInvalidConnection(GXDLMSConnectionEventArgs connectionInfo) {
        LOG.warn("Meter {}: association of client {} refused", state.identity().serial(),
                clientOf(getAssignedAssociation()));
    }

    @Override
    protected void onDisconnected(GXDLMSConnectionEventArgs connectionInfo) {
        LOG.debug("{}: association released", connectionName);
    }

    @Override
    public void onPostRead(ValueEventArgs[] args) {
        // Nothing to do after a read.
    }

    @Override
    public void onPreGet(ValueEventArgs[] args) {
        // Only called for profile captures, which this meter does not run.
    }

    @Override
    public void onPostGet(ValueEventArgs[] args) {
        // See onPreGet.
    }

    @Override
    protected void onPreWrite(ValueEventArgs[] args) {
        // The access policy grants write access to the consumer message only.
        for (ValueEventArgs write : args) {
            if (write.getTarget() == objects.consumerMessage() && write.getIndex() == 2) {
                showMessage(write);
            } else {
                write.setError(ErrorCode.READ_WRITE_DENIED);
            }
        }
    }

    /** The display lives in the shared state; this connection's object is refreshed from it. */
    private void showMessage(ValueEventArgs write) {
        Object value = write.getValue();
        boolean shown = value instanceof byte[]
                && state.showMessage(new String((byte[]) value, StandardCharsets.US_ASCII));
        if (!shown) {
            LOG.info("Meter {}: consumer message refused (not printable ASCII of at most {} characters)",
                    state.identity().serial(), MeterState.DISPLAY_CAPACITY);
            write.setError(ErrorCode.OTHER_REASON);
        }
        write.setHandled(true);
    }

    @Override
    protected void onPostWrite(ValueEventArgs[] args) {
        // See onPreWrite.
    }

    @Override
    protected void onPostAction(ValueEventArgs[] args) {
        // State changes happen in onPreAction.
    }
}
