package org.testbench.lab.mdms.dialect.gridflow;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.testbench.lab.mdms.http.ErrorFormat;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/** Errors as RFC 7807 {@code application/problem+json}: type, title, status, detail, and gridflow's errorCode. */
final class ProblemJson implements ErrorFormat {

    static final String TYPE_BASE = "https://gridflow.example/problems/";

    @Override
    public Response render(ServiceException error, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        String code = code(error.code());
        body.put("type", TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", error.getMessage());
        body.put("status", error.code().httpStatus());
        error.detail().ifPresent(detail -> body.put("detail", detail));
        body.put("errorCode", code);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/problem+json");
        return new Response(error.code().httpStatus(), body, all, false);
    }

    /** gridflow speaks of devices, not meters. */
    static String code(ErrorCode code) {
        return switch (code) {
            case METER_NOT_FOUND -> "DEVICE_NOT_FOUND";
            case METER_UNREACHABLE -> "DEVICE_UNREACHABLE";
            case COMMAND_NOT_FOUND -> "JOB_NOT_FOUND";
            case COMMAND_CONFLICT -> "JOB_CONFLICT";
            case REGISTER_NOT_FOUND -> "QUANTITY_NOT_FOUND";
            case INVALID_OBIS -> "INVALID_OBIS_CODE";
            default -> code.name();
        };
    }
}
