package org.testbench.sequences.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An event payload as docs/events.md defines it, read by the bench:
 * {@code {"id","serial","obis","code","type","ts","sig"}}, signed with HMAC-SHA256 over the canonical
 * form {@code tbev1 LF id LF serial LF obis LF code LF type LF ts} (ts exactly as sent). Written here
 * from the specification, not shared with the simulator, so that a mistake on one side shows.
 */
record EventPayload(String id, String serial, String obis, int code, String type, String tsText, byte[] signature) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bytes the signature covers. */
    byte[] canonical() {
        return String.join("\n", "tbev1", id, serial, obis, Integer.toString(code), type, tsText)
                .getBytes(StandardCharsets.UTF_8);
    }

    Instant ts() {
        return Instant.parse(tsText);
    }

    /** The same event with another id and the old signature: a forgery a checking MDMS must refuse. */
    byte[] forgedCopy(String newId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", newId);
        body.put("serial", serial);
        body.put("obis", obis);
        body.put("code", code);
        body.put("type", type);
        body.put("ts", tsText);
        body.put("sig", Base64.getEncoder().encodeToString(signature));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a payload.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    static EventPayload parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode code = root.get("code");
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            throw new IllegalArgumentException("code: required, an integer");
        }
        String ts = text(root, "ts");
        try {
            Instant.parse(ts);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ts: not an RFC 3339 UTC timestamp");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(root, "sig"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sig: not Base64");
        }
        return new EventPayload(text(root, "id"), text(root, "serial"), text(root, "obis"), code.intValue(),
                text(root, "type"), ts, signature);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException(field + ": required, a non-empty string");
        }
        if (node.asText().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException(field + ": control characters are not allowed");
        }
        return node.asText();
    }
}
