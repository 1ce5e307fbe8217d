package org.testbench.mdms.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.mdms.MdmsLatency;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.VirtualMdms;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.client.ClientOptions;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.client.RequestAuthentication;
import org.testbench.mdms.testing.CapturedLog;

/**
 * Each authentication scheme against the virtual lab's MDMS in the dialect that uses it: the bearer token
 * (reference), OAuth2 client credentials with the lab's token endpoint (gridflow), an API key in a header, a
 * query parameter and a cookie, and HTTP basic (metercloud). The scheme comes from the document and the
 * configuration, the secret from a lookup; a wrong secret is refused; a revoked OAuth2 token is renewed once.
 */
class AuthSchemesAgainstLabTests {

    private static final String SECRET = "lab-secret-Q2hhbmdlTWVQbGVhc2U";
    private static final String SERIAL = "26000001";

    private static VirtualMdms reference;
    private static VirtualMdms gridflow;
    private static VirtualMdms metercloud;

    @BeforeAll
    static void start() throws Exception {
        reference = start(MdmsDialect.REFERENCE);
        gridflow = start(MdmsDialect.GRIDFLOW);
        metercloud = start(MdmsDialect.METERCLOUD);
    }

    private static VirtualMdms start(MdmsDialect dialect) throws Exception {
        // No meters: meter.get of an unknown meter is a 404 after the credentials passed, a 401 before.
        return VirtualMdms.start(new MdmsSettings(Set.of(), MdmsLatency.RF, 0.01, SECRET, dialect,
                MdmsSettings.DEFAULT_TOKEN_LIFETIME), List.of());
    }

    @AfterAll
    static void stop() {
        for (VirtualMdms mdms : new VirtualMdms[] {reference, gridflow, metercloud}) {
            if (mdms != null) {
                mdms.close();
            }
        }
    }

    private static Path sample(String folder, String file) {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("samples").resolve(folder)
                .resolve(file);
    }

    private static ApiCatalog catalog(MdmsDialect dialect) throws Exception {
        return SpecImporter.defaults().importFile(sample("openapi", dialect.specFile()));
    }

    /** Only meter.get, written in format 1 so that it reads whatever the binding format of the day. */
    private static Binding meterGet(MdmsDialect dialect) throws Exception {
        String entry = switch (dialect) {
            case REFERENCE -> "    operation: getMeter\n    parameters: {serial: \"${serial}\"}\n    values: {serial: /serial}\n";
            case GRIDFLOW -> "    operation: searchDevices\n    parameters: {serialNumber: \"${serial}\"}\n"
                    + "    values: {serial: /items/0/serialNumber}\n";
            case METERCLOUD -> "    operation: getMeter\n    parameters: {meterId: \"MTR-${serial}\"}\n"
                    + "    values: {serial: /serial}\n";
        };
        return Binding.parse("binding: 1\ncapabilities:\n  meter.get:\n" + entry, dialect + ".binding.yaml");
    }

    private static MdmsResponse meterGet(VirtualMdms mdms, AuthSettings settings, SecretLookup secrets)
            throws Exception {
        ApiCatalog catalog = catalog(mdms.dialect());
        HttpUrl base = HttpUrl.get(mdms.url());
        Optional<RequestAuthentication> auth = MdmsAuthentication.create(catalog, base, settings, secrets,
                new OkHttpClient(), false);
        ClientOptions options = ClientOptions.newBuilder().authentication(auth.orElse(null))
                .callTimeout(Duration.ofSeconds(10)).build();
        try (MdmsClient client = MdmsClient.newBuilder().baseUrl(mdms.url()).catalog(catalog)
                .binding(meterGet(mdms.dialect())).options(options).build()) {
            return client.call(Capability.METER_GET, Map.of("serial", SERIAL));
        }
    }

    private static SecretLookup only(String variable, String value) {
        return name -> name.equals(variable) ? Optional.of(value) : Optional.empty();
    }

