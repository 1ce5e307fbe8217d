package org.testbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The event sequences' 500 ms window is wall-clock time, which a loaded machine (CI, stress-ng) stretches: a
 * test of the event path's plumbing accepts a LATENCY finding, and nothing else. Whether LATENCY is found when an
 * MDMS really is slow is the verdict matrix's slow-events column.
 */
final class EventWindow {

    private EventWindow() {
    }

    /** A position of {@code run --json}: PASS, or FAIL whose only findings are LATENCY. */
    static boolean passedButForLatency(JsonNode position) {
        String verdict = position.path("verdict").asText();
        boolean onlyLatency = !position.path("findings").isEmpty();
        for (JsonNode f : position.path("findings")) {
            onlyLatency &= f.path("type").asText().equals("LATENCY");
        }
        return verdict.equals("PASS") || verdict.equals("FAIL") && onlyLatency;
    }
}
