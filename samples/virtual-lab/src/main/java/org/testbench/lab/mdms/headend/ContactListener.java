package org.testbench.lab.mdms.headend;

import java.time.Instant;

/** Told the outcome of every contact attempt, so that the MDMS can report a meter's communication status. */
@FunctionalInterface
public interface ContactListener {

    /**
     * @param serial the meter
     * @param answered true if the meter answered (even with an error), false if it could not be reached
     * @param at when the attempt ended
     */
    void contacted(String serial, boolean answered, Instant at);
}
