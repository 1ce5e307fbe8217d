package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.Locale;
import org.testbench.drivers.bench.BenchReading;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.evidence.LoadSwitchEvidence;
import org.testbench.drivers.evidence.LoadSwitchThresholds;
import org.testbench.drivers.evidence.SwitchPosition;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;

/**
 * Never trust a single source: the meter's own output_state (read now over the optical port), the
 * bench's current (measured now), and what the MDMS claims, each held against the expected position.
 */
final class VerifyLoadSwitch {

    private VerifyLoadSwitch() {
    }

    static StepResult run(Action.VerifyLoadSwitch action, StepScope scope) throws IOException, StepError {
        SwitchPosition expected = action.expectClosed() ? SwitchPosition.CLOSED : SwitchPosition.OPEN;
        LoadSwitchThresholds thresholds;
        try {
            thresholds = new LoadSwitchThresholds(quantity(scope.resolve(action.nominalCurrent()), "nominal_current"),
                    quantity(scope.resolve(action.openBelow()), "open_below"), action.closedTolerancePercent(),
                    Quantity.of(50, Unit.VOLT));
        } catch (IllegalArgumentException e) {
            throw new StepError("verify.loadSwitch: " + e.getMessage());
        }
        LoadSwitchState meter = MeterActions.readLoadSwitch(scope);
        BenchReading bench = BenchActions.bench(scope).measure(scope.position());
        LoadSwitchEvidence evidence = new LoadSwitchEvidence(meter, bench, thresholds);
        scope.measurement("meter outputState", meter.outputState());
        scope.measurement("bench current", bench.current(), "open < " + thresholds.openBelow() + ", closed within "
                + thresholds.closedTolerancePercent() + " % of " + thresholds.nominalCurrent(), null);
        scope.evidence("witnesses", evidence.describe());

        StepResult result = new StepResult().put("meter", evidence.meterSays().name())
                .put("bench", evidence.benchSays().name()).put("current", bench.current())
                .put("outputState", meter.outputState()).put("relay", meter.relay().name())
                .put("agree", evidence.witnessesAgree());
        String mdmsClaim = null;
        if (action.mdmsClaim().isPresent()) {
            mdmsClaim = normalise(scope.resolve(action.mdmsClaim().get()));
            result.put("mdms", mdmsClaim);
        }
        boolean witnessesConfirm = evidence.confirms(expected);
        boolean mdmsConfirms = mdmsClaim == null || mdmsClaim.equals(expected.name());
        if (!witnessesConfirm || !mdmsConfirms) {
            String claim = mdmsClaim == null ? "" : "MDMS claims " + mdmsClaim + "; ";
            scope.finding(Finding.of(FindingType.DATA_INCONSISTENCY, claim + evidence.describeAgainst(expected)
                    + (mdmsConfirms ? "" : " — the MDMS disagrees"), evidence.describe()));
        }
        result.put("confirmed", witnessesConfirm && mdmsConfirms);
        return result;
    }

    private static Quantity quantity(Object value, String what) {
        if (value instanceof Quantity q) {
            return q;
        }
        throw new IllegalArgumentException(what + " must be a current with its unit (e.g. 5 A), found "
                + Values.describe(value));
    }

    /**
     * OPEN/CLOSED/ARMED from the words MDMSs use: open, opened, disconnected, off / closed, connected, on /
     * armed, ready, ready_for_reconnection (a reconnect the meter armed and its button completes: still open).
     */
    private static String normalise(Object claim) {
        String c = String.valueOf(claim).strip().toUpperCase(Locale.ROOT);
        return switch (c) {
            case "OPEN", "OPENED", "DISCONNECTED", "OFF", "FALSE" -> "OPEN";
            case "CLOSED", "CLOSE", "CONNECTED", "ON", "TRUE" -> "CLOSED";
            case "ARMED", "READY", "READY_FOR_RECONNECTION", "READY FOR RECONNECTION" -> "ARMED";
            default -> c;
        };
    }
}
