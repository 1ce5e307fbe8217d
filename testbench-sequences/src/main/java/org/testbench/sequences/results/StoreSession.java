package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This store's row in {@code store_session}: which host and process record the runs it starts, and the
 * {@link OwnerLock} that proves this process alive to every other store on the same database.
 */
final class StoreSession {

    static final String CLOSED_NOTE = "The results store was closed while the run was still recording.";

    private final Connection lease;
    private final OwnerLock lock;
    private final UUID id;

    private StoreSession(Connection lease, OwnerLock lock, UUID id) {
        this.lease = lease;
        this.lock = lock;
        this.id = id;
    }

    /** Registers the session and takes its lock on {@code lease}, which the session owns from now on. */
    static StoreSession open(Connection lease, Instant now) throws SQLException {
        UUID id = UUID.randomUUID();
        lease.setAutoCommit(true);
        try (PreparedStatement insert = lease.prepareStatement(
                "INSERT INTO store_session (id, host, pid, opened_at) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, hostName());
            insert.setLong(3, ProcessHandle.current().pid());
            SqlValues.setInstant(insert, 4, now);
            insert.executeUpdate();
        }
        OwnerLock lock = OwnerLock.forDatabase(lease);
        lock.hold(lease, id);
        return new StoreSession(lease, lock, id);
    }

    /** How often a write checks that the lock's connection is still there. */
    static final long LOCK_CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final AtomicLong lastLockCheck = new AtomicLong(System.nanoTime());

    /** True at most once a second: a check costs a round trip to the server. */
    boolean lockDueForCheck() {
        long last = lastLockCheck.get();
        long now = System.nanoTime();
        return now - last >= LOCK_CHECK_INTERVAL_NANOS && lastLockCheck.compareAndSet(last, now);
    }

    /** Why the lock is gone (its connection closed or broken), or empty while it holds. */
    Optional<String> lockLost() {
        try {
            synchronized (lease) {
                return lease.isValid(5) ? Optional.empty() : Optional.of("its connection no longer answers");
            }
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    UUID id() {
        return id;
    }

    OwnerLock lock() {
        return lock;
    }

    /**
     * Ends the runs this session left recording as ABORTED, marks the session closed and lets its lock go.
     *
     * @return the runs it had to end
     */
    List<UUID> close(Instant now) throws SQLException {
        try {
            lease.setAutoCommit(false);
            List<UUID> open = new ArrayList<>();
            try (PreparedStatement select = lease.prepareStatement(
                    "SELECT id FROM run WHERE session_id = ? AND verdict IS NULL")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        open.add(SqlValues.uuid(rows, "id"));
                    }
                }
            }
            for (UUID run : open) {
                OpenParts.abortRun(lease, run, now, CLOSED_NOTE);
            }
            try (PreparedStatement update = lease.prepareStatement(
                    "UPDATE store_session SET closed_at = ? WHERE id = ?")) {
                SqlValues.setInstant(update, 1, now);
                update.setObject(2, id);
                update.executeUpdate();
            }
            lease.commit();
            return open;
        } finally {
            lease.close();
        }
    }

    /** Closes the lease without touching the database, when opening the store fails half-way. */
    void abandon() {
        try {
            lease.close();
        } catch (SQLException e) {
            // Opening already failed with a better message; the lock goes with the connection either way.
        }
    }

    private static String hostName() {
        return Station.localHost();
    }
}
