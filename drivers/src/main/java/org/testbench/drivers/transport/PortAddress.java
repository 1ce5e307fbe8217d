package org.testbench.drivers.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an optical head or a meter port is: a serial device path ({@code /dev/ttyUSB0}, a
 * pseudo-terminal link) or a TCP endpoint ({@code tcp:HOST:PORT}, networked optical heads and the
 * virtual lab). {@link #toString()} gives back the text that {@link #parse(String)} reads.
 */
public final class PortAddress {

    private static final String TCP_PREFIX = "tcp:";

    private final String host;
    private final int tcpPort;
    private final Path device;

    private PortAddress(String host, int tcpPort, Path device) {
        this.host = host;
        this.tcpPort = tcpPort;
        this.device = device;
    }

    /**
     * Reads {@code tcp:HOST:PORT} or a device path.
     *
     * @throws IllegalArgumentException with the offending text and the expected syntax
     */
    public static PortAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty port: expected tcp:HOST:PORT or a serial device path");
        }
        String trimmed = text.trim();
        if (!trimmed.regionMatches(true, 0, TCP_PREFIX, 0, TCP_PREFIX.length())) {
            return new PortAddress(null, -1, Path.of(trimmed));
        }
        String rest = trimmed.substring(TCP_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("invalid port '" + text + "': expected tcp:HOST:PORT");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // IPv6 literal
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port '" + text + "': '" + rest.substring(colon + 1)
                    + "' is not a TCP port number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port '" + text + "': TCP port " + port + " is outside 1..65535");
        }
        return new PortAddress(host, port, null);
    }

    public static PortAddress tcp(String host, int port) {
        return parse(TCP_PREFIX + host + ":" + port);
    }

    public static PortAddress device(Path path) {
        return new PortAddress(null, -1, Objects.requireNonNull(path, "path"));
    }

    public boolean isTcp() {
        return device == null;
    }

    /** Host name of a TCP address. */
    public String host() {
        requireTcp();
        return host;
    }

    /** Port number of a TCP address. */
    public int tcpPort() {
        requireTcp();
        return tcpPort;
    }

    /** Path of a serial device address. */
    public Path device() {
        if (device == null) {
            throw new IllegalStateException(this + " is not a serial device");
        }
        return device;
    }

    private void requireTcp() {
        if (device != null) {
            throw new IllegalStateException(this + " is not a TCP address");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortAddress other && tcpPort == other.tcpPort
                && Objects.equals(host, other.host) && Objects.equals(device, other.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, tcpPort, device);
    }

    @Override
    public String toString() {
        if (device != null) {
            return device.toString();
        }
        return TCP_PREFIX + (host.contains(":") ? "[" + host + "]" : host) + ":" + tcpPort;
    }
}
