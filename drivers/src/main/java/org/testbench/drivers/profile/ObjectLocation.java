package org.testbench.drivers.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectKind;

/**
 * Where a meter type keeps one object and what a profile says about reading it.
 *
 * @param obis  the object's logical name
 * @param kind  the interface class the profile states; empty: the class the role usually has, and when the meter
 *              answers "undefined object" for it, the class its object list names
 * @param form  how the value holds what the role needs ({@link ValueForm#WHOLE} but for a serial kept in the
 *              logical device name)
 * @param sum   for an energy role a meter keeps only per tariff: the registers whose exact sum is the role's value
 *              ({@code obis} is then the first part's code, named in messages); empty for one object
 */
public record ObjectLocation(Obis obis, Optional<ObjectKind> kind, ValueForm form, Optional<RegisterSum> sum) {

    public ObjectLocation {
        Objects.requireNonNull(obis, "obis");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(sum, "sum");
    }

    public ObjectLocation(Obis obis, Optional<ObjectKind> kind, ValueForm form) {
        this(obis, kind, form, Optional.empty());
    }

    /** A role whose value is the sum of registers (tariff registers of a meter without a total register). */
    public static ObjectLocation sumOf(RegisterSum sum) {
        return new ObjectLocation(sum.parts().get(0).obis(), Optional.empty(), ValueForm.WHOLE, Optional.of(sum));
    }

    /** The objects the bench reads for this role: the sum's parts, or this object. */
    public List<ObjectLocation> reads() {
        return sum.map(RegisterSum::parts).orElse(List.of(this));
    }

    /** An object at a code, read with the class its role usually has, its value as it is. */
    public static ObjectLocation at(Obis obis) {
        return new ObjectLocation(obis, Optional.empty(), ValueForm.WHOLE);
    }

    public ObjectLocation withKind(ObjectKind newKind) {
        return new ObjectLocation(obis, Optional.of(newKind), form, sum);
    }

    public ObjectLocation withForm(ValueForm newForm) {
        return new ObjectLocation(obis, kind, newForm, sum);
    }

    /** True when the profile says no more than the code (the short form {@code role: A.B.C.D.E.F}). */
    public boolean plain() {
        return kind.isEmpty() && form == ValueForm.WHOLE && sum.isEmpty();
    }
}
