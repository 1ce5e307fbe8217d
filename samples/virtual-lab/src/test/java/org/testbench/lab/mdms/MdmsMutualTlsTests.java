package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.tls.ClientPki;
import org.testbench.lab.mdms.tls.ClientTrust;
import org.testbench.lab.mdms.tls.MdmsClientAuth;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;

/**
 * Mutual TLS at the lab's MDMS, with a JDK client over real TLS on loopback: {@code need} refuses, in the
 * handshake, a client without a certificate and one whose certificate comes from another CA, and lets in the
 * bench identity its own client CA issued; {@code want} lets in a client without a certificate but not one with a
 * foreign certificate.
 */
class MdmsMutualTlsTests {

    private static final char[] PASSWORD = "mtls-tests".toCharArray();

    @TempDir
    Path dir;

    @Test
    void needRefusesAClientWithoutCertificateAndAdmitsTheLabsBenchIdentity() throws Exception {
        try (VirtualLab lab = lab(MdmsClientAuth.NEED)) {
            VirtualMdms mdms = lab.mdms();
            assertThat(mdms.url()).startsWith("https://");
            assertThat(mdms.clientAuth()).isEqualTo(MdmsClientAuth.NEED);
            assertThat(mdms.clientCaFile()).contains(dir.resolve(ClientPki.CA_FILE));
            Path identity = mdms.benchIdentity().orElseThrow();
            assertThat(identity).isEqualTo(dir.resolve(ClientPki.IDENTITY_FILE));

            assertThat(health(mdms, client(mdms, null))).isEqualTo("HTTP/1.1 200 OK");
            assertThatThrownBy(() -> health(mdms, new Client(context(mdms, null))))
                    .isInstanceOf(SSLException.class).hasMessageContaining("certificate_required");
        }
    }

    @Test
    void overTls12TooAClientWithoutCertificateIsRefusedAndTheBenchIdentityAdmitted() throws Exception {
        try (VirtualLab lab = lab(MdmsClientAuth.NEED)) {
            VirtualMdms mdms = lab.mdms();
            assertThat(health(mdms, client(mdms, null), "TLSv1.2")).isEqualTo("HTTP/1.1 200 OK");
            // TLS 1.2 has no certificate_required: the handshake fails before the client's Finished.
            assertThatThrownBy(() -> health(mdms, new Client(context(mdms, null)), "TLSv1.2"))
                    .isInstanceOf(SSLException.class).hasMessageContaining("handshake_failure");
        }
    }

    @Test
    void needRefusesACertificateFromAnotherCaEvenWhenTheClientInsistsOnSendingIt() throws Exception {
        ClientPki other = ClientPki.create(dir.resolve("other-utility"), "Other utility", PASSWORD);
        try (VirtualLab lab = lab(MdmsClientAuth.NEED)) {
            VirtualMdms mdms = lab.mdms();
            // A JDK client sends no certificate the server's CertificateRequest does not name; this one does.
            assertThatThrownBy(() -> health(mdms, new Client(context(mdms, keys(other.identityFile(), PASSWORD, true)))))
                    .isInstanceOf(SSLException.class).hasMessageContaining("unknown_ca");
        }
    }

    @Test
    void wantAdmitsAClientWithoutCertificateButNotOneWithAForeignCertificate() throws Exception {
        ClientPki other = ClientPki.create(dir.resolve("other-utility"), "Other utility", PASSWORD);
        try (VirtualLab lab = lab(MdmsClientAuth.WANT)) {
            VirtualMdms mdms = lab.mdms();
            assertThat(health(mdms, new Client(context(mdms, null)))).isEqualTo("HTTP/1.1 200 OK");
            assertThat(health(mdms, client(mdms, null))).isEqualTo("HTTP/1.1 200 OK");
            assertThatThrownBy(() -> health(mdms, new Client(context(mdms, keys(other.identityFile(), PASSWORD, true)))))
                    .isInstanceOf(SSLException.class).hasMessageContaining("unknown_ca");
        }
    }

