package org.testbench.sequences.results;

import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: {@link UUID#fromString} accepts short groups such as "1-2-3-4-5". */
final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    static UUID parse(String text, String what) {
        if (text == null || !CANONICAL.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + text
                    + "': expected a UUID such as 123e4567-e89b-12d3-a456-426614174000");
        }
        return UUID.fromString(text.strip());
    }
}
