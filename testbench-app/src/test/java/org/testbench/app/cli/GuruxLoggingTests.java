package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuruxLoggingTests {

    /** Held: java.util.logging keeps loggers weakly, and the test must see the same one. */
    private final Logger guruxClass = Logger.getLogger("gurux.dlms.GXDLMS");

    @AfterEach
    void resetLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aLoggingConfigurationThatAsksForFinestDoesNotOpenGuruxsSecretLogging() throws Exception {
        String hostile = ".level=FINEST\ngurux.level=FINEST\ngurux.dlms.GXDLMS.level=ALL\n";
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(hostile.getBytes(StandardCharsets.UTF_8)));
        guruxClass.setLevel(Level.FINEST);
        assertThat(guruxClass.isLoggable(Level.FINEST)).as("the hostile configuration is in effect").isTrue();

        GuruxLogging.neverFinerThanInfo();

        assertThat(guruxClass.isLoggable(Level.FINEST)).isFalse();
        assertThat(guruxClass.isLoggable(Level.FINE)).isFalse();
        assertThat(Logger.getLogger("gurux.dlms.secure.GXSecure").isLoggable(Level.FINER)).isFalse();
        assertThat(guruxClass.isLoggable(Level.WARNING)).as("warnings still come through").isTrue();
    }

    @Test
    void verboseOptionsLeaveGuruxAtInfo() {
        TestbenchCommand.execute(new String[] {"-vv", "--version"}, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertThat(guruxClass.isLoggable(Level.FINEST)).isFalse();
        assertThat(guruxClass.isLoggable(Level.INFO)).isTrue();
    }

    @Test
    void guruxsOwnLinesGoToSlf4jNotToTheConsole() {
        java.util.List<java.util.logging.LogRecord> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler rootHandler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                console.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(rootHandler);
        ch.qos.logback.classic.Logger slf4j = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("gurux");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        slf4j.addAppender(captured);
        slf4j.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            TestbenchCommand.execute(new String[] {"--version"}, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()));

            guruxClass.info("Invalid HDLC Frame: 7E A0 07");

            assertThat(console).as("nothing from Gurux reaches the console handler").isEmpty();
            assertThat(captured.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
                assertThat(e.getFormattedMessage()).contains("Invalid HDLC Frame");
            });
        } finally {
            root.removeHandler(rootHandler);
            slf4j.detachAppender(captured);
            slf4j.setLevel(null);
        }
    }
}
