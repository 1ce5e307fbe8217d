package org.testbench.drivers.profile;

import java.util.List;
import java.util.Optional;
import org.testbench.drivers.dlms.ObjectKind;

/**
 * The objects the bench reads or acts on, by the role they play; a meter profile says where each one is
 * (or that the meter type has none). The external names are the keys of a profile's {@code objects}.
 */
public enum MeterObject {
    SERIAL("serial", ObjectKind.DATA),
    LOGICAL_DEVICE_NAME("logicalDeviceName", ObjectKind.DATA),
    FIRMWARE("firmware", ObjectKind.DATA),
    CLOCK("clock", ObjectKind.CLOCK),
    ENERGY_IMPORT("energyImport", ObjectKind.REGISTER),
    ENERGY_EXPORT("energyExport", ObjectKind.REGISTER),
    DISCONNECT_CONTROL("disconnectControl", ObjectKind.DISCONNECT_CONTROL),
    INVOCATION_COUNTER("invocationCounter", ObjectKind.DATA),
    EVENT_LOG("eventLog", ObjectKind.PROFILE_GENERIC);

    private final String key;
    private final ObjectKind kind;

    MeterObject(String key, ObjectKind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** The key in a profile's {@code objects} and the field name in readouts. */
    public String key() {
        return key;
    }

    /** The interface class the bench expects the object to have. */
    public ObjectKind kind() {
        return kind;
    }

    /**
     * The interface classes a profile may state for this role: energy is a register (3) or an extended register
     * (4, with status and capture time); every other role has the one class IEC 62056-6-2 gives it.
     */
    public List<ObjectKind> kinds() {
        return kind == ObjectKind.REGISTER ? List.of(ObjectKind.REGISTER, ObjectKind.EXTENDED_REGISTER) : List.of(kind);
    }

    /** True for the energy registers, the roles a meter may keep only per tariff (a profile's {@code sum}). */
    public boolean isEnergy() {
        return this == ENERGY_IMPORT || this == ENERGY_EXPORT;
    }

    public static Optional<MeterObject> ofKey(String key) {
        for (MeterObject o : values()) {
            if (o.key.equals(key)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
