package org.testbench.mdms.tls.internal;

import java.util.List;

import org.bouncycastle.tls.ProtocolVersion;

/** A handshake the server completed: what it chose, and the certificates it sent (leaf first). */
public record Handshake(ProtocolVersion version, int suite, int group, List<byte[]> chain, boolean stapled) {

    public Handshake {
        chain = List.copyOf(chain);
    }

    /** {@code TLSv1.2}, {@code TLSv1.0}, {@code SSLv3}. */
    public String versionName() {
        return VersionNames.name(version);
    }
}
