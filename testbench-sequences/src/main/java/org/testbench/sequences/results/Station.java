package org.testbench.sequences.results;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The default name of a station (a bench PC recording into a database shared by several): this host's name.
 * A bench names itself in its bench.yaml ({@code station:}) when host names say nothing to its users.
 */
public final class Station {

    /** The longest station name the store keeps. */
    public static final int MAX_LENGTH = 100;

    private Station() {
    }

    /** This host's name, or $HOSTNAME when the resolver cannot tell, or "unknown host". */
    public static String localHost() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            name = fromEnvironment == null || fromEnvironment.isBlank() ? "unknown host" : fromEnvironment;
        }
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }
}
