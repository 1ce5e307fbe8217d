package org.testbench.lab.mdms.service;

import java.util.Objects;
import java.util.Optional;

/**
 * An operation ends with an API error. Carries exactly what the {@code Error} body shows; nothing
 * in it may be secret (no token, no key, no frame bytes).
 */
public final class ServiceException extends RuntimeException {

    private final ErrorCode code;
    private final String detail;
    private final String meter;

    public ServiceException(ErrorCode code, String message, String detail, String meter) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.detail = detail;
        this.meter = meter;
    }

    public static ServiceException badRequest(String detail, String meter) {
        return new ServiceException(ErrorCode.BAD_REQUEST, "The request is not valid", detail, meter);
    }

    public static ServiceException meterNotFound(String serial) {
        return new ServiceException(ErrorCode.METER_NOT_FOUND, "Unknown meter", "serial: no meter " + serial, serial);
    }

    public static ServiceException internal(String reference) {
        return new ServiceException(ErrorCode.INTERNAL_ERROR, "Internal error, reference " + reference, null, null);
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Optional<String> meter() {
        return Optional.ofNullable(meter);
    }
}
