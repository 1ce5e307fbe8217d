package org.testbench.mdms.binding.internal;

import java.util.List;
import java.util.Set;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.HttpMethod;

/**
 * What an operation for one capability usually looks like: its method, the words in its path and
 * name, the words that rule it out, and the properties of its answer.
 */
record CapabilityProfile(Capability capability, Set<HttpMethod> methods, List<String> words, List<String> avoid,
                         List<String> answerProperties, boolean endsWithParameter) {

    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET);
    private static final Set<HttpMethod> WRITE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final Set<HttpMethod> KEYS = Set.of(HttpMethod.POST, HttpMethod.GET);
    private static final List<String> SWITCH_WORDS = List.of("load", "switch", "relay", "breaker", "disconnect",
            "reconnect", "contactor", "supply");

    static final List<CapabilityProfile> ALL = List.of(
            new CapabilityProfile(Capability.METER_GET, READ, List.of("meter", "meters", "device", "devices", "thing", "things"),
                    List.of("load", "switch", "relay", "breaker", "register", "registers", "event", "events", "key",
                            "keys", "command", "commands", "billing", "display", "reading", "readings", "health", "list",
                            "profile", "profiles", "service", "services", "check", "feature", "features", "policy"),
                    List.of("serial", "firmware", "nameplate", "manufacturer", "model"), true),
            new CapabilityProfile(Capability.LOAD_SWITCH_OPEN, WRITE, SWITCH_WORDS, List.of("display", "billing", "key", "keys"),
                    List.of("commandId", "status"), false),
            new CapabilityProfile(Capability.LOAD_SWITCH_CLOSE, WRITE, SWITCH_WORDS, List.of("display", "billing", "key", "keys"),
                    List.of("commandId", "status"), false),
            new CapabilityProfile(Capability.LOAD_SWITCH_STATUS, READ, SWITCH_WORDS, List.of("commands", "command", "list"),
                    List.of("state", "status"), false),
            new CapabilityProfile(Capability.COMMAND_STATUS, READ, List.of("command", "commands", "job", "jobs", "task",
                    "tasks", "operation", "operations", "request", "requests"), List.of("list"),
                    List.of("status", "state"), true),
            new CapabilityProfile(Capability.REGISTERS_READ, READ, List.of("register", "registers", "reading",
                    "readings", "obis", "value", "values"), List.of("event", "events"), List.of("value", "unit"), false),
            new CapabilityProfile(Capability.EVENTS_LIST, READ, List.of("event", "events", "log", "logs", "alarm", "alarms"),
                    List.of("notification", "notifications"), List.of("events", "items"), false),
            new CapabilityProfile(Capability.KEYS_GET, KEYS, List.of("key", "keys", "credential", "credentials", "secret",
                    "secrets"), List.of(), List.of("envelope"), false),
            new CapabilityProfile(Capability.BILLING_NEW_PERIOD, WRITE, List.of("billing", "bill", "period", "periods"),
                    List.of(), List.of("commandId"), false),
            new CapabilityProfile(Capability.DISPLAY_SET, WRITE, List.of("display", "screen", "message", "messages", "lcd"),
                    List.of(), List.of("commandId"), false),
            new CapabilityProfile(Capability.EVENTS_NOTIFICATIONS, READ, List.of("notification", "notifications",
                    "alert", "alerts", "push", "pushed"), List.of("log", "logs"), List.of("notifications", "items"),
                    false));
}
