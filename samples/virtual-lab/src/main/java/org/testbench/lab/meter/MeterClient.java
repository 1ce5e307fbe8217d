package org.testbench.lab.meter;

import java.util.Objects;

/**
 * A client a meter type knows: its SAP, how it authenticates and what its association may do.
 *
 * @param address the client SAP (16 public, 1 management, 32 a reader...)
 * @param authentication what the client must prove
 * @param reads what its association may read
 * @param management true for the one client that may invoke methods and write, always HLS-GMAC
 */
public record MeterClient(int address, ClientAuthentication authentication, ReadScope reads, boolean management) {

    public MeterClient {
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(reads, "reads");
        if (address < 1 || address > 0x7E) {
            throw new IllegalArgumentException("client address must be 1..126, was " + address);
        }
        if (management && authentication != ClientAuthentication.HLS_GMAC) {
            throw new IllegalArgumentException("the management client authenticates with HLS-GMAC");
        }
    }

    /** A client that reads and does nothing else. */
    public static MeterClient reader(int address, ClientAuthentication authentication, ReadScope reads) {
        return new MeterClient(address, authentication, reads, false);
    }

    /** The management client: HLS-GMAC, reads everything, invokes methods. */
    public static MeterClient management(int address) {
        return new MeterClient(address, ClientAuthentication.HLS_GMAC, ReadScope.ALL, true);
    }
}
