package org.testbench.drivers.dlms;

import java.util.Objects;

/**
 * One entry of an association's object list (attribute 2 of the current association): the object, its
 * interface class, and whether this association may read its value attribute.
 *
 * @param classId        the COSEM interface class (1 data, 3 register, 7 profile generic, 8 clock, 70 disconnect
 *                       control, ...)
 * @param valueReadable  what the object list says about attribute 2 for this association
 */
public record ListedObject(Obis obis, int classId, int version, boolean valueReadable) {

    public ListedObject {
        Objects.requireNonNull(obis, "obis");
    }
}
