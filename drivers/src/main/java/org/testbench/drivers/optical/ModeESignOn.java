package org.testbench.drivers.optical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.transport.EchoCancellingTransport;
import org.testbench.drivers.transport.Transport;

/**
 * IEC 62056-21 sign-on into mode E: request at 300 baud 7E1, identification, acknowledgement with
 * option select (HDLC, proposed rate), switch of the line speed. Afterwards the line carries 8-bit
 * HDLC frames.
 */
final class ModeESignOn {

    private static final Logger LOG = LoggerFactory.getLogger(ModeESignOn.class);

    private static final int SIGN_ON_BAUD = 300;
    /** IEC 62056-21: after the wake-up NULs, the pause before the request. */
    private static final Duration WAKE_UP_PAUSE = Duration.ofMillis(1500);
    private static final String REQUEST = "/?!\r\n";
    private static final char ACK = 0x06;
    /** Protocol control '2' (HDLC) and mode control '2' (binary mode) select mode E. */
    private static final char HDLC_PROTOCOL = '2';
    private static final char BINARY_MODE = '2';
    private static final int MAX_LINE = 64;

    private ModeESignOn() {
    }

    static SignOnResult perform(Transport transport, SignOnOptions options) throws IOException {
        DeviceException lastFailure = null;
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            try {
                return attempt(transport, options);
            } catch (DeviceException e) {
                if (e.fault() != Fault.NO_ANSWER && e.fault() != Fault.GARBLED) {
                    throw e;
                }
                lastFailure = e;
                LOG.debug("sign-on attempt {}/{} on {} failed: {}", attempt, options.attempts(), transport.address(),
                        e.getMessage());
                if (e.fault() == Fault.GARBLED) {
                    // Let the meter time out its half-read message before we start again.
                    sleep(options.interCharacterTimeout());
                }
            }
        }
        throw new DeviceException(lastFailure.fault(), transport.address().toString(),
                stripWhere(lastFailure, transport) + " (" + options.attempts() + " attempt"
                        + (options.attempts() == 1 ? "" : "s") + ")", lastFailure);
    }

    private static SignOnResult attempt(Transport transport, SignOnOptions options) throws IOException {
        transport.setBaudRate(SIGN_ON_BAUD);
        transport.discardInput();
        wakeUp(transport, options.wakeUp());
        LineReader lines = new LineReader(transport, options);

        transport.write(SevenE1.encode(REQUEST));
        long sent = System.nanoTime();
        String line = lines.readLine("identification");
        Duration reaction = Duration.ofNanos(lines.firstByteAt - sent);
        boolean echo = false;
        if (line.equals(REQUEST.strip())) {
            echo = true;
            line = lines.readLine("identification");
            reaction = Duration.ofNanos(lines.firstByteAt - sent);
        }
        Identification id;
        try {
            id = Identification.parse(line);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Fault.GARBLED, transport.address().toString(), e.getMessage());
        }
        if (!id.modeE()) {
            LOG.info("{}: identification {} does not announce mode E (\\2); trying HDLC anyway", transport.address(), id);
        }
        int baud = Math.min(id.proposedBaud(), options.maxBaud());
        char z = Identification.baudCharacter(baud);

        sleep(id.minimumReactionTime());
        String ack = "" + ACK + HDLC_PROTOCOL + z + BINARY_MODE + "\r\n";
        byte[] ackBytes = SevenE1.encode(ack);
        transport.write(ackBytes);
        if (echo) {
            lines.readLine("echo of the acknowledgement");
        }
        if (!transport.address().isTcp()) {
            // The acknowledgement must have left the UART at 300 baud before the line speed changes.
            sleep(Duration.ofMillis(ackBytes.length * 10_000L / SIGN_ON_BAUD));
        }
        transport.setBaudRate(baud);
        // The meter switches its own line after the acknowledgement; give it its reaction time.
        sleep(id.minimumReactionTime());
        sleep(options.baudSwitchDelay());
        LOG.debug("{}: signed on {} at {} baud{}, reaction {} ms", transport.address(), id, baud,
                echo ? " (echoing head)" : "", reaction.toMillis());
        Transport hdlc = echo ? new EchoCancellingTransport(transport) : transport;
        return new SignOnResult(id, baud, echo, reaction, hdlc);
    }

    private static String stripWhere(DeviceException e, Transport transport) {
        String prefix = transport.address() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * IEC 62056-21 wake-up of battery meters: NUL characters at 300 baud for the given time, then the
     * standard's pause of 1.5 s before the request.
     */
    private static void wakeUp(Transport transport, Duration duration) throws IOException {
        if (duration.isZero()) {
            return;
        }
        transport.write(new byte[(int) (duration.toMillis() * SIGN_ON_BAUD / 10_000)]);
        sleep(duration);
        sleep(WAKE_UP_PAUSE);
        transport.discardInput();
    }

    static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during sign-on");
        }
    }

    /** Reads CR LF terminated 7E1 lines with the standard's first-character and inter-character timeouts. */
    private static final class LineReader {
        private final Transport transport;
        private final SignOnOptions options;
        private final byte[] buffer = new byte[128];
        private int start;
        private int end;
        long firstByteAt;

        LineReader(Transport transport, SignOnOptions options) {
            this.transport = transport;
            this.options = options;
        }

        String readLine(String what) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean first = true;
            while (true) {
                if (start == end) {
                    Duration timeout = first ? options.responseTimeout() : options.interCharacterTimeout();
                    int n = transport.read(buffer, 0, buffer.length, timeout);
                    if (n == 0) {
                        throw first
                                ? new DeviceException(Fault.NO_ANSWER, transport.address().toString(),
                                        "no answer to the sign-on request within " + timeout.toMillis() + " ms")
                                : new DeviceException(Fault.GARBLED, transport.address().toString(),
                                        "incomplete " + what + " '" + printable(line) + "': nothing more within "
                                                + timeout.toMillis() + " ms");
                    }
                    start = 0;
                    end = n;
                }
                if (first) {
                    firstByteAt = System.nanoTime();
                    first = false;
                }
                int ch = SevenE1.decode(buffer[start++]);
                if (ch == SevenE1.PARITY_ERROR) {
                    throw new DeviceException(Fault.GARBLED, transport.address().toString(),
                            "parity error in " + what + " after '" + printable(line)
                                    + "' (expected 7 data bits, even parity)");
                }
                if (ch == '\n' && line.size() > 0 && lastByte(line) == '\r') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
                }
                line.write(ch);
                if (line.size() > MAX_LINE) {
                    throw new DeviceException(Fault.GARBLED, transport.address().toString(),
                            "no end of line within " + MAX_LINE + " characters of " + what + ": '" + printable(line) + "'");
                }
            }
        }

        private static int lastByte(ByteArrayOutputStream s) {
            byte[] b = s.toByteArray();
            return b[b.length - 1];
        }

        private static String printable(ByteArrayOutputStream s) {
            return Identification.printable(s.toString(StandardCharsets.US_ASCII));
        }
    }
}
