package org.testbench.drivers.bench;

/** What {@code *IDN?} says: manufacturer, model, serial number and firmware of the bench. */
public record BenchIdentity(String manufacturer, String model, String serial, String firmware) {

    /** Parses the four comma-separated fields of an IEEE 488.2 identification. */
    static BenchIdentity parse(String reply) {
        String[] f = reply.split(",", -1);
        if (f.length != 4) {
            throw new IllegalArgumentException("identification '" + reply
                    + "' does not have the four fields MANUFACTURER,MODEL,SERIAL,FIRMWARE");
        }
        return new BenchIdentity(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip());
    }

    @Override
    public String toString() {
        return manufacturer + "," + model + "," + serial + "," + firmware;
    }
}
