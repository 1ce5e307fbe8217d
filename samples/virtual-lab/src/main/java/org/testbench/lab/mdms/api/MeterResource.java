package org.testbench.lab.mdms.api;

import java.util.List;

import org.testbench.lab.mdms.MdmsMeter;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.ServiceException;
import org.testbench.lab.mdms.store.MeterRegistry;

/** {@code listMeters} and {@code getMeter}: the MDMS's records, without contacting any meter. */
final class MeterResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final MeterRegistry meters;

    MeterResource(MeterRegistry meters) {
        this.meters = meters;
    }

    List<Route> routes() {
        return List.of(Route.authenticated("GET", "/meters", "listMeters", this::list),
                Route.authenticated("GET", "/meters/{serial}", "getMeter", this::get));
    }

    private Response list(Request request) {
        int limit = Parameters.integer(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = Parameters.integer(request, "offset", 0, 0, Integer.MAX_VALUE);
        List<Bodies.MeterSummary> page = meters.page(offset, limit).stream()
                .map(meter -> Bodies.MeterSummary.of(meter, meters.communication(meter.serial()))).toList();
        return Response.ok(new Bodies.MeterPage(page, meters.size(), limit, offset));
    }

    private Response get(Request request) {
        String serial = Parameters.serial(request);
        MdmsMeter meter = meters.find(serial).orElseThrow(() -> ServiceException.meterNotFound(serial));
        return Response.ok(Bodies.Meter.of(meter, meters.communication(serial)));
    }
}
