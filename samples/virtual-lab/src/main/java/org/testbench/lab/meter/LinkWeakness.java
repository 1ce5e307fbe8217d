package org.testbench.lab.meter;

/**
 * A way a weak meter type mishandles the link or the association, so that the bench's negative tests can be
 * shown to catch it. Strict types have none.
 */
public enum LinkWeakness {
    /** Processes an HDLC frame whose frame check sequence is wrong instead of discarding it. */
    ANSWERS_BAD_FCS,
    /** Falls silent on the link after an I-frame longer than the information field it negotiated. */
    MUTE_AFTER_LONG_INFO_FIELD,
    /** Accepts the first wrong LLS password it is given after power-up (a firmware's retry counter bug). */
    ACCEPTS_WRONG_LLS_PASSWORD_ONCE
}
