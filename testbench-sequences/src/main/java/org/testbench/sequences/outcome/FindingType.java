package org.testbench.sequences.outcome;

/**
 * What kind of misbehaviour a finding proves. Each comes with the evidence that proves it; the types
 * are what QA filters on and what an MDMS vendor gets back.
 */
public enum FindingType {
    /** The MDMS claim, the meter and the bench do not tell the same (e.g. MDMS says CLOSED, meter open, no current). */
    DATA_INCONSISTENCY,
    /** An error answer without a usable message: a bare 500, a 4xx with an empty body. */
    UNCLEAR_ERROR,
    /** The MDMS offers no way to ask for a status the test needs. */
    STATUS_UNAVAILABLE,
    /** An unreachable meter reported as something else (an internal error, a success). */
    UNREACHABLE_MISREPORTED,
    /** Nameplate, optical identity and MDMS record name different meters. */
    ID_MISMATCH,
    /** A value presented as fresh that is not (cached, with a new timestamp). */
    STALE_DATA,
    /** Clocks or timestamps apart by more than allowed. */
    TIMESTAMP_DRIFT,
    /** The API documentation lacks what an integrator needs. */
    DOCUMENTATION_GAP,
    /** An answer or an event later than allowed. */
    LATENCY,
    /** A response that violates the documented contract (status code, schema, error in a success). */
    CONTRACT_VIOLATION,
    /** A security weakness: accepted replay, weak TLS, a key in plain text. */
    SECURITY,
    /** A measured or read value outside its limit. */
    LIMIT_EXCEEDED,
    /** A provoked event that did not arrive (on the broker, in the MDMS, or in the meter's own log). */
    EVENT_MISSING,
    /** One event processed more than once: a second MDMS record with the same event id. */
    EVENT_DUPLICATED,
    /** An event payload whose signature does not verify under the meter's key. */
    SIGNATURE_INVALID,
    /** An MDMS that stored an event without checking its signature, or stored a forged one. */
    SIGNATURE_NOT_CHECKED,
    /**
     * A meter that processes what its protocol standard says to discard or refuse (a frame with a bad FCS, an
     * APDU cut short) where no attacker gains from it: a certification lab's failure, not a security weakness.
     */
    CONFORMANCE
}
