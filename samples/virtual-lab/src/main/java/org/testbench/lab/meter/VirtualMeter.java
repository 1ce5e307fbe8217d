package org.testbench.lab.meter;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.testbench.lab.port.LineRecord;

/**
 * A simulated electricity meter at one bench position, reachable through its optical port
 * (IEC 62056-21 mode E, HDLC) and its AMI port (DLMS over TCP, WRAPPER).
 *
 * <p>The accessors tell the physical truth (relay, event log, counters) so that tests can compare
 * it with what a client or an MDMS claims. The setters play the role of the bench: energy flow,
 * supply and AMI link.
 */
public final class VirtualMeter {

    private final MeterState state;
    private final MeterPorts ports;

    /** Used by the lab, which creates and wires the meter's ports. */
    public VirtualMeter(MeterState state, MeterPorts ports) {
        this.state = Objects.requireNonNull(state, "state");
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    public int position() {
        return state.identity().position();
    }

    public String serial() {
        return state.identity().serial();
    }

    /** The meter's type: how it is addressed, authenticated and read. */
    public MeterType type() {
        return state.identity().type();
    }

    public String model() {
        return state.identity().model();
    }

    /** The HDLC server address its optical port answers, as the address field carries it. */
    public int hdlcServerAddress() {
        return state.identity().hdlcServerAddress();
    }

    public String manufacturerFlag() {
        return state.identity().manufacturerFlag();
    }

    public String firmware() {
        return state.identity().firmware();
    }

    public String logicalDeviceName() {
        return state.identity().logicalDeviceName();
    }

    /** A copy of the meter's 8-byte DLMS system title (public: it is sent in every AARE). */
    public byte[] systemTitle() {
        return state.identity().systemTitle();
    }

    /** {@code tcp:127.0.0.1:PORT} of the optical port. */
    public String opticalEndpoint() {
        return ports.opticalEndpoint();
    }

    /** The pty path the client opens (a socat link); empty when socat is missing. */
    public Optional<Path> opticalPty() {
        return ports.opticalPty();
    }

    /**
     * What the optical port's line carried and when, on a lab started with optical pacing: the
     * simulator's record that timing checks use instead of the clock of whoever asks.
     */
    public LineRecord opticalLine() {
        return ports.opticalLine();
    }

    /** {@code tcp:127.0.0.1:PORT} of the AMI port (DLMS WRAPPER). */
    public String amiEndpoint() {
        return ports.amiEndpoint();
    }

    /**
     * The meter's own record of its last optical reaction time (request to identification, IEC 62056-21 requires
     * at least 200 ms, or 20 ms); tests check the standard's timing here, where it is produced, not on a client's
     * clock that scheduling shortens or stretches.
     */
    public Optional<java.time.Duration> lastOpticalReactionTime() {
        return ports.lastOpticalReactionTime();
    }

    /** Disconnect control output_state: true while the relay is closed and the load supplied. */
    public boolean relayClosed() {
        return state.relayClosed();
    }

    /** Disconnect control control_state: connected, disconnected, or ready_for_reconnection (armed). */
    public ControlState controlState() {
        return state.controlState();
    }

    /**
     * Presses the meter's button, as the bench's actuator or a technician does: closes an armed relay
     * (manual_reconnect), or opens a closed one in the control modes that allow manual disconnection.
     *
     * @return false if nothing switched
     */
    public boolean pressButton() {
        return state.pressButton();
    }

    /** A copy of the standard event log, oldest first. */
    public List<MeterEvent> eventLog() {
        return state.events();
    }

    /** The last invocation counter accepted from the management client (0 before the first). */
    public long lastAcceptedInvocationCounter() {
        return state.lastAcceptedInvocationCounter();
    }

    /** Active energy import in Wh, as the meter measured it (finer than its register). */
    public double importEnergyWh() {
        return state.importWh();
    }

    /**
     * What the active energy import register shows, exactly, in Wh: its value attribute times ten to its scaler
     * ({@link MeterType#energy()}), truncated to the register's resolution as the meter truncates it; for a type
     * that keeps import only per tariff, the sum of its tariff registers.
     */
    public java.math.BigDecimal importRegisterWh() {
        return state.identity().type().energy().importWattHours(state.snapshot().importMicroWattHours());
    }

    /** Active energy export register (1.0.2.8.0.255) in Wh. */
    public double exportEnergyWh() {
        return state.exportWh();
    }

    /** Billing period counter (0.0.0.1.0.255). */
    public int billingPeriodCounter() {
        return state.billingPeriodCounter();
    }

    /** The consumer message on the display (0.0.96.13.1.255); empty when none is shown. */
    public String displayMessage() {
        return state.displayMessage();
    }

    public boolean supplyOn() {
        return state.supplyOn();
    }

    public boolean amiLinkUp() {
        return state.amiLinkUp();
    }

    /** Adds measured energy; called by the simulated bench. Values must be finite and >= 0. */
    public void addEnergy(double importWh, double exportWh) {
        state.addEnergy(importWh, exportWh);
    }

    /** Down: the AMI port refuses and drops connections. The optical port keeps answering. */
    public void setAmiLinkUp(boolean up) {
        state.setAmiLinkUp(up);
    }

    /** Off: power-down event, both ports silent. On again: power-up event, ports answer. */
    public void setSupplyOn(boolean on) {
        state.setSupplyOn(on);
    }

    /** Provokes a tamper; false (nothing logged) while the meter has no supply. */
    public boolean tamper(Tamper tamper) {
        return state.tamper(tamper);
    }

    /** Called with every event the meter logs, outside the meter's lock: what the meter pushes. */
    public void onEvent(java.util.function.Consumer<MeterEvent> listener) {
        state.onEvent(listener);
    }

    @Override
    public String toString() {
        return "VirtualMeter[position=" + position() + ", type=" + type() + ", serial=" + serial() + ", optical="
                + opticalEndpoint() + ", ami=" + amiEndpoint() + "]";
    }
}
