package org.testbench.mdms.audit;

/**
 * The documentation checklist. Each rule says what the lab needs from the vendor's document and why
 * (the lab paper, section 8: every call with verb, URL, parameters, bodies, examples and response codes;
 * errors that tell a bad request from a server fault from an unreachable meter).
 */
public enum AuditRule {
    DESCRIPTION_MISSING(Severity.WARNING, "Every operation has a description",
            "without it the engineer guesses what the operation does, and whether it contacts the meter"),
    OPERATION_ID_MISSING(Severity.WARNING, "Every operation has an operationId",
            "bindings and API diffs follow an operation across versions by its id"),
    REQUEST_EXAMPLE_MISSING(Severity.WARNING, "Every request body has an example",
            "an example shows the exact form the MDMS accepts"),
    RESPONSE_EXAMPLE_MISSING(Severity.WARNING, "Every response body has an example",
            "an example shows which values really appear (units, timestamps, states)"),
    RESPONSE_SCHEMA_MISSING(Severity.ERROR, "Every response with a body documents its schema",
            "the bench validates every answer against the schema and reads values by JSON Pointer"),
    NO_SUCCESS_RESPONSE(Severity.WARNING, "Every operation documents its success answer",
            "the bench cannot read values from an answer it knows nothing about"),
    CLIENT_ERRORS_UNDOCUMENTED(Severity.ERROR, "4xx answers are documented",
            "a rejected request must be told apart from a fault of the MDMS"),
    SERVER_ERRORS_UNDOCUMENTED(Severity.ERROR, "5xx answers are documented",
            "MDMS faults and an unreachable meter must be documented to be recognised"),
    ERRORS_NOT_DISTINCT(Severity.ERROR, "4xx and 5xx are documented separately",
            "a single 'default' error cannot tell the lab whether the request or the MDMS was at fault"),
    ERROR_SCHEMA_WITHOUT_MESSAGE(Severity.ERROR, "Every error schema has a message field",
            "'HTTP 400 Bad Request' alone leaves manual work; '400 – attribute1 is empty' does not"),
    SECURITY_MISSING(Severity.WARNING, "Every operation declares its security",
            "the bench must know which credentials (token, client certificate) each call needs"),
    SECURITY_DISABLED(Severity.INFO, "Operations without credentials are deliberate",
            "an operation that overrides the document's security with none is callable by anyone"),
    NO_SECURITY_SCHEMES(Severity.WARNING, "The document declares its security schemes",
            "TLS client certificates and tokens must be documented to be configured"),
    PARSER_WARNING(Severity.WARNING, "The document is valid OpenAPI",
            "tools read an invalid document differently; the parser's remarks say where it is not valid");

    private final Severity severity;
    private final String requirement;
    private final String why;

    AuditRule(Severity severity, String requirement, String why) {
        this.severity = severity;
        this.requirement = requirement;
        this.why = why;
    }

    public Severity severity() {
        return severity;
    }

    /** The requirement, as a checklist line. */
    public String requirement() {
        return requirement;
    }

    /** Why the lab needs it, for the vendor. */
    public String why() {
        return why;
    }
}
