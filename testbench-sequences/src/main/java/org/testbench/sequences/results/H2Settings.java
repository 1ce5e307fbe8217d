package org.testbench.sequences.results;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 settings the store relies on, and why.
 * <ul>
 * <li>{@code WRITE_DELAY=0}: H2 writes a commit to the file only after WRITE_DELAY (500 ms by default); a
 *     process killed in that window loses transactions it had already committed. With 0, every commit is
 *     written to the file before {@code commit()} returns, so it survives a {@code kill -9} (the operating
 *     system still holds it). H2 does not fsync a commit: after a power loss the file opens consistent
 *     (MVStore chunks carry checksums) but may lack the last seconds. PostgreSQL syncs every commit.</li>
 * <li>{@code MAX_COMPACT_TIME=2000}: each commit writes a chunk of about 16 KB, and H2 keeps replaced chunks
 *     for RETENTION_TIME (45 s) before it reuses their space, so that a power loss cannot leave the file
 *     pointing at overwritten data. While recording, the file therefore grows to about (commits per second
 *     × 45 s × 16 KB), some 80 MB at 100 commits/s, and stays there. Lowering the retention would keep the
 *     file small at the price of that protection; instead H2 gets up to 2 s (200 ms by default) to compact
 *     the file when the last connection closes, which brings it back to the size of the data.</li>
 * <li>{@code AUTO_SERVER=TRUE} (default database only): the first process opens the file and serves it over
 *     TCP to the others, so that the command line can read results while the GUI records a run. Without it
 *     a second process cannot open the file at all. The server listens on loopback only (see
 *     {@link #keepServersOnLoopback()}) and admits only clients that read the random key H2 writes into
 *     the lock file, which sits in a directory only its owner can read.</li>
 * </ul>
 */
final class H2Settings {

    private static final Logger log = LoggerFactory.getLogger(H2Settings.class);
    private static final String BIND_ADDRESS = "h2.bindAddress";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String COMPACT_MILLIS = "2000";

    private H2Settings() {
    }

    /** The default database's URL: an embedded file, durable commits, shared through the automatic server. */
    static String defaultUrl(Path databaseFile) {
        String path = databaseFile.toString();
        if (path.contains(";")) {
            throw new IllegalStateException("the results directory '" + databaseFile.getParent()
                    + "' contains ';', which H2 reads as the start of a setting: set XDG_DATA_HOME to another"
                    + " directory");
        }
        return "jdbc:h2:file:" + path + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;MAX_COMPACT_TIME=" + COMPACT_MILLIS;
    }

    /**
     * An embedded H2 file URL gets {@code WRITE_DELAY=0} and {@code MAX_COMPACT_TIME=2000} unless it sets them
     * itself. A WRITE_DELAY of its own is respected with a warning: the store promises that a recorded result
     * survives a crash.
     */
    static JdbcUrl forEmbeddedFile(JdbcUrl url) {
        if (url.h2File().isEmpty()) {
            return url;
        }
        JdbcUrl result = url;
        Optional<String> delay = url.h2Setting("WRITE_DELAY");
        if (delay.isEmpty()) {
            result = result.withH2Setting("WRITE_DELAY", "0");
        } else if (!delay.get().equals("0")) {
            log.warn("{} sets WRITE_DELAY={}: results committed in the last {} ms before a crash can be lost", url,
                    delay.get(), delay.get());
        }
        if (url.h2Setting("MAX_COMPACT_TIME").isEmpty()) {
            result = result.withH2Setting("MAX_COMPACT_TIME", COMPACT_MILLIS);
        }
        return result;
    }

    static boolean usesAutoServer(JdbcUrl url) {
        return url.h2Setting("AUTO_SERVER").map(v -> v.equalsIgnoreCase("TRUE")).orElse(false);
    }

    /**
     * H2's automatic server listens on every interface unless the system property h2.bindAddress says
     * otherwise; results need not be reachable from the lab network (several benches share a PostgreSQL
     * database instead). H2 reads the property once, when its classes load, so the store sets it when its own
     * class loads, before its first H2 connection; a value the application set is kept.
     */
    static void keepServersOnLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, LOOPBACK);
        }
    }

    /** Warns when an automatic server would listen beyond loopback: H2 was loaded, or configured, before. */
    static void checkAutoServerOnLoopback(JdbcUrl url) {
        if (!usesAutoServer(url)) {
            return;
        }
        String effective = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (!LOOPBACK.equals(effective)) {
            log.warn("H2's automatic server for {} listens on {} (h2.bindAddress), not on loopback only", url,
                    effective == null ? "every interface" : effective);
        }
    }
}
