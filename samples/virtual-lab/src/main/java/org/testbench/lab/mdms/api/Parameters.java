package org.testbench.lab.mdms.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * Validation of path, query and body values as mdms-v1.yaml declares them. Every refusal names the
 * parameter or attribute and what is wrong, so a client can fix its request without guessing.
 */
final class Parameters {

    private static final Pattern SERIAL = Pattern.compile("[0-9A-Za-z]{1,32}");
    private static final Pattern OBIS = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){5}");
    private static final int OBIS_GROUP_MAX = 255;

    private Parameters() {
    }

    static String serial(Request request) {
        String serial = request.path("serial");
        if (!SERIAL.matcher(serial).matches()) {
            throw ServiceException.badRequest("serial: must be 1 to 32 letters or digits", null);
        }
        return serial;
    }

    static String obis(Request request, String serial) {
        String obis = request.path("obis");
        boolean valid = OBIS.matcher(obis).matches();
        if (valid) {
            for (String group : obis.split("\\.")) {
                valid &= Integer.parseInt(group) <= OBIS_GROUP_MAX;
            }
        }
        if (!valid) {
            throw new ServiceException(ErrorCode.INVALID_OBIS, "Not an OBIS code",
                    "obis: expected six decimal groups 0..255 as A.B.C.D.E.F, was " + printable(obis), serial);
        }
        return obis;
    }

    static UUID commandId(Request request) {
        String id = request.path("commandId");
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ServiceException.badRequest("commandId: not a UUID: " + printable(id), null);
    }

    static int integer(Request request, String name, int defaultValue, int min, int max) {
        Optional<String> value = request.query(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ServiceException.badRequest(name + ": must be an integer from " + min + " to " + max + ", was "
                + printable(value.get()), null);
    }

    static Optional<Instant> instant(Request request, String name, String serial) {
        Optional<String> value = request.query(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            // An unencoded '+' of an offset arrives as a blank after query decoding.
            return Optional.of(OffsetDateTime.parse(value.get().replace(' ', '+')).toInstant());
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest(name + ": must be an RFC 3339 date-time such as 2025-03-14T09:26:53Z, was "
                    + printable(value.get()), serial);
        }
    }

    /** Refuses attributes the schema does not declare (additionalProperties: false). */
    static void onlyKnown(ObjectNode body, Set<String> known, String serial) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ServiceException.badRequest(printable(name) + ": unknown attribute; allowed: "
                        + String.join(", ", known.stream().sorted().toList()), serial);
            }
        }
    }

    /** A value as it may be echoed in an error: short and without control characters. */
    static String printable(String value) {
        String cleaned = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }
}
