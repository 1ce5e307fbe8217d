package org.testbench.lab.bench;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical bench: the source, the positions with their meters, the AMI link and supply
 * switches, the measurements and the energy the meters count. Knows nothing of SCPI.
 *
 * <p>Thread-safe: every method holds the bench's lock, which the energy ticker takes too, so a
 * measurement or an accrual always sees one consistent source. Every change to what flows (the
 * source, a supply) first accrues the energy of the time before it.
 */
final class BenchHardware {

    private static final Logger LOG = LoggerFactory.getLogger(BenchHardware.class);

    private final List<BenchPosition> positions;
    private final MeasurementNoise noise;
    private final EnergyIntegrator energy;
    private SourceSettings source = SourceSettings.AT_START;

    BenchHardware(List<BenchPosition> positions, MeasurementNoise noise, EnergyIntegrator energy) {
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a bench needs at least one position");
        }
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i).number() != i + 1) {
                throw new IllegalArgumentException("position " + (i + 1) + " holds the meter of position "
                        + positions.get(i).number());
            }
        }
        this.positions = List.copyOf(positions);
        this.noise = Objects.requireNonNull(noise, "noise");
        this.energy = Objects.requireNonNull(energy, "energy");
    }

    int positionCount() {
        return positions.size();
    }

    synchronized SourceSettings source() {
        return source;
    }

    synchronized void setOutput(boolean on) {
        if (source.outputOn() != on) {
            changeSource(source.withOutput(on));
            LOG.info("Bench: source {}", source);
        }
    }

    synchronized void setVolts(double volts) {
        changeSource(source.withVolts(volts));
        LOG.debug("Bench: source {}", source);
    }

    synchronized void setAmperes(double amperes) {
        changeSource(source.withAmperes(amperes));
        LOG.debug("Bench: source {}", source);
    }

    synchronized void setPhaseDegrees(double degrees) {
        changeSource(source.withPhaseDegrees(degrees));
        LOG.debug("Bench: source {}", source);
    }

    private void changeSource(SourceSettings next) {
        energy.accrue(source, positions);
        source = next;
    }

    /** {@code *RST}: source off at 230 V, 0 A, 0°; every AMI link up and every supply on. */
    synchronized void reset() {
        changeSource(SourceSettings.AFTER_RESET);
        for (BenchPosition position : positions) {
            position.meter().setAmiLinkUp(true);
            position.meter().setSupplyOn(true);
        }
        LOG.info("Bench reset: source {}, every AMI link up and every supply on", source);
    }

    synchronized Measurement measure(int position) {
        return at(position).measure(source, noise);
    }

    synchronized boolean amiLinkUp(int position) {
        return at(position).meter().amiLinkUp();
    }

    /** The meter's AMI (WAN) link; down, the head-end cannot reach it, the optical port still answers. */
    synchronized void setAmiLinkUp(int position, boolean up) {
        LOG.debug("Bench: position {} AMI link {}", position, up ? "up" : "down");
        at(position).meter().setAmiLinkUp(up);
    }

    synchronized boolean supplyOn(int position) {
        return at(position).meter().supplyOn();
    }

    /** The meter's supply; off, the meter is dead (power-down event, both ports silent) and draws nothing. */
    synchronized void setSupplyOn(int position, boolean on) {
        energy.accrue(source, positions);
        LOG.debug("Bench: position {} supply {}", position, on ? "on" : "off");
        at(position).meter().setSupplyOn(on);
    }

    /** Opens the terminal cover of, or holds a magnet to, the meter at a position; a dead meter notices nothing. */
    synchronized boolean tamper(int position, org.testbench.lab.meter.Tamper tamper) {
        LOG.debug("Bench: position {} tamper {}", position, tamper);
        return at(position).meter().tamper(tamper);
    }

    /**
     * Presses the push button of the meter at a position (the bench's actuator): closes a relay that
     * remote_reconnect armed; a meter without supply or without a disconnector does nothing.
     */
    synchronized boolean pressButton(int position) {
        LOG.debug("Bench: position {} button pressed", position);
        return at(position).meter().pressButton();
    }

    /** Counts the energy of the time since the last accrual; called by the ticker. */
    synchronized void accrueEnergy() {
        energy.accrue(source, positions);
    }

    double timeAcceleration() {
        return energy.timeAcceleration();
    }

    private BenchPosition at(int position) {
        if (position < 1 || position > positions.size()) {
            throw new IllegalArgumentException("position must be 1.." + positions.size() + ", was " + position);
        }
        return positions.get(position - 1);
    }
}
