package org.testbench.drivers.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects log events from every thread while a test runs. Logback's ListAppender is a plain
 * ArrayList, which a test cannot read while other threads (the lab's, a meter's) still log.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level previousLevel;

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
        if (level != null) {
            logger.setLevel(level);
        }
    }

    /** Starts capturing {@code name} and its children at {@code level} (null: leave the level). */
    public static CapturedLog of(String name, Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(name), level);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** A snapshot, safe to iterate while other threads log. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
