package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testbench.mdms.testing.MdmsBodies.METER;
import static org.testbench.mdms.testing.MdmsBodies.SERIAL;
import static org.testbench.mdms.testing.MdmsBodies.json;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.RestrictedTls;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;
import org.testbench.mdms.testing.TestPki;
import org.testbench.mdms.testing.Tls10OnlyServer;

/** TLS to the MDMS with the utility's own CA: NIST versions and suites only, mutual TLS, refusals. */
class ClientTlsTests {

    private static final ApiCatalog CATALOG = Specs.load("mdms-v1.yaml");
    private static final char[] PASSWORD = "bench-p12".toCharArray();
    private static final Map<String, Object> METER_1 = Map.of("serial", SERIAL);

    @TempDir
    static Path dir;
    private static TestPki utility;
    private static TestPki.Issued serverIdentity;
    private static Path caPem;
    private static BenchIdentity bench;

    private MockWebServer server;

    @BeforeAll
    static void issueCertificates() throws Exception {
        utility = TestPki.create("Utility test CA");
        serverIdentity = utility.server();
        caPem = utility.writeCaPem(dir.resolve("utility-ca.pem"));
        Path p12 = utility.client("bench-7").writePkcs12(dir.resolve("bench.p12"), PASSWORD);
        bench = BenchIdentity.load(p12, PASSWORD);
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private void serveTls(SSLSocketFactory factory) throws Exception {
        server.useHttps(factory, false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(json(200, METER));
    }

    private MdmsResponse callWith(TlsSettings tls, String url) {
        ClientOptions options = ClientOptions.newBuilder().tls(tls).build();
        try (MdmsClient client = MdmsClient.newBuilder().baseUrl(url).catalog(CATALOG).binding(Samples.binding())
                .options(options).build()) {
            return client.call(Capability.METER_GET, METER_1);
        }
    }

    @Test
    void trustsTheUtilityCaAndNegotiatesTls13WithAesGcm() throws Exception {
        serveTls(TestPki.serverContext(serverIdentity).getSocketFactory());
        MdmsResponse response = callWith(TlsSettings.trustingCa(caPem), server.url("/").toString());
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
        assertThat(response.evidence().tls()).matches("TLSv1\\.3 TLS_AES_(128|256)_GCM_SHA(256|384)");
    }

    @Test
    void refusesAServerCertificateFromAnotherCa() throws Exception {
        TestPki stranger = TestPki.create("Stranger CA");
        serveTls(TestPki.serverContext(stranger.server()).getSocketFactory());
        MdmsResponse response = callWith(TlsSettings.trustingCa(caPem), server.url("/").toString());
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
        assertThat(response.message()).contains("TLS handshake failed");
    }

    @Test
    void presentsTheBenchCertificateForMutualTls() throws Exception {
        serveTls(TestPki.serverContext(serverIdentity, utility.ca()).getSocketFactory());
        server.requireClientAuth();
        TlsSettings tls = TlsSettings.trustingCa(caPem).withClientIdentity(bench);
        MdmsResponse response = callWith(tls, server.url("/").toString());
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getHandshake().peerPrincipal().getName()).contains("CN=bench-7");
    }

    @Test
    void withoutAClientCertificateMutualTlsFails() throws Exception {
        serveTls(TestPki.serverContext(serverIdentity, utility.ca()).getSocketFactory());
        server.requireClientAuth();
        MdmsResponse response = callWith(TlsSettings.trustingCa(caPem), server.url("/").toString());
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
    }

    @Test
    void acceptsTls12WithEcdheAndAesGcm() throws Exception {
        SSLContext context = TestPki.serverContext(serverIdentity);
        serveTls(new RestrictedTls(context.getSocketFactory(), new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}));
        MdmsResponse response = callWith(TlsSettings.trustingCa(caPem), server.url("/").toString());
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
        assertThat(response.evidence().tls()).isEqualTo("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void refusesAServerThatOffersOnlyChaCha20() throws Exception {
        SSLContext context = TestPki.serverContext(serverIdentity);
        serveTls(new RestrictedTls(context.getSocketFactory(), new String[] {"TLSv1.3", "TLSv1.2"},
                new String[] {"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"}));
        MdmsResponse response = callWith(TlsSettings.trustingCa(caPem), server.url("/").toString());
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
        assertThat(response.message()).contains("TLS handshake failed").contains("handshake_failure");
    }

    @Test
    void refusesATls10OnlyServerAndOffersOnlyNistSuites() throws Exception {
        try (Tls10OnlyServer legacy = new Tls10OnlyServer(serverIdentity)) {
            // Control: the server does complete a TLS 1.0 handshake with a client that offers it.
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), legacy.port())) {
                TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
                protocol.connect(new Tls10Client());
                protocol.close();
            }
            MdmsResponse response = callWith(TlsSettings.trustingCa(caPem), "https://localhost:" + legacy.port() + "/");
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
            assertThat(response.message()).contains("TLS handshake failed");
            legacy.awaitHandshakes(2, Duration.ofSeconds(5)); // the server thread records after the client gave up
            assertThat(legacy.handshakes()).hasSize(2).first().isEqualTo("completed");
            assertThat(legacy.handshakes().get(1)).startsWith("failed").contains("protocol_version");
            assertThat(legacy.offeredSuites()).isSubsetOf(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        }
    }

    /** A legacy client for the control handshake: TLS 1.0, one CBC suite, any server certificate. */
    private static final class Tls10Client extends DefaultTlsClient {
        Tls10Client() {
            super(new BcTlsCrypto(new SecureRandom()));
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv10.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate certificate) {
                    // The control only proves the server speaks TLS 1.0; trust is not its subject.
                }
            };
        }
    }
}
