package org.testbench.lab.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.port.ByteLink;

/**
 * The conversation on one byte link (a TCP connection or the serial line): lines in, each ended
 * by LF (a CR before it is dropped), carried out by the instrument, reply lines out.
 */
final class ScpiSession {

    /** Longer lines are an error; the rest of such a line, up to its LF, is discarded. */
    static final int MAX_LINE_LENGTH = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ScpiSession.class);

    private final ByteLink link;
    private final ScpiInstrument instrument;
    private final String name;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineTooLong;

    ScpiSession(ByteLink link, ScpiInstrument instrument, String name) {
        this.link = link;
        this.instrument = instrument;
        this.name = name;
    }

    /** Serves lines until the link ends or {@code keepRunning} turns false (checked every poll). */
    void run(BooleanSupplier keepRunning) throws IOException {
        byte[] buffer = new byte[512];
        while (keepRunning.getAsBoolean()) {
            int count = link.read(buffer);
            if (count < 0) {
                LOG.debug("{}: {} hung up", name, link.describe());
                return;
            }
            for (int i = 0; i < count; i++) {
                accept(buffer[i]);
            }
        }
    }

    private void accept(byte b) throws IOException {
        if (b == '\n') {
            endOfLine();
        } else if (line.size() < MAX_LINE_LENGTH) {
            line.write(b);
        } else {
            lineTooLong = true;
        }
    }

    private void endOfLine() throws IOException {
        // ISO-8859-1 maps every byte to one char, so a stray byte reaches the instrument as itself.
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        Optional<String> reply;
        if (lineTooLong) {
            lineTooLong = false;
            LOG.debug("{} <- {}... (longer than {} characters, discarded)", name,
                    ScpiText.quotable(text.substring(0, Math.min(40, text.length()))), MAX_LINE_LENGTH);
            reply = instrument.refuseTooLong(text, MAX_LINE_LENGTH);
        } else {
            LOG.debug("{} <- {}", name, ScpiText.quotable(text));
            reply = instrument.execute(text);
        }
        if (reply.isPresent()) {
            LOG.debug("{} -> {}", name, reply.get());
            link.write((reply.get() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
