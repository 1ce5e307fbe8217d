package org.testbench.sequences.results;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.testbench.sequences.outcome.Verdict;

/**
 * Which runs to list: any combination of a meter serial, a station, a range of start times and a set of
 * verdicts.
 * Start from {@link #all()} and narrow with the {@code with…} methods, each returning a copy.
 *
 * @param station the bench that recorded the run, as {@link RunStart#station()}
 * @param startedFrom inclusive
 * @param startedBefore exclusive
 * @param verdicts empty to accept every verdict and runs still recording
 * @param limit the most runs to return, newest first
 */
public record RunQuery(Optional<String> meterSerial, Optional<String> station, Optional<Instant> startedFrom, Optional<Instant> startedBefore,
        Set<Verdict> verdicts, int limit) {

    public static final int DEFAULT_LIMIT = 200;

    public RunQuery {
        Objects.requireNonNull(meterSerial, "meterSerial");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(startedFrom, "startedFrom");
        Objects.requireNonNull(startedBefore, "startedBefore");
        verdicts = verdicts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(verdicts));
        if (limit < 1) {
            throw new IllegalArgumentException("a run query limit must be at least 1, not " + limit);
        }
        if (startedFrom.isPresent() && startedBefore.isPresent() && !startedFrom.get().isBefore(startedBefore.get())) {
            throw new IllegalArgumentException("empty date range: from " + startedFrom.get() + " before "
                    + startedBefore.get());
        }
    }

    /** Every run, newest first, up to {@link #DEFAULT_LIMIT}. */
    public static RunQuery all() {
        return new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), DEFAULT_LIMIT);
    }

    /** Runs in which this meter was on one of the positions. */
    public RunQuery withMeterSerial(String serial) {
        return new RunQuery(Optional.of(Checks.requireText(serial, 100, "meter serial")), station, startedFrom, startedBefore,
                verdicts, limit);
    }

    /** Runs recorded by this station (bench). */
    public RunQuery withStation(String name) {
        return new RunQuery(meterSerial, Optional.of(Checks.requireText(name, Station.MAX_LENGTH, "station")),
                startedFrom, startedBefore, verdicts, limit);
    }

    /** Runs started at or after this instant and before the other: a half-open range. */
    public RunQuery withStartedBetween(Instant from, Instant before) {
        return new RunQuery(meterSerial, station, Optional.of(from), Optional.of(before), verdicts, limit);
    }

    public RunQuery withStartedFrom(Instant from) {
        return new RunQuery(meterSerial, station, Optional.of(from), startedBefore, verdicts, limit);
    }

    public RunQuery withStartedBefore(Instant before) {
        return new RunQuery(meterSerial, station, startedFrom, Optional.of(before), verdicts, limit);
    }

    /** Runs that ended with one of these verdicts. */
    public RunQuery withVerdicts(Verdict first, Verdict... more) {
        return new RunQuery(meterSerial, station, startedFrom, startedBefore, EnumSet.of(first, more), limit);
    }

    public RunQuery withLimit(int limit) {
        return new RunQuery(meterSerial, station, startedFrom, startedBefore, verdicts, limit);
    }
}
