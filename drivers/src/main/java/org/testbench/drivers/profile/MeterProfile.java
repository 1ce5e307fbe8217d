package org.testbench.drivers.profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.StandardObis;

/**
 * One meter type as the bench needs to know it: how to enter its optical and AMI ports, its server
 * addresses, the client for each job and where it keeps each object. Read from a profile file
 * ({@code docs/meter-profile.md}); {@link #TESTBENCH_VIRTUAL} is the bench's own virtual meter and the
 * default when no profile is given.
 *
 * @param meter  the meter type, informative ("Maker Type (firmware range)")
 * @param source where the profile was read from, for messages ("built-in" for the default)
 */
public record MeterProfile(String meter, OpticalLink optical, AmiLink ami, Addresses addresses, Clients clients,
                           ObjectMap objects, String source) {

    /** The server's logical device and HDLC physical address. */
    public record Addresses(int logical, PhysicalAddress physical) {
        public Addresses {
            Objects.requireNonNull(physical, "physical");
            if (logical < 0 || logical > 0x3FFF) {
                throw new IllegalArgumentException("a logical device address is 0..16383, not " + logical);
            }
        }
    }

    /** The standard OBIS code of every object (IEC 62056-6-1). */
    public static final ObjectMap STANDARD_OBJECTS;

    static {
        Map<MeterObject, Optional<Obis>> m = new EnumMap<>(MeterObject.class);
        m.put(MeterObject.SERIAL, Optional.of(StandardObis.SERIAL_NUMBER));
        m.put(MeterObject.LOGICAL_DEVICE_NAME, Optional.of(StandardObis.LOGICAL_DEVICE_NAME));
        m.put(MeterObject.FIRMWARE, Optional.of(StandardObis.FIRMWARE_ID));
        m.put(MeterObject.CLOCK, Optional.of(StandardObis.CLOCK));
        m.put(MeterObject.ENERGY_IMPORT, Optional.of(StandardObis.ACTIVE_ENERGY_IMPORT));
        m.put(MeterObject.ENERGY_EXPORT, Optional.of(StandardObis.ACTIVE_ENERGY_EXPORT));
        m.put(MeterObject.DISCONNECT_CONTROL, Optional.of(StandardObis.DISCONNECT_CONTROL));
        m.put(MeterObject.INVOCATION_COUNTER, Optional.of(StandardObis.INVOCATION_COUNTER));
        m.put(MeterObject.EVENT_LOG, Optional.of(StandardObis.STANDARD_EVENT_LOG));
        STANDARD_OBJECTS = ObjectMap.ofCodes(m);
    }

    /** The bench's virtual meter (samples/meters/testbench-virtual.yaml says the same). */
    public static final MeterProfile TESTBENCH_VIRTUAL = new MeterProfile("Testbench Lab EM3 (firmware 1.4-1.5)",
            OpticalLink.MODE_E_DEFAULT, AmiLink.WRAPPER, new Addresses(1, new PhysicalAddress.None()),
            new Clients(DlmsClient.PUBLIC, Optional.of(DlmsClient.MANAGEMENT), DlmsClient.PUBLIC), STANDARD_OBJECTS,
            "built-in");

    public MeterProfile {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(optical, "optical");
        Objects.requireNonNull(ami, "ami");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(source, "source");
    }

    /** "Maker Type (profile.yaml)": for messages and the desktop app. */
    public String describe() {
        return meter + " (" + source + ")";
    }

    /** Equal in everything but where it was read from. */
    public boolean sameMeterType(MeterProfile other) {
        return withSource("").equals(other.withSource(""));
    }

    public MeterProfile withSource(String newSource) {
        return new MeterProfile(meter, optical, ami, addresses, clients, objects, newSource);
    }

    public MeterProfile withClients(Clients newClients) {
        return new MeterProfile(meter, optical, ami, addresses, newClients, objects, source);
    }

    public MeterProfile withObjects(ObjectMap newObjects) {
        return new MeterProfile(meter, optical, ami, addresses, clients, newObjects, source);
    }
}
