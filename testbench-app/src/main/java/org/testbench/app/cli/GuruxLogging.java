package org.testbench.app.cli;

import java.io.IOException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gurux logs through {@code java.util.logging}: at its finest levels it logs keys and deciphered APDUs
 * (NOTES.md), and at INFO it says things like "Invalid HDLC Frame" straight onto stderr, before the product's own
 * line. Whatever {@code -v}/{@code -vv} or a {@code java.util.logging.config.file} asks for, the Gurux loggers stay
 * at INFO, and what they log goes to SLF4J at DEBUG (shown with {@code -vv}), never to the console directly: the
 * bench reports the outcome of an exchange itself, in one line.
 */
final class GuruxLogging {

    /** Held so the logger and its level are not collected: java.util.logging keeps loggers weakly. */
    private static final Logger GURUX = Logger.getLogger("gurux");

    private GuruxLogging() {
    }

    /** Caps every Gurux logger at INFO, those configured by a properties file included, and routes them to SLF4J. */
    static void neverFinerThanInfo() {
        // A logging.properties may name a Gurux class's logger directly; such a level would beat the parent's.
        try {
            LogManager.getLogManager().updateConfiguration(key -> (oldValue, newValue) ->
                    key.startsWith("gurux") && key.endsWith(".level") ? Level.INFO.getName()
                            : key.startsWith("gurux") && key.endsWith(".handlers") ? null : newValue);
        } catch (IOException | RuntimeException unreadable) {
            // No readable configuration file: no level from one to override. The levels below still apply.
        }
        GURUX.setLevel(Level.INFO);
        routeToSlf4j(GURUX);
        var names = LogManager.getLogManager().getLoggerNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Logger logger = name.startsWith("gurux") ? LogManager.getLogManager().getLogger(name) : null;
            if (logger != null && logger != GURUX) {
                logger.setLevel(null); // inherit INFO from "gurux"
                for (Handler h : logger.getHandlers()) {
                    logger.removeHandler(h);
                }
                logger.setUseParentHandlers(true); // up to "gurux", which hands over to SLF4J
            }
        }
    }

    private static void routeToSlf4j(Logger gurux) {
        for (Handler h : gurux.getHandlers()) {
            if (h instanceof ToSlf4j) {
                return;
            }
            gurux.removeHandler(h);
        }
        gurux.addHandler(new ToSlf4j());
        gurux.setUseParentHandlers(false); // the root logger's ConsoleHandler writes to stderr
    }

    /** Library chatter, at DEBUG under the Gurux logger's own name. */
    private static final class ToSlf4j extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (record == null || !isLoggable(record)) {
                return;
            }
            org.slf4j.Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "gurux"
                    : record.getLoggerName());
            if (logger.isDebugEnabled()) {
                String message = record.getMessage();
                if (record.getParameters() != null && message != null) {
                    message = java.text.MessageFormat.format(message, record.getParameters());
                }
                logger.debug(message, record.getThrown());
            }
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
