package org.testbench.app.cli;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Gurux logs through {@code java.util.logging}, and at its finest levels it logs keys and deciphered APDUs
 * (NOTES.md). Whatever {@code -v}/{@code -vv} or a {@code java.util.logging.config.file} asks for, the Gurux
 * loggers stay at INFO: {@code -vv} raises only our own SLF4J loggers.
 */
final class GuruxLogging {

    /** Held so the logger and its level are not collected: java.util.logging keeps loggers weakly. */
    private static final Logger GURUX = Logger.getLogger("gurux");

    private GuruxLogging() {
    }

    /** Caps every Gurux logger at INFO, those configured by a properties file included. */
    static void neverFinerThanInfo() {
        // A logging.properties may name a Gurux class's logger directly; such a level would beat the parent's.
        try {
            LogManager.getLogManager().updateConfiguration(key -> (oldValue, newValue) ->
                    key.startsWith("gurux") && key.endsWith(".level") ? Level.INFO.getName() : newValue);
        } catch (IOException | RuntimeException unreadable) {
            // No readable configuration file: no level from one to override. The levels below still apply.
        }
        GURUX.setLevel(Level.INFO);
        var names = LogManager.getLogManager().getLoggerNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Logger logger = name.startsWith("gurux") ? LogManager.getLogManager().getLogger(name) : null;
            if (logger != null && logger != GURUX) {
                logger.setLevel(null); // inherit INFO from "gurux"
            }
        }
    }
}
