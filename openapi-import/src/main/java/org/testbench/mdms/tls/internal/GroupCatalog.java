package org.testbench.mdms.tls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** The key-exchange groups a probe can offer, by their TLS names ({@code secp256r1}, {@code x25519}, {@code ffdhe2048}). */
public final class GroupCatalog {

    /** The registry's elliptic curves (1-41) and finite fields (256-260); hybrids and KEMs are not probed. */
    private static final int[][] RANGES = {{1, 41}, {256, 260}};

    private GroupCatalog() {
    }

    /** Every group the crypto provider can do, in code order. */
    public static List<Integer> candidates(TlsCrypto crypto) {
        List<Integer> groups = new ArrayList<>();
        for (int[] range : RANGES) {
            for (int g = range[0]; g <= range[1]; g++) {
                if (NamedGroup.refersToASpecificGroup(g) && !NamedGroup.refersToASpecificHybrid(g)
                        && !NamedGroup.refersToASpecificKem(g) && crypto.hasNamedGroup(g)) {
                    groups.add(g);
                }
            }
        }
        return groups;
    }

    /** The IANA registry's name ({@code secp256r1}, {@code x25519}, {@code ffdhe2048}). */
    public static String name(int group) {
        String name = NamedGroup.getName(group);
        return name != null ? name : NamedGroup.getStandardName(group);
    }

    public static Optional<Integer> code(String name) {
        for (int[] range : RANGES) {
            for (int g = range[0]; g <= range[1]; g++) {
                if (NamedGroup.refersToASpecificGroup(g) && name(g).equals(name)) {
                    return Optional.of(g);
                }
            }
        }
        return Optional.empty();
    }

    /** Bits of an elliptic curve group, 0 for anything else or an unknown name. */
    public static int curveBits(String name) {
        return code(name).filter(g -> NamedGroup.refersToAnECDHCurve(g) || NamedGroup.refersToAnXDHCurve(g))
                .map(NamedGroup::getCurveBits).orElse(0);
    }

    /** Bits of a finite-field group, 0 for anything else or an unknown name. */
    public static int fieldBits(String name) {
        return code(name).filter(NamedGroup::isFiniteField).map(NamedGroup::getFiniteFieldBits).orElse(0);
    }

    public static boolean isFiniteField(int group) {
        return NamedGroup.isFiniteField(group);
    }
}
