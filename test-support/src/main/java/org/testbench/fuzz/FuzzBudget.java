package org.testbench.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzz slice's budget: each property's {@code tries} are sized for the normal suite (the whole slice in a few
 * minutes); long runs multiply them with {@code -Dfuzz.scale=N} (the {@code fuzz} Maven profile sets 20) and may
 * choose another seed with {@code -Dfuzz.seed=S}. Without those, a run is exactly the suite's, seed included.
 */
public final class FuzzBudget implements AroundPropertyHook {

    /** Registered on a class: the budget is for each of its properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int scale = Math.max(1, Integer.getInteger("fuzz.scale", 1));
        context.attributes().tries().ifPresent(tries -> context.attributes().setTries(tries * scale));
        String seed = System.getProperty("fuzz.seed", "");
        if (!seed.isBlank()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}
