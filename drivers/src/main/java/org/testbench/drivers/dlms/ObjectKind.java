package org.testbench.drivers.dlms;

import gurux.dlms.enums.ObjectType;

/** The COSEM interface classes the bench reads values from or acts on. */
public enum ObjectKind {
    DATA(ObjectType.DATA),
    REGISTER(ObjectType.REGISTER),
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

    /** The interface class number of IEC 62056-6-2 (1 data, 3 register, 8 clock, ...). */
    public int classId() {
        return guruxType.getValue();
    }
}
