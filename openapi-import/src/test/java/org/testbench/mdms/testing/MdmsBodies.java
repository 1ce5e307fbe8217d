package org.testbench.mdms.testing;

import okhttp3.mockwebserver.MockResponse;

/** Answers of the reference MDMS (samples/openapi/mdms-v1.yaml), for MockWebServer. */
public final class MdmsBodies {

    public static final String SERIAL = "26000001";
    public static final String METER = "{\"serial\":\"26000001\",\"nameplate\":{\"manufacturer\":\"TBL\",\"model\":\"EM3\","
            + "\"serial\":\"26000001\",\"firmware\":\"TBL-EM3 1.4.2\",\"meterType\":\"ELECTRICITY_3PH\"},"
            + "\"communication\":{\"status\":\"ONLINE\",\"lastContact\":\"2025-03-14T09:20:11Z\"}}";
    public static final String REGISTER = "{\"serial\":\"26000001\",\"obis\":\"1.0.1.8.0.255\",\"value\":1234567.8,"
            + "\"unit\":\"Wh\",\"meterTimestamp\":\"2025-03-14T09:26:52Z\",\"readTimestamp\":\"2025-03-14T09:26:53Z\"}";

    private MdmsBodies() {
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    public static String error(String code, String message) {
        return "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null,\"meter\":\"26000001\"}";
    }

    /** A command as the MDMS reports it; {@code reasonCode} null for none. */
    public static String command(String id, String status, String reasonCode) {
        String reason = reasonCode == null ? "" : ",\"reason\":{\"code\":\"" + reasonCode + "\",\"message\":\"The head-end"
                + " could not connect to meter 26000001\"}";
        String completed = status.equals("PENDING") ? "null" : "\"2025-03-14T09:26:55Z\"";
        return "{\"commandId\":\"" + id + "\",\"serial\":\"26000001\",\"type\":\"LOAD_SWITCH_OPEN\",\"status\":\"" + status
                + "\"" + reason + ",\"createdAt\":\"2025-03-14T09:26:53Z\",\"completedAt\":" + completed + "}";
    }
}
