package org.testbench.sequences.results;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * Records every run, position, step, measurement, finding and piece of evidence in a relational database,
 * and reads them back. An embedded H2 file by default; any JDBC URL works the same (PostgreSQL for a lab
 * whose benches share one database).
 *
 * <p><b>Durability.</b> Every write is one transaction, committed before the method returns: a crash or a
 * {@code kill -9} right after loses nothing recorded. H2 is opened with {@code WRITE_DELAY=0} so that a
 * commit reaches the file at once.
 *
 * <p><b>Recovery.</b> A run whose recording process died stays marked as recording in the database. When a
 * store is opened it ends every such run as ABORTED, with its open positions and steps, and a note; nothing
 * recorded is changed. Runs still recording in another live process or on another bench are left alone:
 * each store holds a lock for as long as it is open, and the database drops it when the process goes.
 * {@link #recoveredRuns()} lists what this opening recovered.
 *
 * <p><b>Threads.</b> All methods are thread-safe; positions record in parallel through a small connection
 * pool. Calls about one position are expected in order from one thread, as the engine makes them.
 *
 * <p><b>Secrets.</b> The caller removes secrets from what it records; the store removes, besides, every
 * secret of its {@link SecretFilter} from every free text it writes, and logs that it had to.
 *
 * <p>Database faults throw {@link ResultStoreException}; an unknown id or a finished run, position or step
 * throws {@link IllegalArgumentException} or {@link IllegalStateException}, naming it.
 *
 * <p>Why these H2 settings, locks and pool: {@code testbench-sequences/docs/results-store.md}.
 */
public final class ResultStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

    /** The user of the default database; it has no password, being readable only by its owner. */
    static final String DEFAULT_USER = "testbench";

    static {
        H2Settings.keepServersOnLoopback();
    }

    private final JdbcUrl url;
    private final HikariDataSource pool;
    private final StoreSession session;
    private final Database database;
    private final RunWriter writer;
    private final SecretGuard secrets;
    private final Clock clock;
    private final List<RecoveredRun> recovered;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Why this store lost its session's lock, once it has. */
    private final AtomicReference<String> lost = new AtomicReference<>();

    private ResultStore(JdbcUrl url, HikariDataSource pool, StoreSession session, Database database,
            SecretGuard secrets, Clock clock, List<RecoveredRun> recovered) {
        this.url = url;
        this.pool = pool;
        this.session = session;
        this.database = database;
        this.secrets = secrets;
        this.clock = clock;
        this.recovered = recovered;
        this.writer = new RunWriter(database, secrets, clock, session.id());
    }

    /**
     * Opens the results database at this URL, creating or migrating its schema and recovering abandoned
     * runs. An embedded H2 file URL gets {@code WRITE_DELAY=0} and {@code MAX_COMPACT_TIME=2000} unless it sets
     * them itself.
     *
     * @param password not kept beyond the connection pool's configuration; never written anywhere
     * @throws ResultStoreException saying what failed and where: a malformed URL, no driver for it, an
     *                              unreachable server, refused credentials, an unwritable directory, a file in
     *                              use by another process, a failed migration
     */
    public static ResultStore open(String jdbcUrl, String user, char[] password) throws ResultStoreException {
        JdbcUrl url = H2Settings.forEmbeddedFile(JdbcUrl.parse(jdbcUrl));
        Optional<Path> file = url.h2File();
        if (file.isPresent()) {
            StoreDirectory.prepare(file.get(), false);
        }
        return open(url, user, password);
    }

    /**
     * Opens the default database: an H2 file {@code results} in {@code $XDG_DATA_HOME/testbench} or
     * {@code ~/.local/share/testbench}, created readable by its owner only, shared with other processes of the
     * same user through H2's automatic server.
     */
    public static ResultStore openDefault() throws ResultStoreException {
        Path file = DefaultLocation.databaseFile(DefaultLocation.directory());
        StoreDirectory.prepare(file, true);
        return open(JdbcUrl.parse(H2Settings.defaultUrl(file)), DEFAULT_USER, new char[0]);
    }

    /** The JDBC URL of the default database, e.g. {@code jdbc:h2:file:/home/lab/.local/share/testbench/results;…}. */
    public static String defaultUrl() {
        return H2Settings.defaultUrl(DefaultLocation.databaseFile(DefaultLocation.directory()));
    }

    private static ResultStore open(JdbcUrl url, String user, char[] password) throws ResultStoreException {
        Clock clock = Clock.systemUTC();
        H2Settings.checkAutoServerOnLoopback(url);
        Connection lease = Connections.open(url, user, password);
        HikariDataSource pool = null;
        StoreSession session = null;
        try {
            pool = Connections.pool(url, user, password);
            String schemaVersion = SchemaMigrations.migrate(pool, url);
            Database database = new Database(pool, url);
            Instant now = Checks.micros(clock.instant(), "now");
            session = startSession(lease, url, now);
            StoreSession owner = session;
            List<RecoveredRun> recovered = database.write("the recovery of runs left recording",
                    c -> Recovery.recover(c, owner.lock(), owner.id(), now));
            log.info("results store open: {} (schema {}, session {}, {} run(s) recovered)", url, schemaVersion,
                    session.id(), recovered.size());
            return new ResultStore(url, pool, session, database, new SecretGuard(), clock, recovered);
        } catch (ResultStoreException | RuntimeException e) {
            if (session != null) {
                session.abandon();
            } else {
                closeQuietly(lease, e);
            }
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    private static StoreSession startSession(Connection lease, JdbcUrl url, Instant now) throws ResultStoreException {
        try {
            return StoreSession.open(lease, now);
        } catch (SQLException e) {
            throw new ResultStoreException(ResultStoreException.Reason.OPEN_FAILED,
                    "cannot register this store in the results database at " + url + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The runs this opening found abandoned by a dead process and marked ABORTED, oldest first. */
    public List<RecoveredRun> recoveredRuns() {
        return recovered;
    }

    /**
     * Adds secrets that must never be stored, from now on, in any form {@link SecretFilter} recognises.
     * Safe to call while runs record (a key learnt mid-run).
     */
    public void addSecrets(SecretFilter filter) {
        secrets.add(Objects.requireNonNull(filter, "filter"));
    }

    /** Records the start of a run, with a row for each of its planned positions. */
    public RunId startRun(RunStart start) throws ResultStoreException {
        ensureOpen();
        return connected(() -> writer.startRun(Objects.requireNonNull(start, "start")));
    }

    /**
     * Records that a planned position started, with its meter's serial if already known.
     *
     * @param meterSerial null until known; see {@link #setMeterSerial}
     * @throws IllegalArgumentException for an unknown run or a position not planned in it
     */
    public void startPosition(RunId run, int position, String meterSerial) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.startPosition(Objects.requireNonNull(run, "run"), Checks.requirePosition(position),
                Checks.requireFits(meterSerial, 100, "meter serial"));
            return null;
        });
    }

    /**
     * Records that a step started on a position.
     *
     * @param index the step's place in the position's sequence, from 0; unique per position
     * @param kind the step's kind as the sequence names it ("meter.read", "mdms.loadSwitch.open", "check")
     * @throws IllegalArgumentException for an unknown run, a position not planned, or an index already used
     */
    public StepId startStep(RunId run, int position, int index, String name, String kind, Instant startedAt)
            throws ResultStoreException {
        ensureOpen();
        if (index < 0) {
            throw new IllegalArgumentException("step index " + index + " is invalid: steps count from 0");
        }
        return connected(() -> writer.startStep(Objects.requireNonNull(run, "run"), Checks.requirePosition(position),
                index, Checks.requireText(name, 200, "step name"), Checks.requireText(kind, 100, "step kind"),
                Checks.micros(startedAt, "step start time")));
    }

    /**
     * Records how a step ended.
     *
     * @param message why, in a sentence for the technician; may be null for a plain pass
     * @throws IllegalStateException when the step has already ended
     */
    public void finishStep(StepId step, Verdict verdict, String message, Instant endedAt) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.finishStep(Objects.requireNonNull(step, "step"), Objects.requireNonNull(verdict, "verdict"), message,
                Checks.micros(endedAt, "step end time"));
            return null;
        });
    }

    public void recordMeasurement(StepId step, MeasurementRecord measurement) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.recordMeasurement(Objects.requireNonNull(step, "step"), Objects.requireNonNull(measurement,
                "measurement"));
            return null;
        });
    }

    /**
     * Records a finding of a position, with its evidence in order.
     *
     * @param step the step that made it, or null for a finding of the position as a whole
     */
    public void recordFinding(RunId run, int position, StepId step, Finding finding) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.recordFinding(Objects.requireNonNull(run, "run"), Checks.requirePosition(position), step,
                Objects.requireNonNull(finding, "finding"));
            return null;
        });
    }

    /**
     * Records evidence of a step: a request/response excerpt, an SCPI exchange, frame counts. The caller
     * redacts; the store removes its protected secrets besides.
     *
     * @param kind what the content is, e.g. "mdms response", "scpi exchange"
     */
    public void recordEvidence(StepId step, String kind, String content) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.recordEvidence(Objects.requireNonNull(step, "step"), Checks.requireText(kind, 100, "evidence kind"),
                Objects.requireNonNull(content, "content"));
            return null;
        });
    }

    /** Records the serial of the meter on a position once it is known (scanned, or read from the meter). */
    public void setMeterSerial(RunId run, int position, String serial) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.setMeterSerial(Objects.requireNonNull(run, "run"), Checks.requirePosition(position),
                Checks.requireText(serial, 100, "meter serial"));
            return null;
        });
    }

    /**
     * Records how a position ended. Steps of it still open end as ABORTED.
     *
     * @throws IllegalStateException when the position has already ended
     */
    public void finishPosition(RunId run, int position, Verdict verdict) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.finishPosition(Objects.requireNonNull(run, "run"), Checks.requirePosition(position),
                Objects.requireNonNull(verdict, "verdict"));
            return null;
        });
    }

    /**
     * Records how the run ended. Positions and steps still open end as ABORTED.
     *
     * @throws IllegalStateException when the run has already ended, also when the store ended it because its
     *                               recorder was taken for dead (the message carries the note)
     */
    public void finishRun(RunId run, Verdict verdict, Instant endedAt) throws ResultStoreException {
        ensureOpen();
        connected(() -> {
            writer.finishRun(Objects.requireNonNull(run, "run"), Objects.requireNonNull(verdict, "verdict"),
                Checks.micros(endedAt, "run end time"));
            return null;
        });
    }

    /** The runs that match, newest first, each with its counts. */
    public List<RunSummary> findRuns(RunQuery query) throws ResultStoreException {
        ensureOpen();
        Objects.requireNonNull(query, "query");
        return database.read("runs", c -> RunFinder.find(c, query));
    }

    /** The whole run, or empty when no run has this id. */
    public Optional<RunDetail> loadRun(RunId run) throws ResultStoreException {
        ensureOpen();
        Objects.requireNonNull(run, "run");
        return database.read("run " + run, c -> RunReader.load(c, run));
    }

    /**
     * Ends the runs this store left recording as ABORTED (the process is going away), gives up its lock and
     * closes its connections. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            List<UUID> open = session.close(Checks.micros(clock.instant(), "now"));
            if (!open.isEmpty()) {
                log.warn("results store closed with {} run(s) still recording: marked ABORTED ({})", open.size(), open);
            }
        } catch (SQLException e) {
            log.error("could not close the results store session at {} cleanly; its runs will be recovered when the"
                    + " store is next opened", url, e);
        } finally {
            pool.close();
        }
        log.info("results store closed: {}", url);
    }

    @FunctionalInterface
    private interface Write<T> {
        T run() throws ResultStoreException;
    }

    /**
     * Runs a write while this store still holds its session's lock. A connection lost on the way (the
     * server restarted or went away, the network dropped, an administrator ended it) takes the lock with it:
     * another bench may then take this store's runs for abandoned and end them, so this store records nothing
     * more and says so, and the caller stops the run. Everything committed before stays.
     */
    private <T> T connected(Write<T> write) throws ResultStoreException {
        String reason = lost.get();
        if (reason == null && session.lockDueForCheck()) {
            reason = session.lockLost().orElse(null);
        }
        if (reason == null) {
            try {
                return write.run();
            } catch (ResultStoreException e) {
                if (e.reason() != ResultStoreException.Reason.CONNECTION_LOST) {
                    throw e;
                }
                reason = session.lockLost().orElse(null);
                if (reason == null) {
                    throw e; // a pooled connection was lost, the lock held: the next write gets a new one
                }
            }
        }
        lost.compareAndSet(null, reason);
        throw new ResultStoreException(ResultStoreException.Reason.CONNECTION_LOST, "the connection to the results"
                + " database at " + url + " was lost (" + lost.get() + "): this store records nothing more, since"
                + " another bench may end its runs now; what was recorded before is kept");
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the results store at " + url + " is closed");
        }
    }

    @Override
    public String toString() {
        return "ResultStore[" + url + "]";
    }
}
