package org.testbench.lab.mdms.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.events.NotificationStore;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.keys.KeyExporter;
import org.testbench.lab.mdms.service.CommandService;
import org.testbench.lab.mdms.service.ReadingService;
import org.testbench.lab.mdms.store.MeterRegistry;

/** Every operation of mdms-v1.yaml, as routes for the HTTP server. */
public final class MdmsApi {

    private MdmsApi() {
    }

    public static List<Route> routes(MeterRegistry meters, ReadingService readings, CommandService commands,
            KeyExporter keys, MdmsSettings settings, Clock clock) {
        return routes(meters, readings, commands, keys, settings, clock, new NotificationStore());
    }

    /** The routes, with the event notifications kept in {@code notifications}. */
    public static List<Route> routes(MeterRegistry meters, ReadingService readings, CommandService commands,
            KeyExporter keys, MdmsSettings settings, Clock clock, NotificationStore notifications) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthResource(clock).routes());
        routes.addAll(new MeterResource(meters).routes());
        routes.addAll(new LoadSwitchResource(readings, commands, settings).routes());
        routes.addAll(new CommandResource(commands, settings).routes());
        routes.addAll(new ReadingResource(readings).routes());
        routes.addAll(new KeyResource(meters, keys).routes());
        routes.addAll(new BillingResource(commands).routes());
        routes.addAll(new DisplayResource(commands).routes());
        routes.addAll(new NotificationResource(meters, notifications).routes());
        return List.copyOf(routes);
    }
}
