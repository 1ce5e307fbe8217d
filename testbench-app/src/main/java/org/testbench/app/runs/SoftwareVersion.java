package org.testbench.app.runs;

/** This software's version, as the build wrote it into the jar's manifest; recorded with every run. */
public final class SoftwareVersion {

    private SoftwareVersion() {
    }

    /** {@code testbench 0.1.0-SNAPSHOT}, or {@code testbench (development build)} outside the jar. */
    public static String text() {
        String v = SoftwareVersion.class.getPackage().getImplementationVersion();
        return "testbench " + (v == null ? "(development build)" : v);
    }
}
