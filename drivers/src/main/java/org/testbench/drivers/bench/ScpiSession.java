package org.testbench.drivers.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.transport.Transport;

/**
 * A line-oriented SCPI conversation with one instrument. One conversation at a time: a setting and the
 * error-queue query that confirms it are one unit, so positions sharing the bench never see each
 * other's errors. Every exchange is kept (bounded) as evidence.
 */
final class ScpiSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScpiSession.class);
    private static final int MAX_LINE = 4096;
    private static final int MAX_EVIDENCE = 10_000;
    private static final int ERROR_QUEUE_DEPTH = 16;
    private static final Pattern ERROR_REPLY = Pattern.compile("\\s*([-+]?\\d+)\\s*,\\s*\"?(.*?)\"?\\s*");

    private final Transport transport;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<ScpiExchange> evidence = new ArrayDeque<>();
    private final byte[] buffer = new byte[512];
    private int bufferStart;
    private int bufferEnd;

    ScpiSession(Transport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Sends a query and returns its one reply line. */
    String query(String command) throws IOException {
        lock.lock();
        try {
            String reply = exchange(command, true);
            if (reply.isBlank()) {
                // Some instruments answer a refused query with an empty line instead of silence.
                String error = firstError();
                if (error != null) {
                    throw new DeviceException(Fault.REJECTED, where(), "'" + command + "' refused: " + error);
                }
            }
            return reply;
        } catch (DeviceException e) {
            if (e.fault() == Fault.NO_ANSWER) {
                // A query the instrument refused gets no reply; its error queue says why.
                String error = firstError();
                if (error != null) {
                    throw new DeviceException(Fault.REJECTED, where(), "'" + command + "' refused: " + error, e);
                }
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a setting and confirms it through the error queue. */
    void send(String command) throws IOException {
        lock.lock();
        try {
            exchange(command, false);
            String error = firstError();
            if (error != null) {
                throw new DeviceException(Fault.REJECTED, where(), "'" + command + "' refused: " + error);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reads the error queue; returns the first entry (code and message) or null, leaving the queue empty. */
    private String firstError() throws IOException {
        String first = null;
        for (int i = 0; i < ERROR_QUEUE_DEPTH + 1; i++) {
            String reply = exchange("SYST:ERR?", true);
            Matcher m = ERROR_REPLY.matcher(reply);
            if (!m.matches()) {
                throw new DeviceException(Fault.GARBLED, where(), "error queue answered '" + reply
                        + "', expected CODE,\"MESSAGE\"");
            }
            if (Integer.parseInt(m.group(1)) == 0) {
                return first;
            }
            if (first == null) {
                first = "instrument error " + m.group(1) + " " + m.group(2);
            }
        }
        return first;
    }

    private String exchange(String command, boolean expectReply) throws IOException {
        // A late reply to an earlier, timed-out query must not be taken for this one's.
        bufferStart = bufferEnd;
        transport.discardInput();
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        transport.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        String reply = expectReply ? readLine(command) : "";
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        record(new ScpiExchange(sentAt, command, reply, took));
        LOG.debug("{} > {}{}", where(), command, expectReply ? " < " + reply : "");
        return reply;
    }

    private String readLine(String command) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (bufferStart == bufferEnd) {
                long left = deadline - System.nanoTime();
                int n = left <= 0 ? 0 : transport.read(buffer, 0, buffer.length, Duration.ofNanos(left));
                if (n == 0) {
                    throw new DeviceException(Fault.NO_ANSWER, where(), "no answer to '" + command + "' within "
                            + timeout.toMillis() + " ms" + (line.size() > 0 ? " (got '" + shown(line.toString(
                            StandardCharsets.ISO_8859_1)) + "' without end of line)" : ""));
                }
                bufferStart = 0;
                bufferEnd = n;
            }
            byte b = buffer[bufferStart++];
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return printable(command, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new DeviceException(Fault.GARBLED, where(), "reply to '" + command + "' exceeds " + MAX_LINE
                        + " characters without an end of line");
            }
        }
    }

    /**
     * A reply as IEEE 488.2 defines it: 7-bit ASCII, printable, tabs allowed. Anything else is garbled — and
     * is never passed on, so no control sequence of a hostile peer reaches a terminal, a report or a reading.
     */
    private String printable(String command, String reply) throws DeviceException {
        for (int i = 0; i < reply.length(); i++) {
            char c = reply.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw new DeviceException(Fault.GARBLED, where(), "reply to '" + command + "' holds byte "
                        + String.format("0x%02X", (int) c) + " at column " + (i + 1) + ", which SCPI does not send: '"
                        + shown(reply) + "'");
            }
        }
        return reply;
    }

    /** The text with every byte outside printable ASCII written as \xNN, to be shown safely. */
    static String shown(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\x%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void record(ScpiExchange exchange) {
        synchronized (evidence) {
            if (evidence.size() == MAX_EVIDENCE) {
                evidence.removeFirst();
            }
            evidence.addLast(exchange);
        }
    }

    List<ScpiExchange> evidence() {
        synchronized (evidence) {
            return List.copyOf(evidence);
        }
    }

    String where() {
        return "bench " + transport.address();
    }

    @Override
    public void close() {
        transport.close();
    }
}
