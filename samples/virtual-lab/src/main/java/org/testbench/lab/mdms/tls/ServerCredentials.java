package org.testbench.lab.mdms.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the TLS front presents: the server certificate chain (leaf first) and the leaf's private key,
 * plus the CA a client is told to trust. For a self-signed profile the CA did not issue the leaf.
 * {@link #toString()} never shows the key.
 */
public record ServerCredentials(List<X509Certificate> chain, PrivateKey privateKey, X509Certificate ca) {

    public ServerCredentials {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least its own certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "ServerCredentials[" + leaf().getSubjectX500Principal() + ", issuer " + leaf().getIssuerX500Principal()
                + ", key <redacted>]";
    }
}
