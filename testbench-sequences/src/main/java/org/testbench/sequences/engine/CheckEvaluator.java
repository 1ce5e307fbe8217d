package org.testbench.sequences.engine;

import org.testbench.drivers.quantity.Quantity;
import org.testbench.sequences.language.Check;
import org.testbench.sequences.language.Limit;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/** Holds a value against its limit, with units respected; a failing check becomes a finding. */
final class CheckEvaluator {

    private CheckEvaluator() {
    }

    /** Whether the check holds; records the value and, when it fails and {@code record}, a finding. */
    static boolean evaluate(Check check, StepScope scope, boolean record) throws StepError {
        Object value = scope.resolve(check.value());
        boolean holds;
        String limit;
        try {
            limit = describe(check.limit(), scope);
            holds = holds(check.limit(), value, scope);
        } catch (IllegalArgumentException e) {
            throw new StepError("check at " + check.location() + ": " + e.getMessage());
        }
        if (record) {
            scope.measurement(check.value().toString(), value, limit, holds ? Verdict.PASS : Verdict.FAIL);
            if (!holds) {
                String message = check.message() != null ? String.valueOf(scope.resolve(check.message()))
                        : check.value() + " is " + Values.describe(value) + ", expected " + limit;
                scope.finding(Finding.of(check.finding(), message, check.value() + " = " + Values.describe(value)
                        + " (limit " + limit + ", " + check.location() + ")"));
            }
        }
        return holds;
    }

    private static boolean holds(Limit limit, Object value, StepScope scope) throws StepError {
        if (limit instanceof Limit.EqualTo l) {
            return Values.areEqual(value, scope.resolve(l.expected()));
        }
        if (limit instanceof Limit.NotEqualTo l) {
            return !Values.areEqual(value, scope.resolve(l.unexpected()));
        }
        if (limit instanceof Limit.Below l) {
            return Values.compare(value, scope.resolve(l.bound())) < 0;
        }
        if (limit instanceof Limit.Above l) {
            return Values.compare(value, scope.resolve(l.bound())) > 0;
        }
        if (limit instanceof Limit.Range l) {
            return Values.compare(value, scope.resolve(l.min())) >= 0
                    && Values.compare(value, scope.resolve(l.max())) <= 0;
        }
        if (limit instanceof Limit.WithinPercent l) {
            return withinPercent(value, scope.resolve(l.nominal()), l.percent());
        }
        if (limit instanceof Limit.Within l) {
            return within(value, scope.resolve(l.of()), scope.resolve(l.tolerance()));
        }
        return ((Limit.Matches) limit).pattern().matcher(String.valueOf(value)).matches();
    }

    private static boolean withinPercent(Object value, Object nominal, double percent) {
        if (value instanceof Quantity q && nominal instanceof Quantity n) {
            double v = q.in(n.unit());
            return Math.abs(v - n.value()) <= Math.abs(n.value()) * percent / 100;
        }
        double v = Values.asDouble(value, "the value");
        double n = Values.asDouble(nominal, "the nominal value");
        if (value instanceof Quantity || nominal instanceof Quantity) {
            throw new IllegalArgumentException("unit mismatch: " + Values.describe(value) + " within " + percent
                    + " % of " + Values.describe(nominal));
        }
        return Math.abs(v - n) <= Math.abs(n) * percent / 100;
    }

    /** |value - of| <= tolerance; for instants the tolerance is a time (10 s), for quantities one of their kind. */
    private static boolean within(Object value, Object of, Object tolerance) {
        if (value instanceof java.time.Instant a && of instanceof java.time.Instant b) {
            if (!(tolerance instanceof Quantity t)) {
                throw new IllegalArgumentException("the tolerance of a time must be a duration such as 10 s, found "
                        + Values.describe(tolerance));
            }
            double seconds = t.in(org.testbench.drivers.quantity.Unit.SECOND);
            return Math.abs(java.time.Duration.between(a, b).toMillis()) <= seconds * 1000;
        }
        if (value instanceof Quantity v && of instanceof Quantity o && tolerance instanceof Quantity t) {
            return Math.abs(v.in(o.unit()) - o.value()) <= t.in(o.unit());
        }
        if (value instanceof Number v && of instanceof Number o && tolerance instanceof Number t) {
            return Math.abs(v.doubleValue() - o.doubleValue()) <= t.doubleValue();
        }
        throw new IllegalArgumentException("unit mismatch: " + Values.describe(value) + " within "
                + Values.describe(tolerance) + " of " + Values.describe(of));
    }

    /** The limit with its references resolved, as a report shows it. */
    private static String describe(Limit limit, StepScope scope) throws StepError {
        if (limit instanceof Limit.EqualTo l) {
            return "= " + Values.format(scope.resolve(l.expected()));
        }
        if (limit instanceof Limit.NotEqualTo l) {
            return "≠ " + Values.format(scope.resolve(l.unexpected()));
        }
        if (limit instanceof Limit.Below l) {
            return "< " + Values.format(scope.resolve(l.bound()));
        }
        if (limit instanceof Limit.Above l) {
            return "> " + Values.format(scope.resolve(l.bound()));
        }
        if (limit instanceof Limit.Range l) {
            return "in [" + Values.format(scope.resolve(l.min())) + ", " + Values.format(scope.resolve(l.max())) + "]";
        }
        if (limit instanceof Limit.WithinPercent l) {
            return "within " + Values.format(l.percent()) + " % of " + Values.format(scope.resolve(l.nominal()));
        }
        if (limit instanceof Limit.Within l) {
            return "within " + Values.format(scope.resolve(l.tolerance())) + " of " + Values.format(scope.resolve(l.of()));
        }
        return limit.describe();
    }
}
