package org.testbench.drivers.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.transport.Transport;

/** A bench that speaks the SCPI command set of {@code docs/bench-scpi.md}, over TCP or a serial line. */
public final class ScpiBench implements Bench {

    /** Serial benches run 9600 baud 8N1. */
    public static final int SERIAL_BAUD = 9600;

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-z°]*)\\s*");
    private static final Unit[] READING_UNITS = {Unit.VOLT, Unit.AMPERE, Unit.WATT, Unit.VOLT_AMPERE};
    private static final String[] READING_NAMES = {"voltage", "current", "active power", "apparent power"};

    private final ScpiSession session;
    private final BenchIdentity identity;
    private final int positions;

    private ScpiBench(ScpiSession session, BenchIdentity identity, int positions) {
        this.session = session;
        this.identity = identity;
        this.positions = positions;
    }

    /**
     * Connects, identifies the bench and asks for its number of positions.
     *
     * @param timeout how long to wait for each reply
     */
    public static ScpiBench connect(PortAddress address, Duration timeout) throws IOException {
        Transport transport = Transport.open(address, timeout);
        ScpiSession session = new ScpiSession(transport, timeout);
        try {
            if (!address.isTcp()) {
                transport.setBaudRate(SERIAL_BAUD);
            }
            BenchIdentity identity;
            try {
                identity = BenchIdentity.parse(session.query("*IDN?"));
            } catch (IllegalArgumentException e) {
                throw new DeviceException(Fault.GARBLED, session.where(), e.getMessage(), e);
            }
            int positions = parseInt(session, "SYST:POS?", session.query("SYST:POS?"));
            if (positions < 1) {
                throw new DeviceException(Fault.GARBLED, session.where(), "reports " + positions + " positions");
            }
            return new ScpiBench(session, identity, positions);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public BenchIdentity identity() {
        return identity;
    }

    @Override
    public int positions() {
        return positions;
    }

    @Override
    public void configureSource(SourceSettings settings) throws IOException {
        session.send("SOUR:VOLT " + number(settings.voltage().in(Unit.VOLT)));
        session.send("SOUR:CURR " + number(settings.current().in(Unit.AMPERE)));
        session.send("SOUR:PHAS " + number(settings.phase().in(Unit.DEGREE)));
    }

    @Override
    public SourceSettings sourceSettings() throws IOException {
        return SourceSettings.of(parseDouble("SOUR:VOLT?"), parseDouble("SOUR:CURR?"), parseDouble("SOUR:PHAS?"));
    }

    @Override
    public void setSourceOn(boolean on) throws IOException {
        session.send("OUTP " + onOff(on));
    }

    @Override
    public boolean isSourceOn() throws IOException {
        return parseBoolean("OUTP?");
    }

    @Override
    public BenchReading measure(int position) throws IOException {
        String command = "MEAS:ALL? " + channel(position);
        String reply = session.query(command);
        Instant timestamp = Instant.now();
        String[] fields = reply.split(",", -1);
        if (fields.length != READING_UNITS.length) {
            throw new DeviceException(Fault.GARBLED, session.where(), "'" + command + "' answered '" + reply
                    + "', expected voltage,current,active power,apparent power");
        }
        Quantity[] values = new Quantity[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = reading(command, position, i, fields[i]);
        }
        return new BenchReading(position, values[0], values[1], values[2], values[3], timestamp);
    }

    private Quantity reading(String command, int position, int index, String field) throws DeviceException {
        Matcher m = NUMBER_WITH_UNIT.matcher(field);
        if (!m.matches()) {
            throw new DeviceException(Fault.GARBLED, session.where(), "'" + command + "': " + READING_NAMES[index]
                    + " '" + field.strip() + "' is not a number");
        }
        double value = Double.parseDouble(m.group(1));
        Unit expected = READING_UNITS[index];
        if (m.group(2).isEmpty()) {
            return Quantity.of(value, expected);
        }
        try {
            Quantity q = Quantity.of(value, Unit.ofSymbol(m.group(2)));
            return q.to(expected);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Fault.UNIT_MISMATCH, session.where(), "position " + position + ": "
                    + READING_NAMES[index] + " came as '" + field.strip() + "', expected a value in " + expected, e);
        }
    }

    @Override
    public void setAmiLink(int position, boolean up) throws IOException {
        session.send("ROUT:AMI " + channel(position) + "," + onOff(up));
    }

    @Override
    public boolean isAmiLinkUp(int position) throws IOException {
        return parseBoolean("ROUT:AMI? " + channel(position));
    }

    @Override
    public void setSupply(int position, boolean on) throws IOException {
        session.send("ROUT:SUPP " + channel(position) + "," + onOff(on));
    }

    @Override
    public void pressButton(int position) throws IOException {
        session.send("ROUT:BUTT " + channel(position));
    }

    @Override
    public void tamper(int position, Tamper tamper) throws IOException {
        session.send("ROUT:TAMP " + channel(position) + "," + tamper.name());
    }

    @Override
    public boolean isSupplyOn(int position) throws IOException {
        return parseBoolean("ROUT:SUPP? " + channel(position));
    }

    @Override
    public void reset() throws IOException {
        session.send("*RST");
        if (!"1".equals(session.query("*OPC?").strip())) {
            throw new DeviceException(Fault.GARBLED, session.where(), "did not confirm the reset (*OPC?)");
        }
    }

    @Override
    public List<ScpiExchange> evidence() {
        return session.evidence();
    }

    @Override
    public String describe() {
        return session.where();
    }

    @Override
    public void close() {
        session.close();
    }

    private String channel(int position) {
        if (position < 1 || position > positions) {
            throw new IllegalArgumentException("position " + position + " is outside 1.." + positions + " of "
                    + session.where());
        }
        return "(@" + position + ")";
    }

    private static String onOff(boolean on) {
        return on ? "ON" : "OFF";
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private double parseDouble(String query) throws IOException {
        String reply = session.query(query);
        Matcher m = NUMBER_WITH_UNIT.matcher(reply);
        if (!m.matches()) {
            throw new DeviceException(Fault.GARBLED, session.where(), "'" + query + "' answered '" + reply
                    + "', expected a number");
        }
        return Double.parseDouble(m.group(1));
    }

    private boolean parseBoolean(String query) throws IOException {
        String reply = session.query(query).strip();
        return switch (reply.toUpperCase(Locale.ROOT)) {
            case "1", "ON" -> true;
            case "0", "OFF" -> false;
            default -> throw new DeviceException(Fault.GARBLED, session.where(), "'" + query + "' answered '" + reply
                    + "', expected 1 or 0");
        };
    }

    private static int parseInt(ScpiSession session, String query, String reply) throws DeviceException {
        try {
            return Integer.parseInt(reply.strip());
        } catch (NumberFormatException e) {
            throw new DeviceException(Fault.GARBLED, session.where(), "'" + query + "' answered '" + reply
                    + "', expected a whole number", e);
        }
    }

    @Override
    public String toString() {
        return "ScpiBench[" + session.where() + ", " + identity + ", " + positions + " positions]";
    }
}
