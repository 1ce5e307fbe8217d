package org.testbench.sequences.engine;

import java.io.IOException;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.BenchReading;
import org.testbench.drivers.bench.ScpiExchange;
import org.testbench.drivers.bench.SourceSettings;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Template;

/** The bench as a witness and as the hand that cuts links and supplies. */
final class BenchActions {

    private BenchActions() {
    }

    /** The source is shared by every position: see {@link SharedSource}. */
    static StepResult source(Action.BenchSource action, StepScope scope) throws IOException, StepError {
        Bench bench = bench(scope);
        SharedSource source = scope.source.orElseThrow();
        int before = bench.evidence().size();
        StepResult result = new StepResult();
        if (action.on()) {
            SourceSettings now = source.current();
            SourceSettings wanted = new SourceSettings(
                    quantity(action.voltage().orElse(null), now.voltage(), Unit.VOLT, scope),
                    quantity(action.current().orElse(null), now.current(), Unit.AMPERE, scope),
                    quantity(action.phase().orElse(null), now.phase(), Unit.DEGREE, scope));
            SourceSettings s = source.switchOn(scope.position(), wanted);
            result.put("on", true).put("voltage", s.voltage()).put("current", s.current()).put("phase", s.phase());
        } else {
            boolean off = source.switchOff(scope.position());
            result.put("on", !off);
        }
        evidence(bench, before, scope);
        return result;
    }

    static StepResult measure(StepScope scope) throws IOException, StepError {
        Bench bench = bench(scope);
        BenchReading r = bench.measure(scope.position());
        scope.measurement("voltage", r.voltage());
        scope.measurement("current", r.current());
        scope.measurement("activePower", r.activePower());
        scope.measurement("apparentPower", r.apparentPower());
        return new StepResult().put("voltage", r.voltage()).put("current", r.current())
                .put("activePower", r.activePower()).put("apparentPower", r.apparentPower())
                .put("timestamp", r.timestamp());
    }

    static StepResult amiLink(Action.BenchAmiLink action, StepScope scope) throws IOException, StepError {
        Bench bench = bench(scope);
        bench.setAmiLink(scope.position(), action.up());
        return new StepResult().put("up", bench.isAmiLinkUp(scope.position()));
    }

    static StepResult supply(Action.BenchSupply action, StepScope scope) throws IOException, StepError {
        Bench bench = bench(scope);
        // Taken before the command: the meter may push its last gasp before the bench has answered.
        scope.context.provoked(java.time.Instant.now());
        bench.setSupply(scope.position(), action.on());
        return new StepResult().put("on", bench.isSupplyOn(scope.position()));
    }

    /** Opens the terminal cover or holds a magnet to the meter: the provocation of a tamper event. */
    static StepResult tamper(Action.BenchTamper action, StepScope scope) throws IOException, StepError {
        Bench bench = bench(scope);
        scope.context.provoked(java.time.Instant.now());
        bench.tamper(scope.position(), Bench.Tamper.valueOf(action.tamper().name()));
        return new StepResult().put("tamper", action.tamper().name().toLowerCase(java.util.Locale.ROOT));
    }

    static Bench bench(StepScope scope) throws StepError {
        return scope.instruments.bench().orElseThrow(() -> new StepError(scope.step.action().kind()
                + " needs a bench, and none is configured"));
    }

    private static Quantity quantity(Template given, Quantity current, Unit unit, StepScope scope) throws StepError {
        if (given == null) {
            return current;
        }
        Object value = scope.resolve(given);
        if (value instanceof Quantity q) {
            try {
                return q.to(unit);
            } catch (IllegalArgumentException e) {
                throw new StepError(scope.step.action().kind() + ": " + e.getMessage());
            }
        }
        if (value instanceof Number n) {
            return Quantity.of(n.doubleValue(), unit);
        }
        throw new StepError(scope.step.action().kind() + ": '" + given + "' is " + Values.describe(value)
                + ", expected a value in " + unit);
    }

    /** What the bench was told during this step; the bench is shared, so other positions' lines may mix in. */
    private static void evidence(Bench bench, int fromIndex, StepScope scope) {
        StringBuilder b = new StringBuilder();
        var all = bench.evidence();
        for (ScpiExchange e : all.subList(Math.min(fromIndex, all.size()), all.size())) {
            b.append(e).append('\n');
        }
        if (b.length() > 0) {
            scope.evidence("scpi", b.toString());
        }
    }
}
