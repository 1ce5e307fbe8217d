package org.testbench.mdms.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.mdms.MdmsLatency;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.VirtualMdms;
import org.testbench.lab.mdms.tls.ClientPki;
import org.testbench.lab.mdms.tls.MdmsClientAuth;
import org.testbench.lab.mdms.tls.MdmsTls;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.ClientOptions;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.client.TlsSettings;

/**
 * The bench's client against the lab's MDMS demanding client certificates, over real TLS on loopback: with the
 * identity the lab's client CA issued it gets past the handshake; without one, or with one from a CA of the same name
 * but another key (a lab restarted with a new CA, an identity kept from before), the handshake is refused and the
 * outcome is CREDENTIALS_REFUSED — the bench's fault — with a sentence that names the certificate and the alert.
 */
class MutualTlsAgainstLabTests {

    private static final String TOKEN = "mtls-token-Q2hhbmdlTWU";
    private static final char[] PASSWORD = "mtls-identity".toCharArray();

    @TempDir
    static Path dir;
    private static VirtualMdms mdms;
    private static MdmsTls tls;

    @BeforeAll
    static void start() throws Exception {
        tls = MdmsTls.create(MdmsTlsProfile.GOOD, dir).requiringLabClients(MdmsClientAuth.NEED, dir, PASSWORD);
        // No meters: meter.get of an unknown meter is a 404 once the bench is let in.
        mdms = VirtualMdms.start(new MdmsSettings(Set.of(), MdmsLatency.RF, 0.01, TOKEN), List.of(), Optional.of(tls));
    }

    @AfterAll
    static void stop() {
        if (mdms != null) {
            mdms.close();
        }
    }

    @Test
    void theLabsBenchIdentityGetsPastTheHandshake() throws Exception {
        MdmsResponse r = meterGet(Optional.of(BenchIdentity.load(tls.benchIdentity().orElseThrow(), PASSWORD)));
        assertThat(r.outcome()).as(r.message()).isEqualTo(MdmsOutcome.REJECTED);
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void withoutAnIdentityTheRefusalSaysTheBenchHasNone() throws Exception {
        MdmsResponse r = meterGet(Optional.empty());
        assertThat(r.outcome()).isEqualTo(MdmsOutcome.CREDENTIALS_REFUSED);
        assertThat(r.status()).isZero();
        assertThat(r.message()).startsWith("getMeter at " + mdms.url()).endsWith(": the MDMS demands a TLS client "
                + "certificate (mutual TLS) and the bench has none (TLS alert certificate_required): give the bench its "
                + "identity (mdms identity in bench.yaml, run --identity)");
    }

    @Test
    void anIdentityFromAnotherCaOfTheSameNameIsRefusedAsUntrusted() throws Exception {
        Path older = Files.createDirectories(dir.resolve("before-the-restart"));
        ClientPki stale = ClientPki.create(older, "Testbench virtual lab", PASSWORD);
        BenchIdentity identity = BenchIdentity.load(stale.identityFile(), PASSWORD);
        MdmsResponse r = meterGet(Optional.of(identity));
        assertThat(r.outcome()).isEqualTo(MdmsOutcome.CREDENTIALS_REFUSED);
        assertThat(r.message()).endsWith(": the MDMS refused the bench's TLS client certificate ("
                + identity.certificate().getSubjectX500Principal().getName() + ", issued by "
                + identity.certificate().getIssuerX500Principal().getName() + "): the MDMS does not trust the CA that "
                + "issued it (TLS alert unknown_ca)");
    }

    private static MdmsResponse meterGet(Optional<BenchIdentity> identity) throws Exception {
        Path spec = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("samples")
                .resolve("openapi").resolve("mdms-v1.yaml");
        ApiCatalog catalog = SpecImporter.defaults().importFile(spec);
        TlsSettings trust = TlsSettings.trustingCa(tls.caFile());
        if (identity.isPresent()) {
            trust = trust.withClientIdentity(identity.get());
        }
        Optional<org.testbench.mdms.client.RequestAuthentication> auth = MdmsAuthentication.create(catalog,
                HttpUrl.get(mdms.url()), AuthSettings.fromDocument(),
                name -> name.equals(AuthSettings.BEARER_VARIABLE) ? Optional.of(TOKEN) : Optional.empty(),
                new OkHttpClient(), identity.isPresent());
        ClientOptions options = ClientOptions.newBuilder().authentication(auth.orElse(null)).tls(trust)
                .callTimeout(Duration.ofSeconds(10)).build();
        Binding binding = Binding.parse("binding: 1\ncapabilities:\n  meter.get:\n    operation: getMeter\n"
                + "    parameters: {serial: \"${serial}\"}\n    values: {serial: /serial}\n", "meter-get.binding.yaml");
        try (MdmsClient client = MdmsClient.newBuilder().baseUrl(mdms.url()).catalog(catalog).binding(binding)
                .options(options).build()) {
            return client.call(Capability.METER_GET, Map.of("serial", "26000001"));
        }
    }
}
