package org.testbench.drivers.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testbench.drivers.bench.BenchReading;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.quantity.Unit;

/**
 * The two independent witnesses of a load switch side by side: the meter's own output_state (optical
 * port) and the current the bench measures through the meter. Says what each one testifies, whether
 * they agree, and against an expected position which witness disagrees — in words a technician can
 * act on ("meter reports output_state=true, bench measures 0.002 A: ...").
 */
public record LoadSwitchEvidence(LoadSwitchState meter, BenchReading bench, LoadSwitchThresholds thresholds) {

    public LoadSwitchEvidence {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    public SwitchPosition meterSays() {
        return meter.outputState() ? SwitchPosition.CLOSED : SwitchPosition.OPEN;
    }

    public SwitchPosition benchSays() {
        if (bench.voltage().in(Unit.VOLT) < thresholds.minimumVoltage().in(Unit.VOLT)) {
            return SwitchPosition.UNDETERMINED;
        }
        double current = Math.abs(bench.current().in(Unit.AMPERE));
        if (current < thresholds.openBelow().in(Unit.AMPERE)) {
            return SwitchPosition.OPEN;
        }
        double nominal = thresholds.nominalCurrent().in(Unit.AMPERE);
        if (Math.abs(current - nominal) <= nominal * thresholds.closedTolerancePercent() / 100) {
            return SwitchPosition.CLOSED;
        }
        return SwitchPosition.UNDETERMINED;
    }

    public SwitchPosition of(Witness witness) {
        return witness == Witness.METER ? meterSays() : benchSays();
    }

    /** Both witnesses tell the same, determined position. */
    public boolean witnessesAgree() {
        return meterSays() == benchSays();
    }

    /** The witnesses that do not confirm the expected position (an undetermined one does not confirm). */
    public List<Witness> dissentingFrom(SwitchPosition expected) {
        if (expected == SwitchPosition.UNDETERMINED) {
            throw new IllegalArgumentException("expect OPEN or CLOSED, not UNDETERMINED");
        }
        List<Witness> dissenting = new ArrayList<>();
        for (Witness w : Witness.values()) {
            if (of(w) != expected) {
                dissenting.add(w);
            }
        }
        return dissenting;
    }

    /** Both witnesses confirm the expected position. */
    public boolean confirms(SwitchPosition expected) {
        return dissentingFrom(expected).isEmpty();
    }

    /** One line with both testimonies, e.g. for a finding or a report. */
    public String describe() {
        return "meter reports output_state=" + meter.outputState() + " (" + meter.controlState() + "), bench measures "
                + bench.current() + " at " + bench.voltage() + " on position " + bench.position() + " ("
                + benchSays().name().toLowerCase(java.util.Locale.ROOT) + benchReason() + ")";
    }

    /** Against an expected position: empty when confirmed, else who disagrees and what both said. */
    public String describeAgainst(SwitchPosition expected) {
        List<Witness> dissenting = dissentingFrom(expected);
        if (dissenting.isEmpty()) {
            return "load switch " + expected + " confirmed: " + describe();
        }
        return "expected " + expected + ", but " + (dissenting.size() == 2 ? "the meter and the bench disagree"
                : dissenting.get(0) == Witness.METER ? "the meter disagrees" : "the bench disagrees") + ": "
                + describe();
    }

    private String benchReason() {
        return switch (benchSays()) {
            case OPEN -> ": below " + thresholds.openBelow();
            case CLOSED -> ": within " + fmt(thresholds.closedTolerancePercent()) + " % of " + thresholds.nominalCurrent();
            case UNDETERMINED -> bench.voltage().in(Unit.VOLT) < thresholds.minimumVoltage().in(Unit.VOLT)
                    ? ": no voltage, the bench cannot tell"
                    : ": neither below " + thresholds.openBelow() + " nor within "
                            + fmt(thresholds.closedTolerancePercent()) + " % of " + thresholds.nominalCurrent();
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
