package org.testbench.lab.meter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical state of one meter: relay, energy, event log, billing counter, invocation
 * counters, supply and AMI link.
 *
 * <p>There is exactly one instance per meter, shared by every port and every connection, because
 * a meter has one relay whichever port switched it. Each connection keeps its own protocol state
 * (its own Gurux server); only this object is shared.
 *
 * <p>Thread-safe. {@link #exclusively} lets a DLMS session process a whole request without
 * another port interleaving, the way a meter's single processor serves one request at a time.
 */
public final class MeterState {

    /** Capacity of the standard event log; the oldest row is dropped when it is full. */
    public static final int EVENT_LOG_CAPACITY = 100;
    /** Longest consumer message the display shows, in characters. */
    public static final int DISPLAY_CAPACITY = 64;

    private static final Logger LOG = LoggerFactory.getLogger(MeterState.class);
    private static final double MICRO_WH_PER_WH = 1_000_000.0;
    private static final int BILLING_COUNTER_MODULUS = 0x1_0000;

    private final MeterIdentity identity;
    private final Clock clock;
    private final InvocationCounterRecord clientInvocationCounter;
    private final Deque<MeterEvent> events = new ArrayDeque<>();
    private final List<Runnable> availabilityListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MeterEvent>> eventListeners = new CopyOnWriteArrayList<>();

    /** Connected at start; without a disconnector (or in mode 0) it never leaves that state. */
    private ControlState controlState = ControlState.CONNECTED;
    // Energy is kept in micro-watt-hours so that many small increments add up exactly.
    private long importMicroWh;
    private long exportMicroWh;
    private int billingPeriodCounter;
    private long serverInvocationCounter;
    private boolean supplyOn = true;
    private boolean amiLinkUp = true;
    private String displayMessage = "";

    /**
     * Creates a powered meter with a closed relay; its event log starts with a power-up event.
     *
     * @param initialImportWh reading of the import register when the lab starts
     * @param initialExportWh reading of the export register when the lab starts
     * @param strictInvocationCounter true: a counter equal to the last accepted one is a replay
     */
    public MeterState(MeterIdentity identity, double initialImportWh, double initialExportWh,
            boolean strictInvocationCounter, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clientInvocationCounter = new InvocationCounterRecord(strictInvocationCounter);
        this.importMicroWh = toMicroWh(initialImportWh, "initial import");
        this.exportMicroWh = toMicroWh(initialExportWh, "initial export");
        log(EventCode.POWER_UP);
    }

    public MeterIdentity identity() {
        return identity;
    }

    /** Runs {@code action} while no other request of this meter is processed. */
    public <T> T exclusively(Supplier<T> action) {
        synchronized (this) {
            return action.get();
        }
    }

    // ---- relay -------------------------------------------------------------------------------

    /** Output state: true while the relay is closed and the load supplied. */
    public synchronized boolean relayClosed() {
        return controlState == ControlState.CONNECTED;
    }

    /** The disconnect control's control_state. */
    public synchronized ControlState controlState() {
        return controlState;
    }

    private DisconnectControlMode controlMode() {
        return identity.type().controlMode();
    }

    /**
     * Remote disconnect (disconnect control method 1): transitions b and c, from connected or from
     * ready_for_reconnection to disconnected.
     *
     * @return false if nothing switched: already disconnected, or mode 0
     */
    public boolean remoteDisconnect() {
        MeterEvent event;
        synchronized (this) {
            if (!controlMode().remoteControl() || controlState == ControlState.DISCONNECTED) {
                return false;
            }
            controlState = ControlState.DISCONNECTED;
            event = log(EventCode.REMOTE_DISCONNECTION);
        }
        notifyEvent(event);
        LOG.info("Meter {}: relay opened by remote_disconnect", identity.serial());
        return true;
    }

    /**
     * Remote reconnect (disconnect control method 2) from disconnected: closes the relay in the modes with
     * transition a (2, 4), only arms it (ready_for_reconnection, transition d) in modes 1, 3, 5 and 6.
     *
     * @return false if nothing changed: not disconnected, or mode 0
     */
    public boolean remoteReconnect() {
        MeterEvent event;
        synchronized (this) {
            if (!controlMode().remoteControl() || controlState != ControlState.DISCONNECTED) {
                return false;
            }
            if (controlMode().directRemoteReconnect()) {
                controlState = ControlState.CONNECTED;
                event = log(EventCode.REMOTE_RECONNECTION);
            } else {
                controlState = ControlState.READY_FOR_RECONNECTION;
                event = log(EventCode.READY_FOR_RECONNECTION);
            }
        }
        notifyEvent(event);
        LOG.info("Meter {}: remote_reconnect {}", identity.serial(), event.code() == EventCode.REMOTE_RECONNECTION.code()
                ? "closed the relay" : "armed the relay (ready for reconnection: the button closes it)");
        return true;
    }

    /**
     * The meter's push button: from ready_for_reconnection it closes the relay (manual_reconnect, e);
     * while connected it opens it to ready_for_reconnection in the modes with manual disconnection (f: 1, 2,
     * 5). A dead meter, or one without a disconnector, does nothing.
     *
     * @return false if nothing switched
     */
    public boolean pressButton() {
        MeterEvent event;
        synchronized (this) {
            if (!supplyOn || !identity.type().hasDisconnectControl() || !controlMode().remoteControl()) {
                return false;
            }
            if (controlState == ControlState.READY_FOR_RECONNECTION) {
                controlState = ControlState.CONNECTED;
                event = log(EventCode.MANUAL_RECONNECTION);
            } else if (controlState == ControlState.CONNECTED && controlMode().manualDisconnect()) {
                controlState = ControlState.READY_FOR_RECONNECTION;
                event = log(EventCode.MANUAL_DISCONNECTION);
            } else {
                return false;
            }
        }
        notifyEvent(event);
        LOG.info("Meter {}: button pressed, relay {}", identity.serial(), relayClosed() ? "closed" : "opened");
        return true;
    }

    // ---- energy ------------------------------------------------------------------------------

    /**
     * Adds energy measured by the meter. The bench decides when energy flows (supply on, relay
     * closed); the meter counts what it is given.
     */
    public void addEnergy(double importWh, double exportWh) {
        long importIncrement = toMicroWh(importWh, "import energy");
        long exportIncrement = toMicroWh(exportWh, "export energy");
        synchronized (this) {
            importMicroWh = Math.addExact(importMicroWh, importIncrement);
            exportMicroWh = Math.addExact(exportMicroWh, exportIncrement);
        }
    }

    private static long toMicroWh(double wattHours, String what) {
        if (!Double.isFinite(wattHours) || wattHours < 0) {
            throw new IllegalArgumentException(what + " must be a finite, non-negative number of Wh, was "
                    + wattHours);
        }
        return Math.round(wattHours * MICRO_WH_PER_WH);
    }

    public synchronized double importWh() {
        return importMicroWh / MICRO_WH_PER_WH;
    }

    public synchronized double exportWh() {
        return exportMicroWh / MICRO_WH_PER_WH;
    }

    // ---- billing -----------------------------------------------------------------------------

    /**
     * Ends the current billing period (script table 0.0.10.0.1.255, script 1): the billing period
     * counter advances (modulo 65536, it is a long-unsigned) and an event is logged.
     *
     * @return the new counter value
     */
    public int endBillingPeriod() {
        int counter;
        MeterEvent event;
        synchronized (this) {
            billingPeriodCounter = (billingPeriodCounter + 1) % BILLING_COUNTER_MODULUS;
            counter = billingPeriodCounter;
            event = log(EventCode.END_OF_BILLING_PERIOD);
        }
        notifyEvent(event);
        LOG.info("Meter {}: billing period {} ended", identity.serial(), counter);
        return counter;
    }

    public synchronized int billingPeriodCounter() {
        return billingPeriodCounter;
    }

    // ---- display -----------------------------------------------------------------------------

    /**
     * Shows a consumer message (0.0.96.13.1.255); an empty message clears the display.
     *
     * @return false if the message is longer than {@link #DISPLAY_CAPACITY} or not printable ASCII:
     *         the display keeps what it showed
     */
    public boolean showMessage(String message) {
        Objects.requireNonNull(message, "message");
        if (message.length() > DISPLAY_CAPACITY || !message.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            return false;
        }
        synchronized (this) {
            displayMessage = message;
        }
        LOG.info("Meter {}: display {}", identity.serial(), message.isEmpty() ? "cleared" : "shows \"" + message + "\"");
        return true;
    }

    /** The consumer message on the display; empty when none is shown. */
    public synchronized String displayMessage() {
        return displayMessage;
    }

    // ---- invocation counters -----------------------------------------------------------------

    /** True if the strict (greater than) rule is enforced, false for the deliberately weak meter. */
    public boolean strictInvocationCounter() {
        return clientInvocationCounter.isStrict();
    }

    /**
     * Accepts an authenticated invocation counter from the management client if it is fresh.
     *
     * @return false if the counter is a replay or older: the frame must be rejected
     */
    public synchronized boolean acceptInvocationCounter(long counter) {
        if (!clientInvocationCounter.isFresh(counter)) {
            return false;
        }
        clientInvocationCounter.accept(counter);
        return true;
    }

    /** True if a frame with this counter would be accepted now. */
    public synchronized boolean isFreshInvocationCounter(long counter) {
        return clientInvocationCounter.isFresh(counter);
    }

    /** The smallest counter the meter accepts now. */
    public synchronized long lowestFreshInvocationCounter() {
        return clientInvocationCounter.lowestFresh();
    }

    /** The last counter accepted from the management client; 0 before the first. */
    public synchronized long lastAcceptedInvocationCounter() {
        return clientInvocationCounter.lastAccepted();
    }

    /**
     * The meter's own transmit counter. It lives here, not in a connection, so that the meter
     * never reuses a counter (and so an AES-GCM nonce) across connections.
     */
    public synchronized long serverInvocationCounter() {
        return serverInvocationCounter;
    }

    public synchronized void updateServerInvocationCounter(long next) {
        if (next > serverInvocationCounter) {
            serverInvocationCounter = next;
        }
    }

    // ---- supply and link ---------------------------------------------------------------------

    public synchronized boolean supplyOn() {
        return supplyOn;
    }

    public synchronized boolean amiLinkUp() {
        return amiLinkUp;
    }

    /** True while the AMI port answers: the meter is powered and its WAN link is up. */
    public synchronized boolean amiReachable() {
        return supplyOn && amiLinkUp;
    }

    /** Switches the supply; a change logs power down or power up and notifies the ports. */
    public void setSupplyOn(boolean on) {
        MeterEvent event;
        synchronized (this) {
            if (supplyOn == on) {
                return;
            }
            supplyOn = on;
            event = log(on ? EventCode.POWER_UP : EventCode.POWER_DOWN);
        }
        LOG.info("Meter {}: supply {}", identity.serial(), on ? "restored, meter powered up" : "lost, meter is dead");
        // The power-down row is the last gasp: written and pushed on the energy of the meter's capacitor.
        notifyEvent(event);
        notifyAvailabilityChanged();
    }

    /**
     * A tamper the bench provokes: the terminal cover opened, or a magnet held to the meter. Logged
     * and pushed like every event; a dead meter (supply off) notices nothing.
     *
     * @return false if the meter is without supply: nothing is logged
     */
    public boolean tamper(Tamper tamper) {
        Objects.requireNonNull(tamper, "tamper");
        MeterEvent event;
        synchronized (this) {
            if (!supplyOn) {
                return false;
            }
            event = log(tamper.eventCode());
        }
        LOG.info("Meter {}: tamper {}", identity.serial(), tamper);
        notifyEvent(event);
        return true;
    }

    /**
     * Registers a listener called, outside any lock, with every event the meter logs (the push the
     * meter sends towards its gateway).
     */
    public void onEvent(Consumer<MeterEvent> listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void notifyEvent(MeterEvent event) {
        for (Consumer<MeterEvent> listener : eventListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("Meter {}: event listener failed", identity.serial(), e);
            }
        }
    }

    /** Cuts or restores the AMI (WAN) link; the optical port is not affected. */
    public void setAmiLinkUp(boolean up) {
        synchronized (this) {
            if (amiLinkUp == up) {
                return;
            }
            amiLinkUp = up;
        }
        LOG.info("Meter {}: AMI link {}", identity.serial(), up ? "up" : "down");
        notifyAvailabilityChanged();
    }

    /** Registers a listener called, outside any lock, after supply or AMI link changed. */
    public void onAvailabilityChange(Runnable listener) {
        availabilityListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void notifyAvailabilityChanged() {
        for (Runnable listener : availabilityListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("Meter {}: availability listener failed", identity.serial(), e);
            }
        }
    }

    // ---- events and snapshots ----------------------------------------------------------------

    /** A copy of the standard event log, oldest first. */
    public synchronized List<MeterEvent> events() {
        return List.copyOf(events);
    }

    public synchronized MeterSnapshot snapshot() {
        return new MeterSnapshot(controlState, importMicroWh, exportMicroWh, List.copyOf(events), billingPeriodCounter,
                clientInvocationCounter.lastAccepted(), displayMessage);
    }

    /** The meter's clock; the clock object and event timestamps read it. */
    public Instant now() {
        return clock.instant();
    }

    private MeterEvent log(EventCode code) {
        if (events.size() == EVENT_LOG_CAPACITY) {
            events.removeFirst();
        }
        MeterEvent event = MeterEvent.of(now().truncatedTo(ChronoUnit.SECONDS), code);
        events.addLast(event);
        return event;
    }
}
