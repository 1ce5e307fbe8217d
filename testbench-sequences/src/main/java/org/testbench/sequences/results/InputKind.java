package org.testbench.sequences.results;

import java.util.Locale;

/** What an input file a run used is to it. */
public enum InputKind {
    /** The MDMS's OpenAPI document the run's MDMS calls were imported from. */
    OPENAPI,
    /** The binding that maps the sequence's MDMS actions onto that API. */
    BINDING,
    /** A meter type's profile, used by one or more positions. */
    METER_PROFILE;

    /** "openapi", "binding", "meter-profile": as evidence bundles name it. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
