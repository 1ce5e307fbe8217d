package org.testbench.lab.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw SCPI client for the tests, written from docs/bench-scpi.md and independent of the lab's
 * code: one line per command ended by LF, one reply line per query.
 */
public final class ScpiTestClient implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);
    private static final String NO_ERROR = "0,\"No error\"";

    private final Link link;

    private ScpiTestClient(Link link) {
        this.link = link;
    }

    public static ScpiTestClient tcp(String endpoint) throws IOException {
        return new ScpiTestClient(Link.tcp(endpoint));
    }

    public static ScpiTestClient serial(Path device) throws IOException {
        return new ScpiTestClient(Link.serial(device));
    }

    /** Sends a setting (no reply expected). */
    public void send(String command) throws IOException {
        sendRaw((command + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    /** Sends a query and returns its reply line without the line end. */
    public String query(String query) throws IOException {
        send(query);
        return readLine();
    }

    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = link.read(REPLY_TIMEOUT);
            if (b < 0) {
                throw new IOException("no complete reply line (" + (b == Link.TIMEOUT ? "timeout" : "link closed")
                        + ") after '" + line.toString(StandardCharsets.US_ASCII) + "'");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /** True if nothing at all arrives within {@code quiet}. */
    public boolean isSilent(Duration quiet) throws IOException {
        return link.read(quiet) == Link.TIMEOUT;
    }

    /** {@code SYST:ERR?}. */
    public String nextError() throws IOException {
        return query("SYST:ERR?");
    }

    /** Reads the error queue until it is empty; the entries, oldest first. */
    public List<String> drainErrors() throws IOException {
        List<String> errors = new ArrayList<>();
        for (String error = nextError(); !error.equals(NO_ERROR); error = nextError()) {
            errors.add(error);
            if (errors.size() > 100) {
                throw new IOException("the error queue does not empty: " + errors.subList(0, 5));
            }
        }
        return errors;
    }

    /** {@code MEAS:ALL? (@position)} as numbers U, I, P, S. */
    public double[] measure(int position) throws IOException {
        String reply = query("MEAS:ALL? (@" + position + ")");
        String[] fields = reply.split(",");
        if (fields.length != 4) {
            throw new IOException("MEAS:ALL? replied '" + reply + "', expected U,I,P,S");
        }
        double[] values = new double[4];
        for (int i = 0; i < 4; i++) {
            values[i] = Double.parseDouble(fields[i]);
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
