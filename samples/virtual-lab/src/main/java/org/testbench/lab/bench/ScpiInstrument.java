package org.testbench.lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SCPI instrument: turns a command line into a reply (for a query) or nothing (for a setting),
 * and keeps the error queue. It adds the commands every instrument of the contract has
 * ({@code *CLS}, {@code *OPC?}, {@code SYSTem:ERRor?}) to the device's own.
 *
 * <p>One command at a time: every interface (each TCP client, the serial line) goes through
 * {@link #execute}, which holds the instrument's lock for the whole command, so a client never
 * sees a half-applied command of another. There is one error queue for the instrument, as on a
 * real one: a client that shares the bench must not let another command slip between its setting
 * and its {@code SYSTem:ERRor?}.
 *
 * <p>A failed query still gets its one reply line, empty, because the contract promises exactly
 * one line per query; the error is in the queue.
 */
final class ScpiInstrument {

    private static final Logger LOG = LoggerFactory.getLogger(ScpiInstrument.class);
    /** Letters, digits, '*', ':' and a final '?': anything else cannot be a header. */
    private static final Pattern HEADER_SYNTAX = Pattern.compile("\\*?[A-Za-z0-9:]+\\??");

    private final String name;
    private final ScpiErrorQueue errors = new ScpiErrorQueue();
    private final List<ScpiCommand> commands;
    private final Object lock = new Object();

    /**
     * @param name for log lines, e.g. {@code bench}
     * @param deviceCommands the device's own commands ({@code *IDN?}, {@code *RST}, ...)
     */
    ScpiInstrument(String name, List<ScpiCommand> deviceCommands) {
        this.name = name;
        List<ScpiCommand> all = new ArrayList<>(deviceCommands);
        all.add(ScpiCommand.setting("*CLS", parameters -> {
            parameters.requireAtMost(0);
            errors.clear();
        }));
        // Every command is carried out before its reply or the next command: "complete" at once.
        all.add(ScpiCommand.query("*OPC", parameters -> {
            parameters.requireAtMost(0);
            return "1";
        }));
        all.add(ScpiCommand.query("SYSTem:ERRor", parameters -> {
            parameters.requireAtMost(0);
            return errors.next();
        }));
        this.commands = List.copyOf(all);
    }

    /**
     * Carries out one line (without its LF; a CR before the LF already removed).
     *
     * @return the reply line of a query (empty text if the query failed); empty for a setting and
     *         for an empty line
     */
    Optional<String> execute(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int blank = firstWhitespace(text);
        String header = blank < 0 ? text : text.substring(0, blank);
        String parameters = blank < 0 ? "" : text.substring(blank + 1).strip();
        synchronized (lock) {
            try {
                requireOneCommandOfPrintableAscii(text);
                String reply = commandFor(header).execute(parameters);
                return isQuery(header) ? Optional.of(reply) : Optional.empty();
            } catch (ScpiCommandException e) {
                enqueue(e.error());
            } catch (RuntimeException e) {
                LOG.warn("{}: {} failed", name, ScpiText.echo(text), e);
                enqueue(ScpiError.of(ScpiErrorCode.EXECUTION_ERROR,
                        header + ": " + Objects.toString(e.getMessage(), e.getClass().getSimpleName())));
            }
            return failedReply(header);
        }
    }

    /**
     * Refuses a line longer than a session accepts, of which only the start was kept.
     *
     * @return an empty reply line if the line was a query (its start ends the header with {@code ?})
     */
    Optional<String> refuseTooLong(String start, int maxLength) {
        enqueue(ScpiError.of(ScpiErrorCode.COMMAND_ERROR,
                "line longer than " + maxLength + " characters, discarded: " + ScpiText.echo(start)));
        String text = start.strip();
        int blank = firstWhitespace(text);
        return blank < 0 ? Optional.empty() : failedReply(text.substring(0, blank));
    }

    private static boolean isQuery(String header) {
        return header.endsWith("?");
    }

    /** The contract's "exactly one reply line per query" holds for a failed query too. */
    private static Optional<String> failedReply(String header) {
        return isQuery(header) ? Optional.of("") : Optional.empty();
    }

    private static void requireOneCommandOfPrintableAscii(String line) throws ScpiCommandException {
        if (!line.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E))) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    "the line contains a byte that is not printable ASCII: " + ScpiText.echo(line));
        }
        if (line.indexOf(';') >= 0) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    "one command per line, ';' is not supported: " + ScpiText.echo(line));
        }
    }

    private ScpiCommand commandFor(String header) throws ScpiCommandException {
        if (!HEADER_SYNTAX.matcher(header).matches()) {
            throw new ScpiCommandException(ScpiErrorCode.COMMAND_ERROR,
                    "cannot parse the header " + ScpiText.echo(header));
        }
        for (ScpiCommand command : commands) {
            if (command.matches(header)) {
                return command;
            }
        }
        throw new ScpiCommandException(ScpiErrorCode.UNDEFINED_HEADER, header);
    }

    private void enqueue(ScpiError error) {
        LOG.debug("{}: error {}", name, error);
        errors.add(error);
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "ScpiInstrument[" + name + "]";
    }
}
