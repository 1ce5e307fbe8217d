package org.testbench.sequences.engine;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ObjectLocation;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Template;
import org.testbench.sequences.outcome.Finding;

/** The MDMS as the system under test: a capability call, its classified outcome and its findings. */
final class MdmsActions {

    /** The input that names a COSEM object; a role name there ({@code energyImport}) is resolved by the profile. */
    private static final String OBIS = "obis";

    private MdmsActions() {
    }

    /** A register read's value and unit together, so limits with units apply: {@code ${read.quantity}}. */
    private static void quantity(StepResult result) {
        Object value = result.get("value").orElse(null);
        Object unit = result.get("unit").orElse(null);
        if (value instanceof Number n && unit != null) {
            try {
                result.put("quantity", Quantity.of(n.doubleValue(), Unit.ofSymbol(String.valueOf(unit))));
            } catch (IllegalArgumentException unknownUnit) {
                // a unit the bench does not know: the number and the unit stay available separately
            }
        }
    }

    static StepResult call(Action.MdmsCall call, StepScope scope) throws IOException, StepError, InterruptedException {
        MdmsGateway mdms = scope.instruments.mdms().orElseThrow(() -> new StepError(call.kind()
                + " needs an MDMS, and none is configured"));
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, Template> p : call.params().entrySet()) {
            Object value = scope.resolve(p.getValue());
            // Parameters go into URLs and bodies as written: a serial stays text, a whole number has no ".0".
            params.put(p.getKey(), value instanceof String || value instanceof Boolean ? value : Values.format(value));
        }
        if (!params.containsKey("serial")) {
            scope.context.serial().ifPresent(s -> params.put("serial", s));
        }
        if (params.get(OBIS) instanceof String name && MeterObject.ofKey(name).isPresent()) {
            params.put(OBIS, obisOfRole(MeterObject.ofKey(name).get(), scope, call.kind()));
        }
        MdmsGateway.Result r = mdms.call(call.capability(), params, call.follow(), scope.step.timeout());
        StepResult result = answer(r, scope);
        quantity(result);
        return result;
    }

    /**
     * The OBIS code of a role ({@code obis: energyImport}) at this position's meter type: the MDMS is asked for the
     * register where this make keeps it (1.1.1.8.0.255 on one, 1.0.1.8.0.255 on another), as its profile says.
     * A role the type keeps only per tariff has no register of its own: the MDMS is asked for the code the profile
     * says it knows the total by ({@code mdms:}). Never a tariff register in its place — the MDMS's tariff 1
     * compared with the meter's total would be a false FAIL — and without {@code mdms:} the step is an ERROR.
     */
    private static String obisOfRole(MeterObject role, StepScope scope, String step) throws StepError {
        MeterProfile profile = scope.setup.profile();
        ObjectLocation at = profile.objects().locate(role).orElseThrow(() -> new StepError("obis: "
                + role.key() + " names an object that meter type " + profile.describe() + " does not have (its "
                + "profile marks it none)"));
        if (at.sum().isEmpty()) {
            return at.obis().toString();
        }
        return at.sum().get().mdmsCode().map(Object::toString).orElseThrow(() -> new StepError(step + ": obis: "
                + role.key() + " cannot be sent to the MDMS: meter type " + profile.describe() + " keeps "
                + role.key() + " only as the sum of " + at.sum().get().codes() + ", and its profile names no code the "
                + "MDMS knows the total by (objects." + role.key() + ".mdms)"));
    }

    /**
     * An MDMS answer as the step's result and record: evidence, the binding's values, outcome, HTTP status,
     * latency and the client's findings.
     *
     * @throws StepError when there was no answer at all (refused, reset, TLS): the test could not talk to the
     *                   system under test
     */
    private static StepResult answer(MdmsGateway.Result r, StepScope scope) throws StepError {
        for (String e : r.evidence()) {
            scope.evidence("http", e);
        }
        if (r.outcome() == MdmsOutcome.TRANSPORT) {
            throw new StepError("the MDMS could not be reached: " + r.message());
        }
        if (r.outcome() == MdmsOutcome.CREDENTIALS_REFUSED) {
            // The MDMS did nothing wrong: the bench presented credentials it does not accept.
            throw new StepError(r.message());
        }
        StepResult result = new StepResult();
        r.fields().forEach((k, v) -> result.put(k, v instanceof String s ? Values.literal(s) : v));
        Quantity latency = Quantity.of(r.latency().toMillis(), Unit.MILLISECOND);
        result.put("outcome", r.outcome().name()).put("httpStatus", (double) r.status()).put("latency", latency);
        scope.measurement("outcome", r.outcome().name());
        scope.measurement("httpStatus", r.status());
        scope.measurement("latency", latency);
        for (Finding f : r.findings()) {
            scope.finding(f);
        }
        return result;
    }

    /**
     * {@code mdms.keys.get}: the meter's keys from the MDMS, unwrapped, held for the position's later steps.
     * The result and the record show fingerprints only.
     */
    static StepResult keys(Action.MdmsKeys action, StepScope scope) throws IOException, StepError,
            InterruptedException {
        MdmsGateway mdms = scope.instruments.mdms().orElseThrow(() -> new StepError(action.kind()
                + " needs an MDMS, and none is configured"));
        String serial;
        if (action.serial().isPresent()) {
            serial = String.valueOf(scope.resolve(action.serial().get()));
        } else {
            serial = scope.context.serial().orElseThrow(() -> new StepError(action.kind() + ": no serial is known for"
                    + " position " + scope.position() + " (configure it, scan it, or read the meter first)"));
        }
        MdmsGateway.KeyDelivery delivery = mdms.keys(serial, scope.step.timeout());
        // The position owns the keys from here on, whatever happens next: it destroys them when it ends.
        delivery.keys().ifPresent(scope.context.deliveredKeys()::hold);
        StepResult result = answer(delivery.result(), scope).put("delivered", delivery.keys().isPresent());
        scope.measurement("delivered", delivery.keys().isPresent());
        if (delivery.keys().isPresent()) {
            // Fingerprints are how the record shows keys; the keys themselves are in the position's holder only.
            result.get("ekFingerprint").ifPresent(v -> scope.measurement("ekFingerprint", v));
            result.get("akFingerprint").ifPresent(v -> scope.measurement("akFingerprint", v));
        }
        return result;
    }
}
