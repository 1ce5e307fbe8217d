package org.testbench.lab.mdms.http;

import java.util.Map;

import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * Turns outcomes into what goes on the wire: errors become the dialect's documented error body with
 * their status, unless a fault profile makes the MDMS hide them.
 *
 * <ul>
 * <li>opaque-errors: every status of 400 and above becomes 500 with an empty body (it wins over
 * generic-200 for errors);</li>
 * <li>html-errors: every status of 400 and above becomes {@code 200 text/html}, an error page (after
 * opaque-errors, before generic-200);</li>
 * <li>generic-200: every error, and every accepted command, becomes {@code 200 {}}.</li>
 * </ul>
 */
final class ResponsePolicy {

    private static final Map<String, Object> EMPTY_OBJECT = Map.of();

    private final boolean opaqueErrors;
    private final boolean htmlErrors;
    private final boolean generic200;
    private final ErrorFormat errors;
    private final String challenge;

    ResponsePolicy(MdmsSettings settings, ErrorFormat errors, String challenge) {
        this.opaqueErrors = settings.has(MdmsFault.OPAQUE_ERRORS);
        this.htmlErrors = settings.has(MdmsFault.HTML_ERRORS);
        this.generic200 = settings.has(MdmsFault.GENERIC_200);
        this.errors = errors;
        this.challenge = challenge;
    }

    Response ofError(ServiceException error) {
        Response documented = errors.render(error,
                error.code().httpStatus() == 401 ? Map.of("WWW-Authenticate", challenge) : Map.of());
        return apply(documented);
    }

    Response apply(Response response) {
        if (response.status() >= 400) {
            if (opaqueErrors) {
                return Response.empty(500);
            }
            if (htmlErrors) {
                return errorPage(response.status());
            }
            if (generic200) {
                return Response.ok(EMPTY_OBJECT);
            }
        }
        if (response.commandAccepted() && generic200) {
            return Response.ok(EMPTY_OBJECT);
        }
        return response;
    }

    /** What a web front end shows instead of the API's error: a page, with success status. */
    private static Response errorPage(int status) {
        String page = "<!DOCTYPE html>\n<html><head><title>Service notice</title></head><body>"
                + "<h1>Something went wrong</h1><p>The request could not be completed (code " + status
                + "). Please try again later or contact your administrator.</p></body></html>\n";
        return new Response(200, new Response.Text(page), Map.of("Content-Type", "text/html; charset=utf-8"), false);
    }
}
