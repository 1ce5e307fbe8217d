package org.testbench.lab.mdms.dialect.metercloud;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.testbench.lab.mdms.http.ErrorFormat;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.service.ServiceException;

/** Errors as {@code {"error":{"code":"meter_not_found","message":…,"details":…}}}, lower-case codes. */
final class NestedErrors implements ErrorFormat {

    @Override
    public Response render(ServiceException error, Map<String, String> headers) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", error.code().name().toLowerCase(Locale.ROOT));
        inner.put("message", error.getMessage());
        error.detail().ifPresent(detail -> inner.put("details", detail));
        return new Response(error.code().httpStatus(), Map.of("error", inner), headers, false);
    }
}
