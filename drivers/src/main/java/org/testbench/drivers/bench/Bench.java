package org.testbench.drivers.bench;

import java.io.IOException;
import java.util.List;

/**
 * A multi-position meter test bench: one source feeding every position, a measurement per position
 * (the second witness of a load switch: current flows only through a closed relay), and per position
 * the switches that cut a meter's AMI link or its supply. Positions are numbered from 1.
 *
 * <p>Implementations are safe to share between threads: each call is one conversation with the
 * instrument. Instrument faults are {@link org.testbench.drivers.DeviceException}s (an ERROR of the
 * test, never a FAIL of the meter); a position outside the bench is an {@link IllegalArgumentException}.
 */
public interface Bench extends AutoCloseable {

    BenchIdentity identity();

    int positions();

    /** Sets voltage, current and phase angle; takes effect while the source is on. */
    void configureSource(SourceSettings settings) throws IOException;

    SourceSettings sourceSettings() throws IOException;

    void setSourceOn(boolean on) throws IOException;

    boolean isSourceOn() throws IOException;

    BenchReading measure(int position) throws IOException;

    /** Connects or cuts the meter's AMI link: cut, the head-end cannot reach the meter. */
    void setAmiLink(int position, boolean up) throws IOException;

    boolean isAmiLinkUp(int position) throws IOException;

    /** Switches the meter's supply: off, the meter is dead (and sends its last gasp). */
    void setSupply(int position, boolean on) throws IOException;

    boolean isSupplyOn(int position) throws IOException;

    /** The tampers a bench can provoke at a position. */
    enum Tamper { COVER, MAGNET }

    /**
     * Opens the meter's terminal cover or holds a magnet to it, to provoke a tamper event. A bench
     * without the actuator says so.
     */
    default void tamper(int position, Tamper tamper) throws IOException {
        throw new org.testbench.drivers.DeviceException(org.testbench.drivers.DeviceException.Fault.REJECTED,
                toString(), "this bench has no tamper actuator");
    }

    /**
     * Presses the meter's push button with the bench's actuator: completes a reconnection the meter only
     * armed (ready_for_reconnection).
     *
     * @throws org.testbench.drivers.DeviceException when this bench has no button actuator
     */
    default void pressButton(int position) throws IOException {
        throw new org.testbench.drivers.DeviceException(org.testbench.drivers.DeviceException.Fault.REJECTED,
                toString(), "this bench has no button actuator");
    }

    /** Back to the safe state: source off, every AMI link and supply on. */
    void reset() throws IOException;

    /** Every command sent and reply received so far (bounded), oldest first. */
    List<ScpiExchange> evidence();

    /** Where the bench is, for messages. */
    String describe();

    @Override
    void close();
}
