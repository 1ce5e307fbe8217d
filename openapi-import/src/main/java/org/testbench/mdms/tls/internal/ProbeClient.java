package org.testbench.mdms.tls.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsDHGroupVerifier;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.TlsClientContext;

/**
 * A client that offers exactly the given versions, suites and groups, accepts any certificate (the
 * audit judges it afterwards) and any Diffie-Hellman group size, and remembers what the server sent.
 * Bouncy Castle's low-level client is used because it applies no algorithm constraints: it can offer
 * TLS 1.0, NULL, anonymous and legacy suites, and small curves, which the JDK refuses to.
 */
final class ProbeClient extends DefaultTlsClient {

    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final int[] groups;
    private final String sniHost;
    private volatile List<byte[]> chain = List.of();
    private volatile boolean stapled;

    ProbeClient(TlsCrypto crypto, ProtocolVersion[] versions, int[] suites, int[] groups, String sniHost) {
        super(crypto);
        this.versions = versions.clone();
        this.suites = suites.clone();
        this.groups = groups.clone();
        this.sniHost = sniHost;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return suites.clone();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        Vector offered = new Vector();
        for (int group : groups) {
            offered.add(group);
        }
        return offered;
    }

    /** One key share, for the first offered group TLS 1.3 allows, so that no retry is needed. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Vector getEarlyKeyShareGroups() {
        Vector shares = new Vector();
        for (int group : groups) {
            if (NamedGroup.canBeNegotiated(group, ProtocolVersion.TLSv13)) {
                shares.add(group);
                break;
            }
        }
        return shares;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSNIServerNames() {
        if (sniHost == null) {
            return null;
        }
        Vector names = new Vector();
        names.add(new ServerName(NameType.host_name, sniHost.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    /** Small groups are findings, not reasons to stop the probe. */
    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
        return new DefaultTlsDHGroupVerifier(512);
    }

    /** The certificate's signature algorithm is judged by the audit, not refused by the probe. */
    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return false;
    }

    /** A server without secure renegotiation is still probed. */
    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) {
        // accepted either way
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                List<byte[]> encoded = new ArrayList<>();
                for (TlsCertificate c : serverCertificate.getCertificate().getCertificateList()) {
                    encoded.add(c.getEncoded());
                }
                chain = List.copyOf(encoded);
                stapled = serverCertificate.getCertificateStatus() != null;
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                return null;
            }
        };
    }

    /** The certificates the server sent, leaf first; empty for anonymous suites. */
    List<byte[]> chain() {
        return chain;
    }

    /** True when the server stapled an OCSP response to its certificate (status_request). */
    boolean stapled() {
        return stapled;
    }

    TlsClientContext context() {
        return context;
    }
}
