package org.testbench.drivers.dlms;

import gurux.dlms.GXDLMSException;
import gurux.dlms.GXDateTime;
import gurux.dlms.GXEnum;
import gurux.dlms.GXReplyData;
import gurux.dlms.GXSimpleEntry;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSCaptureObject;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSObjectCollection;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;
import gurux.dlms.objects.GXDLMSScriptTable;
import gurux.dlms.objects.enums.ControlState;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.keys.MeterKeySource;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.keys.MeterPassword;
import org.testbench.drivers.transport.Transport;

/**
 * An association with a meter's DLMS server, through Gurux: HDLC or wrapper framing, the public
 * client or the management client (HLS-GMAC, security suite 0). Reads typed values with the scaler
 * applied, several attributes per request where the meter negotiated it, reads event logs, invokes
 * methods. {@link #close()} always releases the association, disconnects the link and closes the
 * transport, also after an error.
 */
public final class MeterSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeterSession.class);
    /** Requests per get-with-list: keeps each answer well inside one PDU. */
    private static final int LIST_CHUNK = 10;

    private final MeterChannel channel;
    private final Transport transport;
    private final GXDLMSSecureClient client;
    private final FrameExchange exchange;
    private final DlmsClient spec;
    private final boolean listReads;
    private final List<byte[]> keyCopies;
    private final Map<Obis, ObjectType> knownTypes = new LinkedHashMap<>();
    /** Objects whose class the meter's object list confirmed (or showed absent). */
    private final Set<Obis> listedTypes = new java.util.HashSet<>();
    /** The classes whose value attribute {@link #read} reads. */
    private static final Set<ObjectType> READABLE = Set.of(ObjectType.DATA, ObjectType.REGISTER,
            ObjectType.EXTENDED_REGISTER, ObjectType.CLOCK, ObjectType.DISCONNECT_CONTROL);
    private GXDLMSObjectCollection associationView;
    /** Register values as the meter sent them, before Gurux multiplies them by the scaler as a double. */
    private final Map<GXDLMSObject, Object> rawRegisterValues = new java.util.IdentityHashMap<>();
    private boolean associated;
    private boolean closed;

    private MeterSession(MeterChannel channel, Transport transport, GXDLMSSecureClient client, DlmsClient spec,
                         SessionOptions options, List<byte[]> keyCopies) {
        this.channel = channel;
        this.transport = transport;
        this.client = client;
        this.spec = spec;
        this.listReads = options.listReads();
        this.keyCopies = keyCopies;
        this.exchange = new FrameExchange(transport, client, options);
        knownTypes.put(StandardObis.SERIAL_NUMBER, ObjectType.DATA);
        knownTypes.put(StandardObis.LOGICAL_DEVICE_NAME, ObjectType.DATA);
        knownTypes.put(StandardObis.FIRMWARE_ID, ObjectType.DATA);
        knownTypes.put(StandardObis.INVOCATION_COUNTER, ObjectType.DATA);
        knownTypes.put(StandardObis.CLOCK, ObjectType.CLOCK);
        knownTypes.put(StandardObis.ACTIVE_ENERGY_IMPORT, ObjectType.REGISTER);
        knownTypes.put(StandardObis.ACTIVE_ENERGY_EXPORT, ObjectType.REGISTER);
        knownTypes.put(StandardObis.DISCONNECT_CONTROL, ObjectType.DISCONNECT_CONTROL);
        knownTypes.put(StandardObis.STANDARD_EVENT_LOG, ObjectType.PROFILE_GENERIC);
        knownTypes.put(StandardObis.FRAUD_EVENT_LOG, ObjectType.PROFILE_GENERIC);
        knownTypes.put(StandardObis.END_OF_BILLING_SCRIPT, ObjectType.SCRIPT_TABLE);
    }

    /** Associates as the public client (SAP 16), no authentication, no ciphering. */
    public static MeterSession openPublic(MeterChannel channel, SessionOptions options) throws IOException {
        return open(channel, DlmsClient.PUBLIC, defaultServer(options), null, null, 0, options);
    }

    /**
     * Associates as the management client (SAP 1) with HLS-GMAC and security suite 0
     * (authenticated and encrypted APDUs).
     *
     * @param invocationCounter the first invocation counter to use: above the last one the meter accepted
     */
    public static MeterSession openManagement(MeterChannel channel, MeterKeys keys, long invocationCounter,
                                              SessionOptions options) throws IOException {
        return open(channel, DlmsClient.MANAGEMENT, defaultServer(options), null, keys, invocationCounter, options);
    }

    /**
     * Associates as the management client with the meter's own keys: a public association first reads
     * the serial (to find the keys) and the last accepted invocation counter (to continue above it).
     */
    public static MeterSession openManagement(MeterChannel channel, MeterKeySource keyStore, SessionOptions options)
            throws IOException {
        String serial;
        long lastCounter;
        try (MeterSession pub = openPublic(channel, options)) {
            serial = pub.read(StandardObis.SERIAL_NUMBER).asText();
            lastCounter = pub.readInvocationCounter();
        }
        try (MeterKeys keys = keyStore.keysFor(serial)) {
            return openManagement(channel, keys, lastCounter + 1, options);
        }
    }

    /**
     * Associates as any client a meter type defines.
     *
     * @param password          the client's secret when its mechanism has one (the LLS password of {@code low},
     *                          the HLS secret of {@code hls-md5}, {@code hls-sha1}, {@code hls-sha256}), else null
     * @param keys              the meter's suite 0 keys when the client ciphers or uses HLS-GMAC, else null
     * @param invocationCounter the first invocation counter to use (ciphered clients): above the last one the
     *                          meter accepted
     */
    public static MeterSession open(MeterChannel channel, DlmsClient spec, ServerAddress server, MeterPassword password,
                                    MeterKeys keys, long invocationCounter, SessionOptions options) throws IOException {
        if (spec.needsSecret() && password == null) {
            throw new DeviceException(Fault.KEYS, channel.describe(), spec.describe() + " needs an "
                    + spec.authentication().secretName());
        }
        if (spec.needsKeys() && keys == null) {
            throw new DeviceException(Fault.KEYS, channel.describe(), spec.describe() + " needs the meter's keys");
        }
        byte[] pw = spec.needsSecret() ? password.bytes() : null;
        byte[] ek = spec.needsKeys() ? keys.encryptionKey() : null;
        byte[] ak = spec.needsKeys() ? keys.authenticationKey() : null;
        List<byte[]> copies = new ArrayList<>();
        for (byte[] secret : new byte[][] {pw, ek, ak}) {
            if (secret != null) {
                copies.add(secret);
            }
        }
        GXDLMSSecureClient client = GuruxClients.forClient(channel.framing(), spec, server, options, pw, ek, ak,
                invocationCounter);
        return open(channel, client, spec, options, copies);
    }

    private static ServerAddress defaultServer(SessionOptions options) {
        return new ServerAddress(options.serverAddress(), java.util.OptionalInt.empty());
    }

    private static MeterSession open(MeterChannel channel, GXDLMSSecureClient client, DlmsClient spec,
                                     SessionOptions options, List<byte[]> keyCopies) throws IOException {
        Transport transport;
        try {
            transport = channel.connect();
        } catch (IOException | RuntimeException e) {
            keyCopies.forEach(k -> Arrays.fill(k, (byte) 0));
            throw e;
        }
        MeterSession session = new MeterSession(channel, transport, client, spec, options, keyCopies);
        try {
            session.associate();
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void associate() throws IOException {
        GXReplyData reply = new GXReplyData();
        try {
            if (channel.framing() == DlmsFraming.HDLC) {
                exchange.request(client.snrmRequest(), reply, "HDLC connect (SNRM)");
                // The byte[] overload marks the HDLC link connected; the GXByteBuffer one does not (NOTES.md).
                client.parseUAResponse(reply.getData().array());
            }
            reply.clear();
            exchange.request(client.aarqRequest(), reply, "association request (AARQ)");
            client.parseAareResponse(reply.getData());
            associated = true;
            if (client.getIsAuthenticationRequired()) {
                reply.clear();
                exchange.request(client.getApplicationAssociationRequest(), reply,
                        "HLS authentication (pass 3)");
                client.parseApplicationAssociationResponse(reply.getData());
            }
        } catch (DeviceException e) {
            throw authenticates() && e.fault() != Fault.NO_ANSWER && e.fault() != Fault.CONNECTION_LOST
                    ? authenticationFailed(e) : e;
        } catch (GXDLMSException e) {
            throw authenticates() ? authenticationFailed(e)
                    : new DeviceException(Fault.REJECTED, where(), "association refused to " + spec.describe() + ": "
                    + oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // Gurux signals a wrong HLS answer (pass 4) with checked crypto or plain exceptions.
            throw authenticationFailed(e);
        }
        LOG.debug("{}: associated as {}, conformance {}", where(), spec.describe(), client.getNegotiatedConformance());
    }

    private boolean authenticates() {
        return spec.authentication() != AuthenticationMechanism.NONE || spec.needsKeys();
    }

    private DeviceException authenticationFailed(Exception cause) {
        String why = switch (spec.authentication()) {
            case LOW -> "wrong LLS password";
            case HLS_MD5, HLS_SHA1 -> "wrong HLS secret";
            case HLS_SHA256 -> "wrong HLS secret (or a system title it does not expect)";
            default -> "wrong keys, or an invocation counter it has already seen";
        };
        if (spec.authentication().usesHlsSecret() && spec.needsKeys()) {
            why += ", or wrong keys";
        }
        return new DeviceException(Fault.AUTHENTICATION_FAILED, where(),
                "authentication failed: the meter refused the association of " + spec.describe() + ": " + why,
                cause);
    }

    /** Reads serial, logical device name and firmware id. */
    public MeterIdentity readIdentity() throws IOException {
        List<CosemValue> v = read(List.of(StandardObis.SERIAL_NUMBER, StandardObis.LOGICAL_DEVICE_NAME,
                StandardObis.FIRMWARE_ID));
        return new MeterIdentity(v.get(0).asText(), v.get(1).asText(), v.get(2).asText());
    }

    /**
     * Tells the session which interface class an object has (a meter profile knows where the serial or the
     * energy register is), so reading it needs no look-up in the object list.
     */
    public void declare(Obis obis, ObjectKind kind) {
        knownTypes.put(obis, kind.guruxType());
    }

    /**
     * Tells the session an object's interface class for certain (a profile states it): it is read with that class
     * at once and never looked up in the object list, which on a slow optical line costs more than the read.
     */
    public void declareStated(Obis obis, ObjectKind kind) {
        knownTypes.put(obis, kind.guruxType());
        listedTypes.add(obis);
    }

    /**
     * Reads the value attribute of each object like {@link #read(List)}, but an object the meter refuses or
     * does not have is reported with the meter's reason while the others are still read.
     *
     * @throws IOException only for faults of the link (no answer, garbled, lost) or of our side
     */
    public List<ObjectReading> readEach(List<Obis> codes) throws IOException {
        List<ObjectReading> readings = new ArrayList<>();
        try {
            for (CosemValue v : read(codes)) {
                readings.add(ObjectReading.of(v));
            }
            return readings;
        } catch (DeviceException e) {
            if (!isObjectFault(e) || codes.size() == 1) {
                if (isObjectFault(e)) {
                    return List.of(ObjectReading.failed(codes.get(0), e));
                }
                throw e;
            }
        }
        for (Obis obis : codes) {
            try {
                readings.add(ObjectReading.of(read(obis)));
            } catch (DeviceException e) {
                if (!isObjectFault(e)) {
                    throw e;
                }
                readings.add(ObjectReading.failed(obis, e));
            }
        }
        return readings;
    }

    private static boolean isObjectFault(DeviceException e) {
        return e.fault() == Fault.ACCESS_DENIED || e.fault() == Fault.OBJECT_UNDEFINED || e.fault() == Fault.REJECTED;
    }

    public CosemValue read(Obis obis) throws IOException {
        return read(List.of(obis)).get(0);
    }

    /**
     * Reads the value attribute of each object (attribute 2; registers with their scaler and unit),
     * in the order given.
     */
    public List<CosemValue> read(List<Obis> codes) throws IOException {
        try {
            return readAsKnown(codes);
        } catch (DeviceException e) {
            if (e.fault() != Fault.OBJECT_UNDEFINED || !learnClassesFromObjectList(codes)) {
                throw e;
            }
            return readAsKnown(codes);
        }
    }

    /**
     * A profile says where an object is, not always its interface class: energy is a register (class 3) on one make
     * and an extended register (class 4) on another, and a meter answers a request for the other class "undefined
     * object". When such an assumed class was refused, the association's object list tells the right one.
     *
     * @return true if an object of {@code codes} turned out to have another class the bench can read
     */
    private boolean learnClassesFromObjectList(List<Obis> codes) throws IOException {
        List<Obis> assumed = codes.stream().filter(obis -> !listedTypes.contains(obis)).toList();
        if (assumed.isEmpty()) {
            return false;
        }
        try {
            loadAssociationView();
        } catch (DeviceException e) {
            LOG.debug("{}: no object list to learn classes from: {}", where(), e.getMessage());
            return false;
        }
        boolean changed = false;
        for (Obis obis : assumed) {
            GXDLMSObject found = associationView.findByLN(ObjectType.NONE, obis.logicalName());
            listedTypes.add(obis);
            if (found != null && found.getObjectType() != knownTypes.get(obis) && READABLE.contains(found.getObjectType())) {
                LOG.debug("{}: {} is a {} object, not a {}", where(), obis, found.getObjectType(), knownTypes.get(obis));
                knownTypes.put(obis, found.getObjectType());
                changed = true;
            }
        }
        return changed;
    }

    private List<CosemValue> readAsKnown(List<Obis> codes) throws IOException {
        List<GXDLMSObject> objects = new ArrayList<>();
        List<Entry<GXDLMSObject, Integer>> attributes = new ArrayList<>();
        for (Obis obis : codes) {
            GXDLMSObject object = objectFor(obis);
            objects.add(object);
            if (object instanceof GXDLMSRegister) {
                attributes.add(new GXSimpleEntry<>(object, 3)); // scaler and unit before the value
            }
            attributes.add(new GXSimpleEntry<>(object, 2));
        }
        readAttributes(attributes);
        List<CosemValue> values = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            values.add(toValue(codes.get(i), objects.get(i)));
        }
        return values;
    }

    /** Reads the disconnect control object at its standard OBIS code. */
    public LoadSwitchState readLoadSwitch() throws IOException {
        return readLoadSwitch(StandardObis.DISCONNECT_CONTROL);
    }

    /** Reads a disconnect control object (output_state, control_state, control_mode). */
    public LoadSwitchState readLoadSwitch(Obis disconnectControl) throws IOException {
        GXDLMSDisconnectControl dc = new GXDLMSDisconnectControl(disconnectControl.logicalName());
        readAttributes(List.of(new GXSimpleEntry<>(dc, 2), new GXSimpleEntry<>(dc, 3), new GXSimpleEntry<>(dc, 4)));
        ControlState cs = dc.getControlState();
        return new LoadSwitchState(dc.getOutputState(),
                LoadSwitchState.ControlState.of(cs == null ? 0 : cs.ordinal()),
                dc.getControlMode() == null ? 0 : dc.getControlMode().ordinal());
    }

    /** Reads the last invocation counter the meter accepted (0.0.43.1.0.255). */
    public long readInvocationCounter() throws IOException {
        return readInvocationCounter(StandardObis.INVOCATION_COUNTER);
    }

    /** Reads the last invocation counter the meter accepted from the object that holds it. */
    public long readInvocationCounter(Obis counter) throws IOException {
        CosemValue v = read(counter);
        if (!(v.value() instanceof Number n)) {
            throw new DeviceException(Fault.GARBLED, where(), counter + " holds " + v.value() + ", not a counter");
        }
        return n.longValue();
    }

    /**
     * Reads every row of an event log (a profile generic whose columns include a clock and an event
     * code).
     */
    public List<EventRecord> readEventLog(Obis log) throws IOException {
        GXDLMSProfileGeneric profile = new GXDLMSProfileGeneric(log.logicalName());
        readAttributes(List.of(new GXSimpleEntry<>(profile, 3)));
        readAttributes(List.of(new GXSimpleEntry<>(profile, 2)));
        int timeColumn = -1;
        int codeColumn = -1;
        List<Entry<GXDLMSObject, GXDLMSCaptureObject>> columns = profile.getCaptureObjects();
        for (int i = 0; i < columns.size(); i++) {
            ObjectType type = columns.get(i).getKey().getObjectType();
            if (type == ObjectType.CLOCK && timeColumn < 0) {
                timeColumn = i;
            } else if (type == ObjectType.DATA && codeColumn < 0) {
                codeColumn = i;
            }
        }
        if (timeColumn < 0 || codeColumn < 0) {
            throw new DeviceException(Fault.GARBLED, where(), log + " is not an event log: its columns are " + columns.size()
                    + " objects without a clock and an event code");
        }
        List<EventRecord> events = new ArrayList<>();
        for (Object row : profile.getBuffer()) {
            Object[] cells = (Object[]) row;
            Object time = plain(cells[timeColumn]);
            Object code = plain(cells[codeColumn]);
            if (!(time instanceof OffsetDateTime t) || !(code instanceof Number c)) {
                throw new DeviceException(Fault.GARBLED, where(), log + ": row " + (events.size() + 1)
                        + " has time " + time + " and code " + code);
            }
            events.add(new EventRecord(t, c.intValue()));
        }
        return events;
    }

    /** Opens the load switch: disconnect control method 1 (remote_disconnect). */
    public void remoteDisconnect() throws IOException {
        remoteDisconnect(StandardObis.DISCONNECT_CONTROL);
    }

    public void remoteDisconnect(Obis disconnectControl) throws IOException {
        GXDLMSDisconnectControl dc = new GXDLMSDisconnectControl(disconnectControl.logicalName());
        invoke(() -> dc.remoteDisconnect(client), "remote_disconnect on " + disconnectControl);
    }

    /**
     * Closes the load switch, or only arms it: disconnect control method 2 (remote_reconnect). In control
     * modes 2, 4 and 6 the meter then waits in ready_for_reconnection for a local action.
     */
    public void remoteReconnect() throws IOException {
        remoteReconnect(StandardObis.DISCONNECT_CONTROL);
    }

    public void remoteReconnect(Obis disconnectControl) throws IOException {
        GXDLMSDisconnectControl dc = new GXDLMSDisconnectControl(disconnectControl.logicalName());
        invoke(() -> dc.remoteReconnect(client), "remote_reconnect on " + disconnectControl);
    }

    /** Runs a script of a script table (method 1 execute), e.g. the end-of-billing script 0.0.10.0.1.255. */
    public void executeScript(Obis scriptTable, int scriptId) throws IOException {
        GXDLMSScriptTable table = new GXDLMSScriptTable(scriptTable.logicalName());
        invoke(() -> client.method(table, 1, scriptId, DataType.UINT16),
                "execute script " + scriptId + " of " + scriptTable);
    }

    public FrameCount frameCount() {
        return exchange.count();
    }

    /** The client this session associated as. */
    public DlmsClient client() {
        return spec;
    }

    /** Whether the meter accepted several attributes per request. */
    public boolean supportsMultipleReferences() {
        Set<Conformance> negotiated = client.getNegotiatedConformance();
        return negotiated.contains(Conformance.MULTIPLE_REFERENCES);
    }

    private interface RequestBuilder {
        byte[][] build() throws Exception;
    }

    private void invoke(RequestBuilder request, String what) throws IOException {
        checkOpen();
        byte[][] frames;
        try {
            frames = request.build();
        } catch (Exception e) {
            throw new DeviceException(Fault.KEYS, where(), what + ": cannot build the request: " + e.getMessage(), e);
        }
        exchange.request(frames, new GXReplyData(), what);
    }

    private void readAttributes(List<Entry<GXDLMSObject, Integer>> attributes) throws IOException {
        checkOpen();
        if (attributes.size() > 1 && listReads && supportsMultipleReferences()) {
            for (int from = 0; from < attributes.size(); from += LIST_CHUNK) {
                readList(attributes.subList(from, Math.min(attributes.size(), from + LIST_CHUNK)));
            }
        } else {
            for (Entry<GXDLMSObject, Integer> a : attributes) {
                readOne(a.getKey(), a.getValue());
            }
        }
    }

    private void readList(List<Entry<GXDLMSObject, Integer>> attributes) throws IOException {
        List<Object> values = new ArrayList<>();
        try {
            byte[][] frames = client.readList(attributes);
            GXReplyData reply = new GXReplyData();
            for (byte[] frame : frames) {
                reply.clear();
                exchange.request(frame, reply, "read " + attributes.size() + " attributes");
                if (reply.getValue() != null) {
                    values.addAll((List<?>) reply.getValue());
                }
            }
        } catch (DeviceException e) {
            if (e.fault() != Fault.ACCESS_DENIED && e.fault() != Fault.OBJECT_UNDEFINED && e.fault() != Fault.REJECTED) {
                throw e;
            }
            values = null;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new DeviceException(Fault.KEYS, where(), "cannot build a read request: " + e.getMessage(), e);
        }
        if (values == null || values.size() != attributes.size()) {
            // Gurux leaves refused items out of a list answer, so the values no longer line up with the
            // attributes: ask one by one, which also names the item the meter refused.
            for (Entry<GXDLMSObject, Integer> a : attributes) {
                readOne(a.getKey(), a.getValue());
            }
            return;
        }
        for (int i = 0; i < attributes.size(); i++) {
            update(attributes.get(i).getKey(), attributes.get(i).getValue(), values.get(i));
        }
    }

    private void readOne(GXDLMSObject object, int attribute) throws IOException {
        String what = "read " + object.getLogicalName() + " attribute " + attribute;
        GXReplyData reply = new GXReplyData();
        try {
            exchange.request(client.read(object, attribute), reply, what);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new DeviceException(Fault.KEYS, where(), what + ": cannot build the request: " + e.getMessage(), e);
        }
        if (object.getDataType(attribute) == DataType.NONE) {
            object.setDataType(attribute, reply.getValueType());
        }
        update(object, attribute, reply.getValue());
    }

    /**
     * Hands a decoded value to Gurux's object, which converts enums and structures by index: a value no
     * standard defines (control_mode 68) ends there as an index error. That is the meter's nonsense, said as such.
     */
    private void update(GXDLMSObject object, int attribute, Object value) throws DeviceException {
        if (object instanceof GXDLMSRegister && attribute == 2) {
            rawRegisterValues.put(object, value);
        }
        try {
            client.updateValue(object, attribute, value);
        } catch (RuntimeException e) {
            throw new DeviceException(Fault.GARBLED, where(), "the meter answered " + Obis.parse(object.getLogicalName())
                    + " attribute " + attribute + " with " + describeValue(value) + ", which is not a valid value of "
                    + "that attribute of a " + object.getObjectType().toString().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + " object", e);
        }
    }

    private static String describeValue(Object value) {
        if (value instanceof Object[] || value instanceof java.util.List<?>) {
            return "a structure";
        }
        String text = String.valueOf(plain(value));
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private GXDLMSObject objectFor(Obis obis) throws IOException {
        ObjectType type = knownTypes.get(obis);
        if (type == null) {
            type = typeFromAssociationView(obis);
            knownTypes.put(obis, type);
            listedTypes.add(obis);
        }
        return switch (type) {
            case DATA -> new GXDLMSData(obis.logicalName());
            case REGISTER -> new GXDLMSRegister(obis.logicalName());
            case EXTENDED_REGISTER -> new GXDLMSExtendedRegister(obis.logicalName());
            case CLOCK -> new GXDLMSClock(obis.logicalName());
            case DISCONNECT_CONTROL -> new GXDLMSDisconnectControl(obis.logicalName());
            default -> throw new DeviceException(Fault.OBJECT_UNDEFINED, where(), obis + " is a " + type
                    + " object; only data, register, extended register, clock and disconnect control values can be "
                    + "read this way");
        };
    }

    /**
     * The objects this association sees (the current association's object list), in the meter's order,
     * with their interface class and whether the association may read their value.
     */
    public List<ListedObject> objectList() throws IOException {
        loadAssociationView();
        List<ListedObject> listed = new ArrayList<>();
        for (GXDLMSObject o : associationView) {
            gurux.dlms.enums.AccessMode access = o.getAccess(2);
            boolean readable = access == gurux.dlms.enums.AccessMode.READ
                    || access == gurux.dlms.enums.AccessMode.READ_WRITE
                    || access == gurux.dlms.enums.AccessMode.AUTHENTICATED_READ
                    || access == gurux.dlms.enums.AccessMode.AUTHENTICATED_READ_WRITE;
            try {
                listed.add(new ListedObject(Obis.parse(o.getLogicalName()), o.getObjectType().getValue(), o.getVersion(),
                        readable));
            } catch (IllegalArgumentException e) {
                LOG.debug("{}: object list entry {} is not an OBIS code", where(), o.getLogicalName());
            }
        }
        return listed;
    }

    /** Objects we do not know by OBIS are looked up in the meter's own object list, once per session. */
    private ObjectType typeFromAssociationView(Obis obis) throws IOException {
        loadAssociationView();
        return typeFromLoadedView(obis);
    }

    private void loadAssociationView() throws IOException {
        checkOpen();
        if (associationView == null) {
            GXReplyData reply = new GXReplyData();
            try {
                exchange.request(client.getObjectsRequest(), reply, "read the object list");
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new DeviceException(Fault.KEYS, where(), "cannot build the object list request", e);
            }
            associationView = client.parseObjects(reply.getData(), true);
        }
    }

    private ObjectType typeFromLoadedView(Obis obis) throws DeviceException {
        GXDLMSObject found = associationView.findByLN(ObjectType.NONE, obis.logicalName());
        if (found == null) {
            throw new DeviceException(Fault.OBJECT_UNDEFINED, where(), "the meter has no object " + obis
                    + " in its object list");
        }
        return found.getObjectType();
    }

    private CosemValue toValue(Obis obis, GXDLMSObject object) {
        if (object instanceof GXDLMSRegister register) {
            Object raw = rawRegisterValues.remove(register);
            Object value = raw instanceof Number n ? RegisterScaling.scaled(n, register.getScaler())
                    : plain(register.getValue());
            return new CosemValue(obis, 2, value, Units.symbol(register.getUnit()));
        }
        if (object instanceof GXDLMSClock clock) {
            return new CosemValue(obis, 2, plain(clock.getTime()), null);
        }
        if (object instanceof GXDLMSDisconnectControl dc) {
            return new CosemValue(obis, 2, dc.getOutputState(), null);
        }
        return new CosemValue(obis, 2, plain(((GXDLMSData) object).getValue()), null);
    }

    /** Gurux types to plain Java: text for printable octet strings, numbers for enums, offset date-times. */
    static Object plain(Object value) {
        if (value instanceof GXEnum e) {
            return e.intValue();
        }
        if (value instanceof GXDateTime dt) {
            Calendar meter = dt.getMeterCalendar();
            int offsetSeconds = meter.get(Calendar.ZONE_OFFSET) / 1000 + meter.get(Calendar.DST_OFFSET) / 1000;
            return OffsetDateTime.ofInstant(meter.toInstant(), ZoneOffset.ofTotalSeconds(offsetSeconds));
        }
        if (value instanceof byte[] bytes) {
            return isPrintable(bytes) ? new String(bytes, StandardCharsets.US_ASCII).strip()
                    : HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Number || value instanceof String || value instanceof Boolean || value == null) {
            return value instanceof String s ? s.strip() : value;
        }
        return value.toString();
    }

    private static boolean isPrintable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return bytes.length > 0;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("session with " + where() + " is closed");
        }
    }

    private String where() {
        return channel.describe();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** Releases the association and disconnects; never throws, logs what could not be done. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (associated) {
                try {
                    exchange.request(client.releaseRequest(), new GXReplyData(), "release (RLRQ)");
                } catch (Exception e) {
                    LOG.debug("{}: release failed: {}", where(), e.getMessage());
                }
            }
            if (channel.framing() == DlmsFraming.HDLC) {
                try {
                    byte[] disc = client.disconnectRequest(true);
                    if (disc != null && disc.length > 0) {
                        exchange.request(disc, new GXReplyData(), "HDLC disconnect (DISC)");
                    }
                } catch (Exception e) {
                    LOG.debug("{}: disconnect failed: {}", where(), e.getMessage());
                }
            }
        } finally {
            transport.close();
            keyCopies.forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }
}
