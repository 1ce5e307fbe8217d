package org.testbench.lab.mdms.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.asn1.x500.X500Name;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handshake of the lab's HTTPS endpoint with exactly the versions, suites and groups of a profile.
 * Bouncy Castle's low-level server is used because it applies no algorithm constraints of its own: the
 * JDK's (and BC JSSE's) would refuse to serve TLS 1.0, NULL, anonymous suites or small curves, and
 * lifting them would weaken every other TLS connection of the process.
 */
final class ProfileTlsServer extends DefaultTlsServer {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileTlsServer.class);

    private final MdmsTlsProfile profile;
    private final ClientTrust clientTrust;
    private volatile boolean refusedClient;
    private final BcTlsCrypto crypto;
    private final byte[][] chain;
    private final AsymmetricKeyParameter privateKey;

    ProfileTlsServer(BcTlsCrypto crypto, MdmsTlsProfile profile, byte[][] chain, AsymmetricKeyParameter privateKey,
            ClientTrust clientTrust) {
        super(crypto);
        this.crypto = crypto;
        this.profile = profile;
        this.clientTrust = clientTrust;
        this.chain = chain;
        this.privateKey = privateKey;
    }

    /** The server's order decides, as the guideline asks; the client's order would let it pick the weakest. */
    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return profile.versions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, profile.cipherSuites());
    }

    @Override
    public int[] getSupportedGroups() {
        return profile.groups();
    }

    /** Only the profile's groups, in the client's order of preference (the default takes any client group). */
    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        if (offered == null) {
            return profile.groups()[0];
        }
        for (int group : offered) {
            boolean curve = NamedGroup.refersToAnECDHCurve(group) || NamedGroup.refersToAnXDHCurve(group);
            if (curve && contains(profile.groups(), group)) {
                return group;
            }
        }
        return -1;
    }

    @Override
    protected int getMaximumNegotiableCurveBits() {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        int max = 0;
        for (int group : profile.groups()) {
            if (offered == null || contains(offered, group)) {
                max = Math.max(max, NamedGroup.getCurveBits(group));
            }
        }
        return max;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        ProtocolVersion version = context.getServerVersion();
        if (TlsUtils.isTLSv13(version)) {
            return signer(version);
        }
        int keyExchange = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
        if (keyExchange == KeyExchangeAlgorithm.DH_anon || keyExchange == KeyExchangeAlgorithm.ECDH_anon) {
            return null;
        }
        return super.getCredentials();
    }

    /**
     * Mutual TLS: asks for a certificate from one of the trusted client CAs (named, as servers commonly do, so that
     * a client holding several identities picks the right one), signed with any scheme the server can verify.
     */
    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (!clientTrust.mode().asks()) {
            return null;
        }
        Vector<X500Name> authorities = new Vector<>();
        for (X509Certificate ca : clientTrust.cas()) {
            authorities.add(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()));
        }
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> algorithms = TlsUtils.isSignatureAlgorithmsExtensionAllowed(
                context.getServerVersion()) ? TlsUtils.getDefaultSupportedSignatureAlgorithms(context) : null;
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, algorithms, null, authorities);
        }
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algorithms, authorities);
    }

    /** The client's chain (empty when it has none), refused with the alert a TLS server sends for what is wrong. */
    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        List<X509Certificate> presented = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (TlsCertificate c : clientCertificate.getCertificateList()) {
                presented.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
            }
        } catch (GeneralSecurityException e) {
            refusedClient = true;
            LOG.info("MDMS TLS front: refused a client: its certificate cannot be read: {}", e.getMessage());
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unreadable client certificate");
        }
        try {
            clientTrust.check(presented, TlsUtils.isTLSv13(context));
        } catch (ClientTrust.Refusal refusal) {
            refusedClient = true;
            // The lab's administrator sees why a bench was turned away; the bench sees only the alert, as in reality.
            LOG.info("MDMS TLS front: refused a client in the handshake ({}): {}",
                    AlertDescription.getName(refusal.alert()), refusal.getMessage());
            throw new TlsFatalAlert(refusal.alert(), refusal.getMessage());
        }
    }

    /** True once this handshake ended because of the client's certificate (or its absence). */
    boolean refusedClient() {
        return refusedClient;
    }

    /** RSA key transport, for the legacy profile's static-RSA suites. */
    @Override
    protected TlsCredentialedDecryptor getRSAEncryptionCredentials() throws IOException {
        return new BcDefaultTlsCredentialedDecryptor(crypto,
                certificate(context.getServerVersion()), privateKey);
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
        return signer(context.getServerVersion());
    }

    private TlsCredentialedSigner signer(ProtocolVersion version) throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                certificate(version), signatureAlgorithm(version));
    }

    private Certificate certificate(ProtocolVersion version) throws IOException {
        TlsCertificate[] certificates = new TlsCertificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            certificates[i] = crypto.createCertificate(chain[i]);
        }
        if (!TlsUtils.isTLSv13(version)) {
            return new Certificate(certificates);
        }
        CertificateEntry[] entries = new CertificateEntry[certificates.length];
        for (int i = 0; i < certificates.length; i++) {
            entries[i] = new CertificateEntry(certificates[i], null);
        }
        return new Certificate(TlsUtils.EMPTY_BYTES, entries);
    }

    /** An RSA scheme the client offered: PSS in TLS 1.3, PKCS#1 or PSS in 1.2, none before (MD5+SHA-1). */
    private SignatureAndHashAlgorithm signatureAlgorithm(ProtocolVersion version) throws IOException {
        if (!TlsUtils.isSignatureAlgorithmsExtensionAllowed(version)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> offered = context.getSecurityParametersHandshake().getClientSigAlgs();
        boolean tls13 = TlsUtils.isTLSv13(version);
        if (offered == null) {
            return tls13 ? SignatureAndHashAlgorithm.rsa_pss_rsae_sha256
                    : SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, SignatureAlgorithm.rsa);
        }
        for (SignatureAndHashAlgorithm algorithm : offered) {
            short signature = algorithm.getSignature();
            boolean pss = signature == SignatureAlgorithm.rsa_pss_rsae_sha256
                    || signature == SignatureAlgorithm.rsa_pss_rsae_sha384
                    || signature == SignatureAlgorithm.rsa_pss_rsae_sha512;
            if (pss || (!tls13 && signature == SignatureAlgorithm.rsa)) {
                return algorithm;
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no RSA signature scheme offered");
    }

    private static boolean contains(int[] values, int wanted) {
        for (int value : values) {
            if (value == wanted) {
                return true;
            }
        }
        return false;
    }
}