    @Test
    void aGivenClientCaReplacesTheLabsOwn() throws Exception {
        ClientPki utility = ClientPki.create(dir.resolve("utility"), "Utility", PASSWORD);
        try (VirtualLab lab = VirtualLab.start(base().mdmsClientAuth(MdmsClientAuth.NEED)
                .mdmsClientCa(utility.caFile()).build())) {
            VirtualMdms mdms = lab.mdms();
            assertThat(mdms.benchIdentity()).isEmpty();
            assertThat(mdms.clientCaFile()).contains(utility.caFile());
            assertThat(Files.exists(dir.resolve(ClientPki.IDENTITY_FILE))).isFalse();
            assertThat(health(mdms, new Client(context(mdms, keys(utility.identityFile(), PASSWORD, false)))))
                    .isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void withoutClientAuthenticationNoCertificateIsAskedFor() throws Exception {
        try (VirtualLab lab = VirtualLab.start(base().mdmsTls(MdmsTlsProfile.GOOD).build())) {
            assertThat(lab.mdms().clientAuth()).isEqualTo(MdmsClientAuth.NONE);
            assertThat(lab.mdms().benchIdentity()).isEmpty();
            assertThat(health(lab.mdms(), new Client(context(lab.mdms(), null)))).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aClientCaFileThatHoldsNoCaIsNamedInOneLine() throws Exception {
        Path missing = dir.resolve("nowhere.pem");
        assertThatThrownBy(() -> ClientTrust.readPem(missing)).isInstanceOf(IOException.class)
                .hasMessage(missing + ": no such file");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> ClientTrust.readPem(empty)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(empty + ": not a PEM certificate file");
        Path leafOnly = dir.resolve("leaf.pem");
        ClientPki pki = ClientPki.create(dir.resolve("pki"), "Utility", PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.identityFile())) {
            store.load(in, PASSWORD);
        }
        X509Certificate leaf = (X509Certificate) store.getCertificate(ClientPki.IDENTITY_ALIAS);
        Files.writeString(leafOnly, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(leaf.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> ClientTrust.readPem(leafOnly)).hasMessageContaining("is not a CA certificate");
    }

    @Test
    void unknownModeNamesTheValidOnes() {
        assertThatThrownBy(() -> MdmsClientAuth.parse("required"))
                .hasMessage("unknown MDMS client authentication 'required'; valid: none, want, need");
        assertThat(MdmsClientAuth.parse(" Need ")).isEqualTo(MdmsClientAuth.NEED);
    }

    private LabConfig.Builder base() {
        return LabConfig.builder().meters(1).workDir(dir).keystorePassword(PASSWORD).opticalPty(false).benchPty(false)
                .mdmsTimeScale(0.01);
    }

    private VirtualLab lab(MdmsClientAuth mode) throws IOException {
        return VirtualLab.start(base().mdmsClientAuth(mode).build());
    }

    /** A client with the lab's bench identity ({@code keys} null) or the given key managers. */
    private Client client(VirtualMdms mdms, KeyManager[] keys) throws Exception {
        return new Client(context(mdms, keys != null ? keys
                : keys(mdms.benchIdentity().orElseThrow(), PASSWORD, false)));
    }

    private static SSLContext context(VirtualMdms mdms, KeyManager[] keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(mdms.caFile().orElseThrow())) {
            trust.setCertificateEntry("lab", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * The key managers of a PKCS#12 identity; {@code insist}: its certificate is sent whatever CAs the server
     * names (as a client configured with one fixed certificate does).
     */
    private static KeyManager[] keys(Path p12, char[] password, boolean insist) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        X509KeyManager real = (X509KeyManager) kmf.getKeyManagers()[0];
        if (!insist) {
            return kmf.getKeyManagers();
        }
        return new KeyManager[] {new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {ClientPki.IDENTITY_ALIAS};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return ClientPki.IDENTITY_ALIAS;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return ClientPki.IDENTITY_ALIAS;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return real.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return real.getPrivateKey(alias);
            }
        }};
    }

    /** GET /health over one TLS connection; the status line of the answer. */
    private static String health(VirtualMdms mdms, Client client) throws IOException {
        return health(mdms, client, "TLSv1.3");
    }

    private static String health(VirtualMdms mdms, Client client, String protocol) throws IOException {
        URI url = URI.create(mdms.url());
        try (SSLSocket socket = (SSLSocket) client.context.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // TLS 1.3: the server judges the client's certificate after the client's handshake is done; its alert
            // arrives on the first read.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("");
        }
    }

    /** An SSL context to connect with. */
    private record Client(SSLContext context) {
    }
}
