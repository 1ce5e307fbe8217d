package org.testbench.mdms.binding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call's inputs, as the caller gave them and as the API writes them (the binding's {@code inputs:}
 * rules): what a request is built from, and what a value is picked from an answer by
 * ({@code /${obis}/value}, {@code where: {/obis: "${obis}"}}).
 */
public final class CallInputs {

    private final Map<String, Object> given;
    private final Map<String, InputRule> rules;
    private Map<String, Object> written;

    /**
     * @param given the caller's inputs (chained ones included)
     * @param rules the binding's rules by input name ({@link Binding#inputs()})
     */
    public CallInputs(Map<String, ?> given, Map<String, InputRule> rules) {
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        this.rules = Map.copyOf(rules);
    }

    /** No inputs and no rules: for answers read outside a call. */
    public static CallInputs none() {
        return new CallInputs(Map.of(), Map.of());
    }

    public Map<String, Object> given() {
        return given;
    }

    /**
     * The inputs as the API wants them written; chained inputs as the MDMS gave them.
     *
     * @throws IllegalArgumentException naming the input whose value is not in the form its rule reads
     */
    public Map<String, Object> written() {
        if (written == null) {
            Map<String, Object> w = new LinkedHashMap<>(given);
            for (InputRule rule : rules.values()) {
                if (!rule.isChained() && w.containsKey(rule.name())) {
                    w.put(rule.name(), rule.apply(w.get(rule.name())));
                }
            }
            written = Collections.unmodifiableMap(w);
        }
        return written;
    }

    /**
     * Whether a value of the answer is what a condition asks for: the condition's text with the inputs written
     * in, or, for a condition that is one OBIS input ({@code "${obis}"}), the same register in any form its
     * rule allows ({@link InputRule#sameObis}).
     */
    public boolean matches(ValueTemplate condition, JsonNode found) {
        Objects.requireNonNull(condition, "condition");
        if (found == null || found.isMissingNode() || found.isNull() || found.isContainerNode()) {
            return false;
        }
        String text = found.asText();
        Optional<String> whole = condition.wholePlaceholder();
        if (whole.isPresent() && rules.containsKey(whole.get())
                && rules.get(whole.get()).sameObis(given.get(whole.get()), text)) {
            return true;
        }
        return text.equals(condition.renderText(written()));
    }

    /** The condition's text as looked for, for messages: {@code 1-0:1.8.0}. */
    public String describe(ValueTemplate condition) {
        try {
            return condition.renderText(written());
        } catch (IllegalArgumentException missing) {
            return condition.toString();
        }
    }
}
