package org.testbench.drivers.dlms;

import gurux.dlms.enums.ObjectType;

/** The COSEM interface classes the bench reads values from or acts on. */
public enum ObjectKind {
    DATA(ObjectType.DATA),
    REGISTER(ObjectType.REGISTER),
    EXTENDED_REGISTER(ObjectType.EXTENDED_REGISTER),
    CLOCK(ObjectType.CLOCK),
    DISCONNECT_CONTROL(ObjectType.DISCONNECT_CONTROL),
    PROFILE_GENERIC(ObjectType.PROFILE_GENERIC),
    SCRIPT_TABLE(ObjectType.SCRIPT_TABLE);

    private final ObjectType guruxType;

    ObjectKind(ObjectType guruxType) {
        this.guruxType = guruxType;
    }

    ObjectType guruxType() {
        return guruxType;
    }

    /** The kind of an interface class number, if the bench reads that class. */
    public static java.util.Optional<ObjectKind> ofClassId(int classId) {
        for (ObjectKind kind : values()) {
            if (kind.classId() == classId) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }

    /** "4 (extended register)": for messages and profiles' comments. */
    public String describe() {
        return classId() + " (" + name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    /** The interface class number of IEC 62056-6-2 (1 data, 3 register, 8 clock, ...). */
    public int classId() {
        return guruxType.getValue();
    }
}
