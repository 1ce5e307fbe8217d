package org.testbench.lab.mdms.service;

import java.util.Map;

/**
 * What the MDMS knows the event codes of this meter type to mean (its own table, as an MDMS has
 * from the meter's companion specification; it does not look into the meter).
 */
final class EventCatalog {

    private static final Map<Integer, String> DESCRIPTIONS = Map.of(
            1, "Power up",
            2, "Power down",
            20, "End of billing period",
            61, "Remote disconnection",
            62, "Remote reconnection");

    private EventCatalog() {
    }

    static String describe(int code) {
        return DESCRIPTIONS.getOrDefault(code, "Unknown event " + code);
    }
}
