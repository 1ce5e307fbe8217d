package org.testbench.drivers.profile;

import java.util.List;
import java.util.Optional;
import org.testbench.drivers.dlms.Obis;

/**
 * An energy role a meter keeps only per tariff (1.0.1.8.1.255, 1.0.1.8.2.255, … and no total 1.0.1.8.0.255):
 * the bench reads every part and takes their exact sum as the role's value.
 *
 * @param parts    the registers, each read with its own scaler and unit (at least one)
 * @param mdmsCode the code an MDMS knows the total by ({@code mdms:} in the profile): what a sequence's
 *                 {@code obis: energyImport} sends; empty: the profile names none, and such a step cannot be
 *                 carried out, since no single register of the meter holds what the bench compares
 */
public record RegisterSum(List<ObjectLocation> parts, Optional<Obis> mdmsCode) {

    public RegisterSum {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a register sum needs at least one part");
        }
        if (parts.stream().anyMatch(p -> p.sum().isPresent())) {
            throw new IllegalArgumentException("a part of a register sum is one register, not a sum");
        }
        java.util.Objects.requireNonNull(mdmsCode, "mdmsCode");
    }

    public static RegisterSum of(List<Obis> codes) {
        return new RegisterSum(codes.stream().map(ObjectLocation::at).toList(), Optional.empty());
    }

    public List<Obis> codes() {
        return parts.stream().map(ObjectLocation::obis).toList();
    }
}
