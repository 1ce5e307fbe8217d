package org.testbench.lab.mdms.headend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import gurux.dlms.GXDateTime;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSCaptureObject;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.enums.ControlState;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;
import gurux.dlms.objects.GXDLMSScriptTable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MDMS's head-end: it reaches meters over their AMI ports with its own DLMS client code
 * (Gurux), independent of the meters' implementation and of the bench's drivers.
 *
 * <ul>
 * <li>Reads use the public client (16).</li>
 * <li>Operations that change the meter use the management client (1, HLS-GMAC, suite 0) with the
 * meter's keys; the invocation counter to start from is read first with the public client
 * (0.0.43.1.0.255), as a head-end that shares a meter with other clients must.</li>
 * <li>An operation succeeds only when the meter confirmed it: after a switch the relay's
 * output_state is read back, after a display write the message is read back.</li>
 * </ul>
 *
 * <p>Thread-safe. Operations on one meter are serialised (one invocation counter, one relay);
 * operations on different meters run in parallel.
 */
public final class HeadEnd {

    static final String INVOCATION_COUNTER = "0.0.43.1.0.255";
    static final String DISCONNECT_CONTROL = "0.0.96.3.10.255";
    static final String END_OF_BILLING_SCRIPT_TABLE = "0.0.10.0.1.255";
    static final String BILLING_PERIOD_COUNTER = "0.0.0.1.0.255";
    static final String CONSUMER_MESSAGE = "0.0.96.13.1.255";
    static final String STANDARD_EVENT_LOG = "0.0.99.98.0.255";
    static final String EVENT_CODE = "0.0.96.11.0.255";
    static final String CLOCK = "0.0.1.0.0.255";

    private static final Logger LOG = LoggerFactory.getLogger(HeadEnd.class);
    private static final int END_OF_BILLING_SCRIPT = 1;
    private static final int VALUE = 2;
    private static final int SCALER_UNIT = 3;
    private static final int CAPTURE_OBJECTS = 3;
    private static final int OUTPUT_STATE = 2;
    private static final int CONTROL_STATE = 3;

    private final Map<String, AmiTarget> targets;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ContactListener contacts;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final Clock clock;

