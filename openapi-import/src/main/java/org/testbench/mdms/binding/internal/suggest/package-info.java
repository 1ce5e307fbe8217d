/**
 * The suggester's detection heuristics, each in a class of its own so that it can be tested and read
 * alone: which names carry a meter's serial, which inputs the bench can supply, what an id looks like in
 * the spec's examples, which of the API's state words mean what to the bench, and where a value's unit is.
 */
package org.testbench.mdms.binding.internal.suggest;
