package org.testbench.lab.mdms.http;

import org.testbench.lab.mdms.service.ServiceException;

/** The {@code Error} schema of mdms-v1.yaml; detail and meter are present as null when unknown. */
record ErrorBody(String code, String message, String detail, String meter) {

    static ErrorBody of(ServiceException error) {
        return new ErrorBody(error.code().name(), error.getMessage(), error.detail().orElse(null),
                error.meter().orElse(null));
    }
}
