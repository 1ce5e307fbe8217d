package org.testbench.mdms.client;

/**
 * How a call to the MDMS ended, coarse enough for a verdict. A meter the MDMS cannot reach is kept
 * apart from a fault of the MDMS, and both from a bench that could not talk to the MDMS at all.
 */
public enum MdmsOutcome {
    /** 2xx: the MDMS accepted or answered. */
    OK,
    /** 4xx: the MDMS refused the request (with or without a usable message: see the findings). */
    REJECTED,
    /** 5xx that is not "meter unreachable": a fault of the MDMS. */
    SERVER_ERROR,
    /** The MDMS says it could not reach the meter, as the binding recognises it. */
    METER_UNREACHABLE,
    /**
     * 401, or 403 about the credentials: the MDMS refused who the bench says it is. The bench is
     * misconfigured (token, key, client secret, certificate): the test could not be carried out.
     */
    CREDENTIALS_REFUSED,
    /**
     * An answer, but not in the documented media type (an HTML page, plain text, invalid JSON where JSON is
     * documented) with a success status: the MDMS was reached and misbehaved. 4xx and 5xx keep their outcome
     * (with the finding {@link FindingKind#NOT_JSON}).
     */
    MALFORMED,
    /** No complete answer in time (call or read timeout, a body that drips too slowly). */
    TIMEOUT,
    /** No usable answer: connection refused or reset, TLS handshake refused, a redirect. */
    TRANSPORT
}
