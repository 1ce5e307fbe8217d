package org.testbench.sequences.results;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.testbench.sequences.outcome.Verdict;

/**
 * One measured or read value of a step, with the limit it was held against as the sequence states it
 * (e.g. "&lt; 0.05 A"), the verdict of that comparison, and when it was taken.
 *
 * @param limit empty for a value recorded for information only
 * @param measuredAt kept to the microsecond
 */
public record MeasurementRecord(String name, MeasuredValue value, Optional<String> limit, Verdict verdict,
        Instant measuredAt) {

    public MeasurementRecord {
        Checks.requireText(name, 200, "measurement name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(limit, "limit");
        limit.ifPresent(l -> Checks.requireFits(l, 500, "limit of measurement '" + name + "'"));
        Objects.requireNonNull(verdict, "verdict");
        measuredAt = Checks.micros(measuredAt, "measurement time");
    }

    /**
     * @param limit the limit as the sequence states it, or null for a value without a limit
     */
    public static MeasurementRecord numeric(String name, double value, String unit, String limit, Verdict verdict,
            Instant measuredAt) {
        return new MeasurementRecord(name, MeasuredValue.numeric(value, unit), Optional.ofNullable(limit), verdict,
                measuredAt);
    }

    /**
     * @param limit the expected text or pattern as the sequence states it, or null for none
     */
    public static MeasurementRecord text(String name, String value, String limit, Verdict verdict,
            Instant measuredAt) {
        return new MeasurementRecord(name, MeasuredValue.text(value), Optional.ofNullable(limit), verdict,
                measuredAt);
    }
}
