package org.testbench.lab.mdms.service;

/** The API's error codes ({@code Error.code} in mdms-v1.yaml) with the HTTP status each is answered with. */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_OBIS(400),
    INVALID_CERTIFICATE(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    METER_NOT_FOUND(404),
    COMMAND_NOT_FOUND(404),
    REGISTER_NOT_FOUND(404),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    COMMAND_CONFLICT(409),
    INTERNAL_ERROR(500),
    METER_UNREACHABLE(504);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
