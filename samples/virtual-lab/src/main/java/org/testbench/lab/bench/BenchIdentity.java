package org.testbench.lab.bench;

/**
 * What {@code *IDN?} answers: {@code TESTBENCH LAB,VB-4,VB260004,1.0.0} for a bench of four
 * positions. The model names the number of positions, as bench makers do; the serial is derived
 * from it, so the same lab always has the same bench.
 */
record BenchIdentity(String manufacturer, String model, String serial, String firmware) {

    static final String MANUFACTURER = "TESTBENCH LAB";
    static final String FIRMWARE = "1.0.0";

    static BenchIdentity forPositions(int positions) {
        return new BenchIdentity(MANUFACTURER, "VB-" + positions, String.format("VB26%04d", positions), FIRMWARE);
    }

    String toReply() {
        return manufacturer + "," + model + "," + serial + "," + firmware;
    }
}
