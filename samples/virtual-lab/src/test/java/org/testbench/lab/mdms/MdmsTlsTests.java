package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.tls.MdmsTls;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;

/**
 * The MDMS over HTTPS: the good profile answers a JDK client that trusts the lab CA, the endpoints the
 * lab reports are https with the CA written beside the keystore, and the certificates have the flaws the
 * profiles promise. (Each weakness is found by the bench's TLS audit in openapi-import's tests.)
 */
class MdmsTlsTests {

    @TempDir
    Path dir;

    private static HttpClient trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("lab-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static VirtualMdms start(MdmsTlsProfile profile, Path directory) throws Exception {
        return VirtualMdms.start(new MdmsSettings(Set.of(), MdmsLatency.RF, 0.01, "tls-token"), List.of(),
                Optional.of(MdmsTls.create(profile, directory)));
    }

    @Test
    void goodProfileServesTheApiOverTls13ToAClientTrustingTheLabCa() throws Exception {
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(1).workDir(dir)
                .keystorePassword("tls-tests".toCharArray()).opticalPty(false).benchPty(false)
                .mdmsTls(MdmsTlsProfile.GOOD).build())) {
            assertThat(lab.mdms().url()).startsWith("https://127.0.0.1:");
            assertThat(lab.mdms().caFile()).contains(dir.resolve(MdmsTls.CA_FILE));
            assertThat(lab.mdms().tlsProfile()).contains(MdmsTlsProfile.GOOD);

            HttpResponse<String> health = trusting(lab.mdms().caFile().get()).send(
                    HttpRequest.newBuilder(URI.create(lab.mdms().url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void withoutTlsTheMdmsStaysPlainHttp() throws Exception {
        try (VirtualMdms mdms = VirtualMdms.start(new MdmsSettings(Set.of(), MdmsLatency.RF, 0.01, "t"), List.of())) {
            assertThat(mdms.url()).startsWith("http://");
            assertThat(mdms.caFile()).isEmpty();
        }
    }

    @Test
    void aJdkClientRefusesTheTls10Profile() throws Exception {
        try (VirtualMdms mdms = start(MdmsTlsProfile.TLS10, dir)) {
            HttpClient client = trusting(mdms.caFile().get());
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(mdms.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void certificatesCarryTheFlawOfTheirProfile() throws Exception {
        assertThat(leaf(MdmsTlsProfile.GOOD).getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(leaf(MdmsTlsProfile.SHA1).getSigAlgName()).isEqualTo("SHA1withRSA");
        assertThat(((java.security.interfaces.RSAPublicKey) leaf(MdmsTlsProfile.RSA1024).getPublicKey()).getModulus()
                .bitLength()).isEqualTo(1024);
        assertThat(leaf(MdmsTlsProfile.EXPIRED).getNotAfter()).isBefore(new java.util.Date());
        X509Certificate selfSigned = leaf(MdmsTlsProfile.SELF_SIGNED);
        assertThat(selfSigned.getIssuerX500Principal()).isEqualTo(selfSigned.getSubjectX500Principal());
        assertThat(leaf(MdmsTlsProfile.WRONG_HOST).getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .containsExactly("mdms.other-utility.invalid");
        assertThat(leaf(MdmsTlsProfile.CERT_PROFILE).getSubjectAlternativeNames()).isNull();
    }

    private X509Certificate leaf(MdmsTlsProfile profile) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(profile.externalName()));
        return MdmsTls.create(profile, sub).credentials().leaf();
    }

    @Test
    void unknownProfileNamesTheValidOnes() {
        assertThatThrownBy(() -> MdmsTlsProfile.parse("tls9"))
                .hasMessageContaining("unknown MDMS TLS profile 'tls9'").hasMessageContaining("good, tls10, null-cipher");
        assertThat(MdmsTlsProfile.parse(" Small-Curve ")).isEqualTo(MdmsTlsProfile.SMALL_CURVE);
    }

    @Test
    void theServerKeyNeverShowsInToString() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("tostring"));
        assertThat(MdmsTls.create(MdmsTlsProfile.GOOD, sub).credentials().toString()).contains("key <redacted>")
                .doesNotContain("PRIVATE");
    }
}
