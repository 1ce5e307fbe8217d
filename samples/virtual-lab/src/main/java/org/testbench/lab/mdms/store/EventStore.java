package org.testbench.lab.mdms.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.testbench.lab.mdms.headend.LoggedEvent;

/**
 * The events the MDMS has read, so that an event keeps its id and its first reception time however
 * often the log is read again. Thread-safe.
 */
public final class EventStore {

    /** Per meter: event id to first reception time. */
    private final Map<String, Map<String, Instant>> received = new ConcurrentHashMap<>();

    /**
     * Merges a fresh read of a meter's log into the store.
     *
     * @param log the rows as read, oldest first
     * @param now the MDMS's clock when the read ended
     * @return the rows with their ids and first reception times, oldest first
     */
    public List<StoredEvent> receive(String serial, List<LoggedEvent> log, Instant now) {
        Map<String, Instant> known = received.computeIfAbsent(serial, key -> new ConcurrentHashMap<>());
        Map<String, Integer> occurrences = new HashMap<>();
        List<StoredEvent> events = new ArrayList<>(log.size());
        for (LoggedEvent row : log) {
            String base = serial + "-" + row.meterTime().getEpochSecond() + "-" + row.code();
            int occurrence = occurrences.merge(base, 1, Integer::sum) - 1;
            String id = base + "-" + occurrence;
            Instant first = known.computeIfAbsent(id, key -> now);
            events.add(new StoredEvent(id, row.code(), row.meterTime(), first));
        }
        return events;
    }
}
