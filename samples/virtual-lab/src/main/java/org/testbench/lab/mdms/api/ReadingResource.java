package org.testbench.lab.mdms.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.ReadingService;
import org.testbench.lab.mdms.service.RegisterReading;
import org.testbench.lab.mdms.service.ServiceException;

/** {@code readRegister} and {@code listMeterEvents}: synchronous reads from the meter. */
final class ReadingResource {

    private final ReadingService readings;

    ReadingResource(ReadingService readings) {
        this.readings = readings;
    }

    List<Route> routes() {
        return List.of(
                Route.authenticated("GET", "/meters/{serial}/registers/{obis}", "readRegister", this::register),
                Route.authenticated("GET", "/meters/{serial}/events", "listMeterEvents", this::events));
    }

    private Response register(Request request) {
        String serial = Parameters.serial(request);
        RegisterReading reading = readings.readRegister(serial, Parameters.obis(request, serial));
        return Response.ok(new Bodies.RegisterReading(reading.serial(), reading.obis(), reading.value(),
                reading.unit(), Bodies.time(reading.meterTimestamp()), Bodies.time(reading.readTimestamp())));
    }

    private Response events(Request request) {
        String serial = Parameters.serial(request);
        Optional<Instant> from = Parameters.instant(request, "from", serial);
        Optional<Instant> to = Parameters.instant(request, "to", serial);
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw ServiceException.badRequest("to: must not be before from", serial);
        }
        List<Bodies.Event> events = readings.events(serial, from, to).stream()
                .map(event -> new Bodies.Event(event.eventId(), event.code(), event.description(),
                        Bodies.time(event.meterTimestamp()), Bodies.time(event.receivedAt())))
                .toList();
        return Response.ok(new Bodies.EventList(serial, events));
    }
}
