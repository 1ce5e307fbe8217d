package org.testbench.sequences.engine;

import java.io.IOException;
import java.time.Duration;
import org.testbench.sequences.engine.OperatorPrompter.PromptDeclinedException;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Check;

/** Runs one action in a scope and returns its result; the step loop around it lives in {@link PositionRun}. */
final class ActionRunner {

    private ActionRunner() {
    }

    static StepResult run(Action action, StepScope scope) throws IOException, StepError, InterruptedException {
        if (action instanceof Action.MeterRead a) {
            return MeterActions.read(a, scope);
        }
        if (action instanceof Action.MeterSwitch a) {
            return MeterActions.switchLoad(a, scope);
        }
        if (action instanceof Action.MeterAttack a) {
            return MeterAttackAction.run(a, scope);
        }
        if (action instanceof Action.MdmsKeys a) {
            return MdmsActions.keys(a, scope);
        }
        if (action instanceof Action.BenchSource a) {
            return BenchActions.source(a, scope);
        }
        if (action instanceof Action.BenchMeasure) {
            return BenchActions.measure(scope);
        }
        if (action instanceof Action.BenchAmiLink a) {
            return BenchActions.amiLink(a, scope);
        }
        if (action instanceof Action.BenchSupply a) {
            return BenchActions.supply(a, scope);
        }
        if (action instanceof Action.BenchTamper a) {
            return BenchActions.tamper(a, scope);
        }
        if (action instanceof Action.EventsExpect a) {
            return EventActions.expect(a, scope);
        }
        if (action instanceof Action.MdmsCall a) {
            return MdmsActions.call(a, scope);
        }
        if (action instanceof Action.VerifyLoadSwitch a) {
            return VerifyLoadSwitch.run(a, scope);
        }
        if (action instanceof Action.CheckValue a) {
            CheckEvaluator.evaluate(a.check(), scope, true);
            return new StepResult().put("value", scope.resolve(a.check().value()));
        }
        if (action instanceof Action.Poll a) {
            return poll(a, scope);
        }
        if (action instanceof Action.Prompt a) {
            return prompt(a, scope);
        }
        if (action instanceof Action.TlsAudit a) {
            return TlsActions.audit(a, scope);
        }
        Action.Wait wait = (Action.Wait) action;
        Thread.sleep(wait.duration().toMillis());
        return new StepResult().put("waited", wait.duration().toMillis() / 1000.0);
    }

    /**
     * Repeats the action until every condition holds. The conditions see the latest result under the
     * step's own id; only the last attempt's findings count.
     */
    private static StepResult poll(Action.Poll poll, StepScope scope) throws IOException, StepError, InterruptedException {
        long deadline = System.nanoTime() + poll.timeout().toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            StepResult last = run(poll.action(), scope);
            last.put("attempts", (double) attempts);
            scope.context.remember(scope.step.id(), last);
            boolean allHold = true;
            for (Check c : poll.until()) {
                allHold &= CheckEvaluator.evaluate(c, scope, false);
            }
            if (allHold) {
                for (Check c : poll.until()) {
                    CheckEvaluator.evaluate(c, scope, true);
                }
                return last;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // Record the conditions that still do not hold: each becomes a finding of its declared type.
                for (Check c : poll.until()) {
                    CheckEvaluator.evaluate(c, scope, true);
                }
                return last;
            }
            Thread.sleep(Math.min(poll.interval().toMillis(), Duration.ofNanos(left).toMillis() + 1));
        }
    }

    private static StepResult prompt(Action.Prompt prompt, StepScope scope) throws StepError, InterruptedException {
        String message = String.valueOf(scope.resolve(prompt.message()));
        String answer;
        try {
            answer = scope.instruments.prompter().ask(scope.position(), prompt.promptKind(), message);
        } catch (PromptDeclinedException e) {
            throw new StepError("the operator declined: " + e.getMessage());
        }
        if (answer == null) {
            throw new StepError("no answer to the prompt '" + message + "'");
        }
        StepResult result = new StepResult().put("value", answer.strip());
        if (prompt.field() != null) {
            result.put(prompt.field(), answer.strip());
        }
        scope.measurement(prompt.field() == null ? "confirmed" : prompt.field(), answer.strip());
        return result;
    }
}
