package org.testbench.mdms.binding.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testbench.mdms.binding.Capability;

/** For each capability, the values the bench reads and the property names they usually have. */
final class ValueNames {

    private static final List<String> COMMAND_ID = List.of("commandId", "jobId", "taskId", "operationId", "requestId", "id");
    private static final List<String> STATUS = List.of("status", "state");

    private ValueNames() {
    }

    /** Value name to candidate property names (or path suffixes), most likely first; in the order to write them. */
    static Map<String, List<String>> candidates(Capability capability) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        switch (capability) {
            case METER_GET -> {
                m.put("serial", List.of("serial", "serialNumber", "meterId", "id"));
                m.put("firmware", List.of("firmware/version", "firmwareVersion", "firmware", "fw"));
                m.put("manufacturer", List.of("manufacturer", "vendor"));
                m.put("model", List.of("model", "type"));
                m.put("communicationStatus", List.of("communication/status", "communicationStatus", "commStatus", "connectionStatus"));
            }
            case LOAD_SWITCH_OPEN, LOAD_SWITCH_CLOSE, BILLING_NEW_PERIOD, DISPLAY_SET -> {
                m.put("commandId", COMMAND_ID);
                m.put("status", STATUS);
            }
            case LOAD_SWITCH_STATUS -> {
                m.put("state", List.of("state", "relayState", "switchState", "breakerState", "status"));
                m.put("source", List.of("source"));
                m.put("readAt", List.of("readAt", "readTimestamp", "timestamp", "time"));
            }
            case COMMAND_STATUS -> {
                m.put("status", STATUS);
                m.put("reasonCode", List.of("reason/code", "failureCode", "errorCode", "error/code"));
                m.put("reasonMessage", List.of("reason/message", "failureReason", "errorMessage", "error/message"));
                m.put("completedAt", List.of("completedAt", "finishedAt", "executedAt"));
            }
            case REGISTERS_READ -> {
                m.put("value", List.of("value", "reading", "val"));
                m.put("unit", List.of("unit", "uom", "unitOfMeasure"));
                m.put("meterTimestamp", List.of("meterTimestamp", "meterTime", "captureTime", "timestamp"));
                m.put("readTimestamp", List.of("readTimestamp", "readAt", "receivedAt"));
            }
            case EVENTS_LIST -> m.put("events", List.of("events", "items", "entries", "records", "data"));
            case EVENTS_NOTIFICATIONS -> m.put("notifications", List.of("notifications", "items", "events", "records"));
            case KEYS_GET -> m.put("envelope", List.of("envelope", "cms", "keyEnvelope", "wrappedKeys", "encryptedKeys"));
        }
        return m;
    }
}
