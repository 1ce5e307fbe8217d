package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Template;
import org.testbench.sequences.outcome.Finding;

/** The MDMS as the system under test: a capability call, its classified outcome and its findings. */
final class MdmsActions {

    private MdmsActions() {
    }

    static StepResult call(Action.MdmsCall call, StepScope scope) throws IOException, StepError, InterruptedException {
        MdmsGateway mdms = scope.instruments.mdms().orElseThrow(() -> new StepError(call.kind()
                + " needs an MDMS, and none is configured"));
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, Template> p : call.params().entrySet()) {
            Object value = scope.resolve(p.getValue());
            params.put(p.getKey(), value instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : value);
        }
        if (!params.containsKey("serial")) {
            scope.context.serial().ifPresent(s -> params.put("serial", s));
        }
        MdmsGateway.Result r = mdms.call(call.capability(), params, call.follow(), scope.step.timeout());
        StepResult result = new StepResult();
        r.fields().forEach((k, v) -> result.put(k, v instanceof String s ? Values.literal(s) : v));
        result.put("outcome", r.outcome()).put("status", (double) r.status())
                .put("latency", Quantity.of(r.latency().toMillis(), Unit.MILLISECOND));
        scope.measurement("outcome", r.outcome());
        scope.measurement("status", r.status());
        scope.measurement("latency", Quantity.of(r.latency().toMillis(), Unit.MILLISECOND));
        for (String e : r.evidence()) {
            scope.evidence("http", e);
        }
        for (Finding f : r.findings()) {
            scope.finding(f);
        }
        return result;
    }
}
