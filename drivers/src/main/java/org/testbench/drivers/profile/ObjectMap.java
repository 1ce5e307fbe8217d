package org.testbench.drivers.profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.Obis;

/**
 * Where a meter type keeps each {@link MeterObject}: an OBIS code, or nothing (the profile wrote
 * {@code none}). Every object has an entry; a profile that leaves one out gets the standard code.
 */
public record ObjectMap(Map<MeterObject, Optional<Obis>> locations) {

    public ObjectMap {
        EnumMap<MeterObject, Optional<Obis>> copy = new EnumMap<>(MeterObject.class);
        copy.putAll(locations);
        for (MeterObject o : MeterObject.values()) {
            if (!copy.containsKey(o)) {
                throw new IllegalArgumentException("the object map has no entry for " + o.key());
            }
        }
        locations = Map.copyOf(copy);
    }

    /** Where the object is; empty when the meter type has none. */
    public Optional<Obis> find(MeterObject object) {
        return locations.get(object);
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

    /** A copy with one object moved or removed. */
    public ObjectMap with(MeterObject object, Optional<Obis> location) {
        EnumMap<MeterObject, Optional<Obis>> copy = new EnumMap<>(locations);
        copy.put(object, location);
        return new ObjectMap(copy);
    }
}
