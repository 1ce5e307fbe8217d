package org.testbench.lab.mdms.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load-switch state per meter as the MDMS's database holds it. A correct MDMS writes it only
 * from readings and confirmed commands; a faulty one writes it when a command is accepted.
 * Thread-safe.
 */
public final class LoadSwitchRecords {

    private final Map<String, RelayRecord> records = new ConcurrentHashMap<>();

    /** Keeps the newer of the stored and the given state (a slow read must not undo a later switch). */
    public void record(String serial, RelayRecord state) {
        records.merge(serial, state, (stored, given) -> given.recordedAt().isBefore(stored.recordedAt()) ? stored : given);
    }

    public Optional<RelayRecord> find(String serial) {
        return Optional.ofNullable(records.get(serial));
    }
}
