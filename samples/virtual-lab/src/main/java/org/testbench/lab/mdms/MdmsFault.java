package org.testbench.lab.mdms;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Misbehaviours of real MDMS interfaces that the simulated MDMS can reproduce, so that the bench
 * can prove it detects each of them. With none enabled the MDMS behaves as {@code mdms-v1.yaml}
 * says. Several may be combined.
 */
public enum MdmsFault {

    /**
     * Stores the requested load-switch state when the command is accepted, before the meter
     * executed it, and never corrects it when the execution fails; the load-switch status then
     * answers that stored state as if the meter had been read.
     */
    WRITE_BEFORE_EXECUTE("write-before-execute"),
    /** Every error is answered 500 with an empty body: 4xx and 5xx cannot be told apart. */
    OPAQUE_ERRORS("opaque-errors"),
    /**
     * Every outcome is 200 without information: errors are {@code 200 {}}, commands are accepted
     * with {@code 200 {}} (no command id) and a failed command is reported EXECUTED without reason.
     */
    GENERIC_200("generic-200"),
    /** The load-switch status answers 501 and the command status 404, both without a body. */
    NO_STATUS("no-status"),
    /** A meter that cannot be reached is reported as the MDMS's own fault (500 / INTERNAL_ERROR). */
    UNREACHABLE_AS_500("unreachable-as-500"),
    /**
     * Register reads answer the value first read, with fresh timestamps, without asking the
     * meter again.
     */
    STALE_REGISTERS("stale-registers"),
    /** Every event notification is processed twice: two records with the same event id, and no deduplication. */
    DUPLICATE_EVENTS("duplicate-events"),
    /** Every second event notification is lost, as by a consumer that cannot keep up under load. */
    DROP_EVENTS("drop-events"),
    /** Signatures are not checked: a payload with a wrong signature is stored like any other. */
    UNCHECKED_SIGNATURES("unchecked-signatures"),
    /** Event notifications are stored 1.5 s after they arrived (never time-scaled): after the 500 ms window. */
    SLOW_EVENTS("slow-events"),
    /**
     * Every error is answered {@code 200 text/html} with a web page, as by a front end (portal, proxy) that
     * swallows the API's status and body: the client gets no status and no JSON to act on.
     */
    HTML_ERRORS("html-errors");

    private final String externalName;

    MdmsFault(String externalName) {
        this.externalName = externalName;
    }

    /** The name used in configuration files and on the command line, e.g. {@code write-before-execute}. */
    public String externalName() {
        return externalName;
    }

    /**
     * The fault with this external name (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the valid names if there is no such fault
     */
    public static MdmsFault parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (MdmsFault fault : values()) {
            if (fault.externalName.equals(wanted)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown MDMS fault '" + name + "'; valid: " + validNames());
    }

    /** Parses a comma-separated list; blank entries are ignored, an empty list means no fault. */
    public static Set<MdmsFault> parseList(String names) {
        Set<MdmsFault> faults = EnumSet.noneOf(MdmsFault.class);
        if (names != null) {
            Arrays.stream(names.split(",")).filter(part -> !part.isBlank()).map(MdmsFault::parse).forEach(faults::add);
        }
        return faults;
    }

    /** The valid external names, comma-separated. */
    public static String validNames() {
        return Arrays.stream(values()).map(MdmsFault::externalName).collect(Collectors.joining(", "));
    }

    /** External names of a set of faults, in declaration order, or {@code none}. */
    public static String describe(Collection<MdmsFault> faults) {
        return faults.isEmpty() ? "none"
                : EnumSet.copyOf(faults).stream().map(MdmsFault::externalName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return externalName;
    }
}
