package org.testbench.lab.mdms.http;

import java.util.Map;

import org.testbench.lab.mdms.service.ServiceException;

/** How an API dialect writes an error on the wire: its body and media type. */
@FunctionalInterface
public interface ErrorFormat {

    /** The reference API's {@code Error} body, {@code application/json}. */
    ErrorFormat REFERENCE = (error, headers) -> new Response(error.code().httpStatus(), ErrorBody.of(error), headers,
            false);

    /** The documented answer for this error, with these extra headers (a 401's challenge). */
    Response render(ServiceException error, Map<String, String> headers);
}