    /**
     * @param targets the meters, by serial
     * @param contacts told the outcome of every contact attempt
     * @param connectTimeout TCP connect timeout
     * @param replyTimeout longest wait for any answer of a meter
     */
    public HeadEnd(Map<String, AmiTarget> targets, ContactListener contacts, Duration connectTimeout,
            Duration replyTimeout, Clock clock) {
        this.targets = Map.copyOf(targets);
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads the disconnect control's output_state and control_state. */
    public RelayReading readRelay(String serial) throws HeadEndException {
        return withMeter(serial, target -> {
            GXDLMSDisconnectControl control = new GXDLMSDisconnectControl(DISCONNECT_CONTROL);
            try (ManagementSession session = readSession(target)) {
                AmiConnection connection = session.connection();
                connection.read(control, OUTPUT_STATE);
                connection.read(control, CONTROL_STATE);
                connection.release();
            }
            return reading(control);
        });
    }

    private RelayReading reading(GXDLMSDisconnectControl control) {
        return new RelayReading(control.getOutputState(),
                !control.getOutputState() && control.getControlState() == ControlState.READY_FOR_RECONNECTION,
                clock.instant());
    }

    /**
     * Remote reconnect ({@code close}) or remote disconnect, then reads output_state and control_state back.
     * In the control modes where remote_reconnect only arms the relay (ready_for_reconnection, modes 1, 3, 5, 6),
     * an armed relay is what the meter was asked for: the customer's button closes it.
     *
     * @return the state read back: the requested one, or armed after a reconnect
     * @throws MeterRejectedException also if the relay is not in the requested state afterwards
     */
    public RelayReading switchRelay(String serial, boolean close) throws HeadEndException {
        return withMeter(serial, target -> {
            GXDLMSDisconnectControl control = new GXDLMSDisconnectControl(DISCONNECT_CONTROL);
            try (ManagementSession session = managementSession(target)) {
                AmiConnection connection = session.connection();
                connection.invoke(close ? "remote_reconnect" : "remote_disconnect",
                        client -> close ? control.remoteReconnect(client) : control.remoteDisconnect(client));
                connection.read(control, OUTPUT_STATE);
                connection.read(control, CONTROL_STATE);
                connection.release();
            }
            RelayReading reading = reading(control);
            if (close && reading.armed()) {
                LOG.info("Head-end: relay of meter {} armed for reconnection", serial);
                return reading;
            }
            if (control.getOutputState() != close) {
                throw new MeterRejectedException(serial, "meter " + serial + " reports output_state "
                        + control.getOutputState() + " after " + (close ? "remote_reconnect" : "remote_disconnect"),
                        false, null);
            }
            LOG.info("Head-end: relay of meter {} {}", serial, close ? "closed" : "opened");
            return reading;
        });
    }

    /** Executes the end-of-billing script and returns the billing period counter the meter reports afterwards. */
    public int endBillingPeriod(String serial) throws HeadEndException {
        return withMeter(serial, target -> {
            GXDLMSScriptTable scripts = new GXDLMSScriptTable(END_OF_BILLING_SCRIPT_TABLE);
            GXDLMSData counter = new GXDLMSData(BILLING_PERIOD_COUNTER);
            try (ManagementSession session = managementSession(target)) {
                AmiConnection connection = session.connection();
                connection.invoke("end-of-billing script", client -> scripts.execute(client, END_OF_BILLING_SCRIPT));
                connection.read(counter, VALUE);
                connection.release();
            }
            int period = ((Number) counter.getValue()).intValue();
            LOG.info("Head-end: meter {} started billing period {}", serial, period);
            return period;
        });
    }

    /**
     * Writes the consumer message; an empty message clears the display.
     *
     * @throws MeterRejectedException also if the meter does not show the message afterwards
     */
    public void showMessage(String serial, String message) throws HeadEndException {
        withMeter(serial, target -> {
            GXDLMSData display = new GXDLMSData(CONSUMER_MESSAGE);
            display.setDataType(VALUE, DataType.OCTET_STRING);
            display.setValue(message.getBytes(StandardCharsets.US_ASCII));
            GXDLMSData shown = new GXDLMSData(CONSUMER_MESSAGE);
            try (ManagementSession session = managementSession(target)) {
                AmiConnection connection = session.connection();
                connection.write(display, VALUE);
                connection.read(shown, VALUE);
                connection.release();
            }
            byte[] answer = shown.getValue() instanceof byte[] ? (byte[]) shown.getValue() : new byte[0];
            if (!message.equals(new String(answer, StandardCharsets.US_ASCII))) {
                throw new MeterRejectedException(serial, "meter " + serial + " does not show the message written",
                        false, null);
            }
            LOG.info("Head-end: display of meter {} {}", serial, message.isEmpty() ? "cleared" : "set");
            return null;
        });
    }

    /**
     * Reads a register (class 3, else extended register, class 4) and the meter's clock. A total (value group E = 0)
     * the meter does not have is computed as MDMSs do for meters that count only per tariff: the sum of the tariff
     * registers E = 1, 2, … the meter has.
     *
     * @throws MeterRejectedException with {@link MeterRejectedException#objectUndefined()} if the
     *         meter has no register with this OBIS code (nor, for a total, any tariff register)
     */
    public RegisterValue readRegister(String serial, String obis) throws HeadEndException {
        return withMeter(serial, target -> {
            List<GXDLMSRegister> registers = new ArrayList<>();
            GXDLMSClock meterClock = new GXDLMSClock(CLOCK);
            try (ManagementSession session = readSession(target)) {
                AmiConnection connection = session.connection();
                try {
                    registers.add(scalerAndUnit(connection, obis));
                } catch (MeterRejectedException e) {
                    String[] groups = obis.split("\\.");
                    if (!e.objectUndefined() || !groups[4].equals("0")) {
                        throw e;
                    }
                    for (int tariff = 1; tariff <= MAX_TARIFF; tariff++) {
                        groups[4] = Integer.toString(tariff);
                        try {
                            registers.add(scalerAndUnit(connection, String.join(".", groups)));
                        } catch (MeterRejectedException noMore) {
                            if (!noMore.objectUndefined() || registers.isEmpty()) {
                                throw tariff == 1 ? e : noMore;
                            }
                            break;
                        }
                    }
                }
                List<Map.Entry<GXDLMSObject, Integer>> reads = new ArrayList<>();
                registers.forEach(r -> reads.add(Map.entry(r, VALUE)));
                reads.add(Map.entry(meterClock, VALUE));
                connection.readList(reads);
                connection.release();
            }
            BigDecimal total = BigDecimal.ZERO;
            String unit = null;
            for (GXDLMSRegister register : registers) {
                if (!(register.getValue() instanceof Number) || meterClock.getTime() == null) {
                    throw new MeterRejectedException(serial, "meter " + serial + " answered register "
                            + register.getLogicalName() + " without a numeric value or clock", false, null);
                }
                total = total.add(BigDecimal.valueOf(rounded(((Number) register.getValue()).doubleValue(),
                        register.getScaler())));
                unit = UnitSymbols.of(register.getUnit());
            }
            return new RegisterValue(total.doubleValue(), unit, meterClock.getTime().getMeterCalendar().toInstant());
        });
    }

    /** Scaler and unit first, so that Gurux scales the value it reads next; an extended register where needed. */
    private static GXDLMSRegister scalerAndUnit(AmiConnection connection, String obis) throws HeadEndException {
        GXDLMSRegister register = new GXDLMSRegister(obis);
        try {
            connection.read(register, SCALER_UNIT);
        } catch (MeterRejectedException e) {
            if (!e.objectUndefined()) {
                throw e;
            }
            // Many meters keep energy in extended registers (with status and capture time).
            register = new GXDLMSExtendedRegister(obis);
            connection.read(register, SCALER_UNIT);
        }
        return register;
    }

    /** Reads the whole standard event log, oldest first. */
    public List<LoggedEvent> readEventLog(String serial) throws HeadEndException {
        return withMeter(serial, target -> {
            GXDLMSProfileGeneric log = new GXDLMSProfileGeneric(STANDARD_EVENT_LOG);
            try (ManagementSession session = readSession(target)) {
                AmiConnection connection = session.connection();
                connection.read(log, CAPTURE_OBJECTS);
                connection.read(log, VALUE);
                connection.release();
            }
            return rows(serial, log);
        });
    }

    private static List<LoggedEvent> rows(String serial, GXDLMSProfileGeneric log) throws MeterRejectedException {
        int timeColumn = -1;
        int codeColumn = -1;
        List<Map.Entry<GXDLMSObject, GXDLMSCaptureObject>> columns = log.getCaptureObjects();
        for (int i = 0; i < columns.size(); i++) {
            GXDLMSObject object = columns.get(i).getKey();
            if (object.getObjectType() == ObjectType.CLOCK) {
                timeColumn = i;
            } else if (EVENT_CODE.equals(object.getLogicalName())) {
                codeColumn = i;
            }
        }
        if (timeColumn < 0 || codeColumn < 0) {
            throw new MeterRejectedException(serial, "the event log of meter " + serial
                    + " captures no clock or no event code", false, null);
        }
        List<LoggedEvent> events = new ArrayList<>();
        for (Object row : log.getBuffer()) {
            Object[] cells = (Object[]) row;
            GXDateTime time = (GXDateTime) cells[timeColumn];
            events.add(new LoggedEvent(time.getMeterCalendar().toInstant(), ((Number) cells[codeColumn]).intValue()));
        }
        return events;
    }

    /** Gurux multiplies by the scaler in binary floating point; keep the decimals the scaler defines. */
    private static double rounded(double value, double scaler) {
        int decimals = scaler >= 1 ? 0 : (int) Math.round(-Math.log10(scaler));
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The highest tariff an energy register's value group E holds (IEC 62056-6-1). */
    private static final int MAX_TARIFF = 63;

    @FunctionalInterface
    private interface MeterOperation<T> {
        T run(AmiTarget target) throws HeadEndException;
    }

    /** One operation at a time per meter, and every outcome reported as contact or no contact. */
    private <T> T withMeter(String serial, MeterOperation<T> operation) throws HeadEndException {
        AmiTarget target = targets.get(serial);
        if (target == null) {
            throw new IllegalArgumentException("the head-end has no meter " + serial);
        }
        ReentrantLock lock = locks.computeIfAbsent(serial, key -> new ReentrantLock(true));
        lock.lock();
        try {
            T result = operation.run(target);
            contacts.contacted(serial, true, clock.instant());
            return result;
        } catch (MeterUnreachableException e) {
            contacts.contacted(serial, false, clock.instant());
            LOG.info("Head-end: {}", e.getMessage());
            throw e;
        } catch (MeterRejectedException e) {
            contacts.contacted(serial, true, clock.instant());
            if (e.objectUndefined()) {
                // A client asked for something this meter does not have: its answer, not a fault.
                LOG.info("Head-end: {}", e.getMessage());
            } else {
                LOG.warn("Head-end: {}", e.getMessage());
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private AmiConnection publicSession(AmiTarget target) throws HeadEndException {
        AmiConnection connection = AmiConnection.open(target, DlmsClients.publicClient(target.serverAddress()), connectTimeout,
                replyTimeout);
        try {
            connection.associate();
            return connection;
        } catch (HeadEndException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The association reads go through: the public client's where it may read registers, else the
     * management client's (a meter whose public client sees only its nameplate or association).
     */
    private ManagementSession readSession(AmiTarget target) throws HeadEndException {
        if (target.publicReads()) {
            return new ManagementSession(publicSession(target), new byte[0], new byte[0]);
        }
        return managementSession(target);
    }

    /**
     * Reads the invocation counter the meter last accepted, then associates as management client
     * with the next one. The key copies live as long as the session and are wiped when it closes.
     */
    private ManagementSession managementSession(AmiTarget target) throws HeadEndException {
        GXDLMSData counter = new GXDLMSData(INVOCATION_COUNTER);
        try (AmiConnection connection = publicSession(target)) {
            connection.read(counter, VALUE);
            connection.release();
        }
        long next = ((Number) counter.getValue()).longValue() + 1;
        byte[] ek = target.keys().encryptionKey();
        byte[] ak = target.keys().authenticationKey();
        AmiConnection connection = null;
        try {
            connection = AmiConnection.open(target, DlmsClients.managementClient(target.serverAddress(), target.managementClient(), ek, ak, next), connectTimeout,
                    replyTimeout);
            connection.associate();
            LOG.debug("Head-end: management association with meter {} from invocation counter {}", target.serial(),
                    next);
            return new ManagementSession(connection, ek, ak);
        } catch (HeadEndException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ak, (byte) 0);
            throw e;
        }
    }

    /** An association and the key copies its Gurux client holds (none for the public client). */
    private record ManagementSession(AmiConnection connection, byte[] ek, byte[] ak) implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ak, (byte) 0);
        }

        @Override
        public String toString() {
            return "ManagementSession[keys=<redacted>]";
        }
    }
}
