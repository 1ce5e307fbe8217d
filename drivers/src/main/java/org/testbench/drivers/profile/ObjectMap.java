package org.testbench.drivers.profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.Obis;

/**
 * Where a meter type keeps each {@link MeterObject}: an {@link ObjectLocation} (an OBIS code, and optionally its
 * interface class and value form), or nothing (the profile wrote {@code none}). Every object has an entry; a
 * profile that leaves one out gets the standard code.
 */
public record ObjectMap(Map<MeterObject, Optional<ObjectLocation>> locations) {

    public ObjectMap {
        EnumMap<MeterObject, Optional<ObjectLocation>> copy = new EnumMap<>(MeterObject.class);
        copy.putAll(locations);
        for (MeterObject o : MeterObject.values()) {
            if (!copy.containsKey(o)) {
                throw new IllegalArgumentException("the object map has no entry for " + o.key());
            }
        }
        locations = Map.copyOf(copy);
    }

    /** A map of plain codes: each object read with the class its role usually has. */
    public static ObjectMap ofCodes(Map<MeterObject, Optional<Obis>> codes) {
        EnumMap<MeterObject, Optional<ObjectLocation>> m = new EnumMap<>(MeterObject.class);
        codes.forEach((object, obis) -> m.put(object, obis.map(ObjectLocation::at)));
        return new ObjectMap(m);
    }

    /**
     * Where the object is; empty when the meter type has none. For a role kept in parts ({@link RegisterSum}),
     * the first part's code: readers of such a role read {@link ObjectLocation#reads()} instead.
     */
    public Optional<Obis> find(MeterObject object) {
        return locations.get(object).map(ObjectLocation::obis);
    }

    /** Where the object is and how to read it; empty when the meter type has none. */
    public Optional<ObjectLocation> locate(MeterObject object) {
        return locations.get(object);
    }

    /** How the object's value holds what its role needs ({@link ValueForm#WHOLE} for an absent object). */
    public ValueForm form(MeterObject object) {
        return locations.get(object).map(ObjectLocation::form).orElse(ValueForm.WHOLE);
    }

    /**
     * Where the object is, for a step that cannot do without it.
     *
     * @param meter the meter type, for the message
     * @throws DeviceException with fault {@code OBJECT_UNDEFINED} when the profile marks it absent
     */
    public Obis require(MeterObject object, String meter) throws DeviceException {
        return find(object).orElseThrow(() -> new DeviceException(Fault.OBJECT_UNDEFINED, meter,
                "this meter type has no " + object.key() + " (its profile marks it none)"));
    }

    /** A copy with one object moved (to a plain code) or removed. */
    public ObjectMap with(MeterObject object, Optional<Obis> location) {
        return withLocation(object, location.map(ObjectLocation::at));
    }

    /** A copy with one object's location replaced or removed. */
    public ObjectMap withLocation(MeterObject object, Optional<ObjectLocation> location) {
        EnumMap<MeterObject, Optional<ObjectLocation>> copy = new EnumMap<>(locations);
        copy.put(object, location);
        return new ObjectMap(copy);
    }
}
