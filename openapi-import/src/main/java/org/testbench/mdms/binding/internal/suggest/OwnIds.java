package org.testbench.mdms.binding.internal.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ids of the API's own that the bench does not know but the MDMS gives in its record of a meter: PI Web
 * API's {@code webId}, Ijenko's {@code functionalityId}, a device's {@code id} found by a search on its serial.
 * They become chained inputs (binding format 2): looked up once per meter through {@code meter.get}.
 */
public final class OwnIds {

    /** Names that identify an object of the API rather than the meter itself ({@code deviceId}, {@code counter_id}). */
    private static final Pattern ID_NAME = Pattern.compile("(?i)^([a-z][a-z0-9]*?)[_-]?(id|uuid|guid)$");
    /** Names that carry the meter's own number: never an id of the API's own. */
    private static final Pattern METER_NUMBER = Pattern.compile("(?i).*(serial|number|uniqueid|mrid|eui|name).*");
    /** Names of an object's own id in its record, most likely first. */
    public static final List<String> RECORD_ID = List.of("id", "deviceId", "uuid", "webId", "guid", "_id");

    private OwnIds() {
    }

    /** Whether the name looks like an id of the API's own ({@code webId}, {@code deviceId}), not a meter number. */
    public static boolean isIdName(String name) {
        return name.equalsIgnoreCase("id") || ID_NAME.matcher(name).matches() && !METER_NUMBER.matcher(name).matches();
    }

    /**
     * Where a record may give the id a parameter of this name takes, as property names or path suffixes,
     * most likely first: {@code webId} → webId; {@code functionalityId} → functionalityId, functionality/id,
     * functionalities/0/id; {@code counter_id} → counter_id, counterId, counter/id, counters/0/id.
     */
    public static List<String> candidates(String parameter) {
        List<String> names = new ArrayList<>();
        names.add(parameter);
        var m = ID_NAME.matcher(parameter);
        if (!m.matches()) {
            return names;
        }
        String base = m.group(1);
        String suffix = m.group(2).toLowerCase(Locale.ROOT);
        String camel = base + Character.toUpperCase(suffix.charAt(0)) + suffix.substring(1);
        if (!camel.equals(parameter)) {
            names.add(camel);
        }
        names.add(base + "/" + suffix);
        String plural = base.endsWith("y") && !base.endsWith("ey") ? base.substring(0, base.length() - 1) + "ies"
                : base.endsWith("s") ? base + "es" : base + "s";
        names.add(plural + "/0/" + suffix);
        return names;
    }
}
