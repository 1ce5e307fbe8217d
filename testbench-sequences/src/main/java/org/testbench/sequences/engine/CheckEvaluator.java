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
        return limit.describe();
    }
}
