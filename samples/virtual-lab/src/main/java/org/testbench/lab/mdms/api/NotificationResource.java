package org.testbench.lab.mdms.api;

import java.util.List;

import org.testbench.lab.mdms.events.Notification;
import org.testbench.lab.mdms.events.NotificationStore;
import org.testbench.lab.mdms.events.RejectedMessage;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.ServiceException;
import org.testbench.lab.mdms.store.MeterRegistry;

/**
 * {@code listEventNotifications}: the events the meter pushed through the broker, as the MDMS
 * stored them, and the messages naming the meter that it refused. Answered from the MDMS's own
 * records: it works while the meter is dead, which is when a last gasp matters.
 */
final class NotificationResource {

    private final MeterRegistry meters;
    private final NotificationStore store;

    NotificationResource(MeterRegistry meters, NotificationStore store) {
        this.meters = meters;
        this.store = store;
    }

    List<Route> routes() {
        return List.of(Route.authenticated("GET", "/meters/{serial}/notifications", "listEventNotifications",
                this::list));
    }

    private Response list(Request request) {
        String serial = Parameters.serial(request);
        meters.find(serial).orElseThrow(() -> ServiceException.meterNotFound(serial));
        List<Bodies.EventNotification> notifications = store.of(serial).stream()
                .map(NotificationResource::body).toList();
        List<Bodies.RejectedNotification> rejected = store.rejectedOf(serial).stream()
                .map(NotificationResource::body).toList();
        return Response.ok(new Bodies.EventNotificationList(serial, notifications, rejected));
    }

    private static Bodies.EventNotification body(Notification n) {
        // Arrival times to the millisecond: a latency window of 500 ms is judged on them.
        return new Bodies.EventNotification(n.eventId(), n.code(), n.type(), n.obis(), Bodies.time(n.meterTimestamp()),
                Bodies.time(n.receivedAt()), Bodies.time(n.storedAt()), n.topic(), n.signatureChecked(),
                n.signatureValid());
    }

    private static Bodies.RejectedNotification body(RejectedMessage r) {
        return new Bodies.RejectedNotification(r.eventId(), Bodies.time(r.receivedAt()), r.topic(), r.reason(),
                r.detail());
    }
}
