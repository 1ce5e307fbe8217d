package org.testbench.lab.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.testbench.lab.keys.EventSigningKey;

/**
 * One pushed event, as docs/events.md specifies it: a compact JSON object
 * {@code {"id","serial","obis","code","type","ts","sig"}}. The signature is HMAC-SHA256 under the
 * meter's event-signing key over the canonical form: {@code tbev1} and the six other fields, in that
 * order, each on its own line (LF, UTF-8, no trailing LF). No field may hold a control character, so
 * the lines cannot be shifted.
 *
 * @param id unique event id (a UUID), the key of deduplication
 * @param serial the meter's serial
 * @param obis the event log the event is recorded in, e.g. {@code 0.0.99.98.0.255}
 * @param code the meter's event code
 * @param type the external name of the {@link EventType}
 * @param ts the meter's timestamp of the event, to the second
 */
public record EventNotification(String id, String serial, String obis, int code, String type, Instant ts) {

    /** First line of the canonical form: the version of the signed layout. */
    public static final String CANONICAL_VERSION = "tbev1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public EventNotification {
        noControl(id, "id");
        noControl(serial, "serial");
        noControl(obis, "obis");
        noControl(type, "type");
        Objects.requireNonNull(ts, "ts");
    }

    private static void noControl(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException(field + ": must be non-empty, without control characters");
        }
    }

    /** The bytes the signature covers. */
    public byte[] canonical() {
        return String.join("\n", CANONICAL_VERSION, id, serial, obis, Integer.toString(code), type, ts.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The signed JSON payload. */
    public byte[] toSignedJson(EventSigningKey key) {
        return toJson(Base64.getEncoder().encodeToString(key.sign(canonical())));
    }

    /** The JSON payload with a given signature (a wrong one, to test a verifier). */
    public byte[] toJson(String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("serial", serial);
        body.put("obis", obis);
        body.put("code", code);
        body.put("type", type);
        body.put("ts", ts.toString());
        body.put("sig", signature);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event payload: " + e.getMessage(), e);
        }
    }

    /** A payload read from the wire: the notification and the signature it came with. */
    public record Signed(EventNotification notification, byte[] signature) {

        /** True when the signature is the HMAC of the canonical form under {@code key}. */
        public boolean verify(EventSigningKey key) {
            return java.security.MessageDigest.isEqual(key.sign(notification.canonical()), signature);
        }
    }

    /**
     * Reads a payload.
     *
     * @throws IllegalArgumentException saying which field is missing or malformed
     */
    public static Signed parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String sig = text(root, "sig");
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sig: not Base64");
        }
        JsonNode code = root.get("code");
        if (code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
            throw new IllegalArgumentException("code: required, an integer");
        }
        Instant ts;
        try {
            ts = Instant.parse(text(root, "ts"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ts: not an RFC 3339 UTC timestamp");
        }
        return new Signed(new EventNotification(text(root, "id"), text(root, "serial"), text(root, "obis"),
                code.intValue(), text(root, "type"), ts), signature);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException(field + ": required, a non-empty string");
        }
        String value = node.asText();
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException(field + ": control characters are not allowed");
        }
        return value;
    }
}