    private static AuthSettings settings(String scheme, String user, String clientId) {
        return new AuthSettings(Optional.ofNullable(scheme), Optional.empty(), Optional.ofNullable(user),
                Optional.ofNullable(clientId), Optional.empty(), List.of());
    }

    /**
     * Past the credentials: the MDMS knows no meter, so the answer is its 404 (gridflow's search: 200 with no
     * device), not a 401.
     */
    private static void assertAccepted(MdmsResponse response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 404);
        assertThat(response.outcome()).isIn(MdmsOutcome.REJECTED, MdmsOutcome.OK);
    }

    private static void assertRefused(MdmsResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
    }

    @Test
    void bearerTokenOfTheReferenceApi() throws Exception {
        assertAccepted(meterGet(reference, AuthSettings.fromDocument(), only(AuthSettings.BEARER_VARIABLE, SECRET)));
        assertRefused(meterGet(reference, AuthSettings.fromDocument(), only(AuthSettings.BEARER_VARIABLE, "wrong-token")));
    }

    @Test
    void oauth2ClientCredentialsWithTheLabsTokenEndpoint() throws Exception {
        AuthSettings settings = settings(null, null, MdmsDialect.OAUTH2_CLIENT_ID);
        assertAccepted(meterGet(gridflow, settings, only(AuthSettings.CLIENT_SECRET_VARIABLE, SECRET)));
    }

    @Test
    void aRevokedAccessTokenIsRenewedOnceAndTheCallSucceeds() throws Exception {
        ApiCatalog catalog = catalog(MdmsDialect.GRIDFLOW);
        RequestAuthentication auth = MdmsAuthentication.create(catalog, HttpUrl.get(gridflow.url()),
                settings(null, null, MdmsDialect.OAUTH2_CLIENT_ID), only(AuthSettings.CLIENT_SECRET_VARIABLE, SECRET),
                new OkHttpClient(), false).orElseThrow();
        ClientOptions options = ClientOptions.newBuilder().authentication(auth).callTimeout(Duration.ofSeconds(10))
                .build();
        try (MdmsClient client = MdmsClient.newBuilder().baseUrl(gridflow.url()).catalog(catalog)
                .binding(meterGet(MdmsDialect.GRIDFLOW)).options(options).build()) {
            assertAccepted(client.call(Capability.METER_GET, Map.of("serial", SERIAL)));
            List<String> before = auth.secrets();
            gridflow.revokeAccessTokens();
            assertAccepted(client.call(Capability.METER_GET, Map.of("serial", SERIAL)));
            assertThat(auth.secrets()).as("a new access token was fetched").hasSize(before.size() + 1);
        }
    }

    @Test
    void aWrongClientSecretIsRefusedByTheTokenEndpointWithALocatedMessage() throws Exception {
        AuthSettings settings = settings(null, null, MdmsDialect.OAUTH2_CLIENT_ID);
        assertThatThrownBy(() -> meterGet(gridflow, settings, only(AuthSettings.CLIENT_SECRET_VARIABLE, "not-it")))
                .hasMessageContaining("OAuth2 token endpoint " + gridflow.rootUrl() + "/oauth/token")
                .hasMessageContaining("refused client " + MdmsDialect.OAUTH2_CLIENT_ID)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("not-it");
    }

    @Test
    void aTokenEndpointThatAnswersGarbageIsTheBenchsErrorNamingTheEndpoint() throws Exception {
        try (MockWebServer garbage = new MockWebServer()) {
            garbage.start(InetAddress.getLoopbackAddress(), 0);
            garbage.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/html")
                    .setBody("<html>login page</html>"));
            AuthSettings settings = new AuthSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(MdmsDialect.OAUTH2_CLIENT_ID), Optional.of(garbage.url("/token").uri()), List.of());
            assertThatThrownBy(() -> meterGet(gridflow, settings, only(AuthSettings.CLIENT_SECRET_VARIABLE, SECRET)))
                    .hasMessageContaining("OAuth2 token endpoint " + garbage.url("/token"))
                    .hasMessageContaining("not a JSON token response")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void apiKeyInHeaderQueryAndCookie() throws Exception {
        for (String scheme : List.of("apiKeyHeader", "apiKeyQuery", "apiKeyCookie")) {
            assertAccepted(meterGet(metercloud, settings(scheme, null, null), only(AuthSettings.API_KEY_VARIABLE, SECRET)));
            assertRefused(meterGet(metercloud, settings(scheme, null, null),
                    only(AuthSettings.API_KEY_VARIABLE, "wrong-key-1234")));
        }
    }

    @Test
    void theFirstSchemeWhoseSecretIsAtHandIsChosenWhenTheConfigurationNamesNone() throws Exception {
        assertAccepted(meterGet(metercloud, AuthSettings.fromDocument(), only(AuthSettings.API_KEY_VARIABLE, SECRET)));
    }

    @Test
    void httpBasic() throws Exception {
        assertAccepted(meterGet(metercloud, settings("basic", MdmsDialect.BASIC_USER, null),
                only(AuthSettings.PASSWORD_VARIABLE, SECRET)));
        assertRefused(meterGet(metercloud, settings("basic", "somebody", null),
                only(AuthSettings.PASSWORD_VARIABLE, SECRET)));
    }

    @Test
    void aSchemeTheDocumentRequiresButTheConfigurationLacksIsNamed() throws Exception {
        assertThatThrownBy(() -> MdmsAuthentication.create(catalog(MdmsDialect.GRIDFLOW), HttpUrl.get(gridflow.url()),
                AuthSettings.fromDocument(), name -> Optional.empty(), new OkHttpClient(), false))
                .isInstanceOf(AuthConfigurationException.class)
                .hasMessageContaining("GridFlow Head-End System API 2.4.0 requires credentials")
                .hasMessageContaining("gridflowOAuth (oauth2): no client id");
        assertThatThrownBy(() -> MdmsAuthentication.create(catalog(MdmsDialect.GRIDFLOW), HttpUrl.get(gridflow.url()),
                settings(null, null, "me"), name -> Optional.empty(), new OkHttpClient(), false))
                .hasMessageContaining(AuthSettings.CLIENT_SECRET_VARIABLE + " is not set");
        assertThatThrownBy(() -> MdmsAuthentication.create(catalog(MdmsDialect.METERCLOUD),
                HttpUrl.get(metercloud.url()), settings("oauth2", null, "me"), name -> Optional.of(SECRET),
                new OkHttpClient(), false))
                .hasMessageContaining("mdms auth scheme 'oauth2' is not a security scheme of MeterCloud REST API")
                .hasMessageContaining("apiKeyHeader (api-key)");
    }

    @Test
    void noSchemeLeavesASecretInTheLogsOrTheEvidence() throws Exception {
        try (CapturedLog log = CapturedLog.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE)) {
            MdmsResponse oauth = meterGet(gridflow, settings(null, null, MdmsDialect.OAUTH2_CLIENT_ID),
                    only(AuthSettings.CLIENT_SECRET_VARIABLE, SECRET));
            MdmsResponse basic = meterGet(metercloud, settings("basic", MdmsDialect.BASIC_USER, null),
                    only(AuthSettings.PASSWORD_VARIABLE, SECRET));
            MdmsResponse query = meterGet(metercloud, settings("apiKeyQuery", null, null),
                    only(AuthSettings.API_KEY_VARIABLE, SECRET));
            String basicEncoded = java.util.Base64.getEncoder().encodeToString(
                    (MdmsDialect.BASIC_USER + ":" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String text : List.of(oauth.toString(), basic.toString(), query.toString(),
                    String.valueOf(oauth.evidence()), String.valueOf(basic.evidence()), String.valueOf(query.evidence()),
                    String.join("\n", log.lines()))) {
                assertThat(text).doesNotContain(SECRET).doesNotContain(basicEncoded);
            }
        }
    }
}
