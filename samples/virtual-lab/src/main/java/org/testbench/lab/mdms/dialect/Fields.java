package org.testbench.lab.mdms.dialect;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.service.ServiceException;

/** Checks and conversions every dialect needs; each refusal names the field and what is wrong. */
public final class Fields {

    private Fields() {
    }

    /** RFC 3339 in UTC, to the millisecond; null stays null. */
    public static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A value as it may be echoed in an error: short and without control characters. */
    public static String printable(String value) {
        String cleaned = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }

    /** Refuses members the schema does not declare (additionalProperties: false); {@code where} prefixes names. */
    public static void onlyKnown(JsonNode object, Set<String> known, String where, String serial) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ServiceException.badRequest(where + printable(name) + ": unknown attribute; allowed: "
                        + String.join(", ", known.stream().sorted().toList()), serial);
            }
        }
    }

    /** A required JSON object member. */
    public static ObjectNode object(JsonNode parent, String name, String where, String serial) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw ServiceException.badRequest(where + name + ": required", serial);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ServiceException.badRequest(where + name + ": must be an object, was " + node.getNodeType(), serial);
        }
        return object;
    }

    /** A required text member that is one of {@code allowed}. */
    public static String oneOf(JsonNode parent, String name, Set<String> allowed, String where, String serial) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw ServiceException.badRequest(where + name + ": required, one of " + sorted(allowed), serial);
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            throw ServiceException.badRequest(where + name + ": must be one of " + sorted(allowed) + ", was "
                    + printable(node.toString()), serial);
        }
        return node.asText();
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }

    /** A UUID path parameter. */
    public static UUID uuid(Request request, String name) {
        String id = request.path(name);
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ServiceException.badRequest(name + ": not a UUID: " + printable(id), null);
    }

    /** An optional RFC 3339 query parameter. */
    public static Optional<Instant> instant(Request request, String name, String serial) {
        Optional<String> value = request.query(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.get().replace(' ', '+')).toInstant());
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest(name + ": must be an RFC 3339 date-time, was "
                    + printable(value.get()), serial);
        }
    }

    /** Energy in kilo-units, as many vendors answer it: Wh to kWh, varh to kvarh; other units as they are. */
    public static Scaled kilo(double value, String unit) {
        return switch (unit) {
            case "Wh" -> new Scaled(value / 1000.0, "kWh");
            case "varh" -> new Scaled(value / 1000.0, "kvarh");
            case "VAh" -> new Scaled(value / 1000.0, "kVAh");
            default -> new Scaled(value, unit);
        };
    }

    /** A value in the unit a dialect answers it in. */
    public record Scaled(double value, String unit) {
    }
}
