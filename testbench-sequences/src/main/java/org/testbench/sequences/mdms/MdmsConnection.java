package org.testbench.sequences.mdms;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingCheck;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.ClientOptions;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.RequestAuthentication;
import org.testbench.mdms.client.TlsSettings;
import org.testbench.mdms.client.auth.AuthConfigurationException;
import org.testbench.mdms.client.auth.MdmsAuthentication;
import org.testbench.mdms.client.auth.SecretLookup;
import org.testbench.sequences.config.BenchConfiguration;

/**
 * The one place that builds a connection to an MDMS — for {@code testbench run}, {@code testbench mdms},
 * {@code testbench demo} and the desktop app alike: the API document and the binding (checked against each
 * other), the credentials the document's security schemes and the configuration's {@link
 * org.testbench.mdms.client.auth.AuthSettings} call for ({@link MdmsAuthentication}), the TLS trust and client
 * identity, the latency profile and the timeouts it implies.
 *
 * <pre>{@code
 * try (ClientMdmsGateway mdms = MdmsConnection.to(config).secrets(SecretLookup.ENVIRONMENT).gateway()) { ... }
 * }</pre>
 *
 * <p>Every failure to connect is an {@link IOException} with one line that says what and where (a file, a
 * scheme and the missing setting): the bench's fault, never the MDMS's.
 */
public final class MdmsConnection {

    /** The environment variable (or prompt) with the password of the bench's TLS identity. */
    public static final String TLS_PASSWORD_VARIABLE = "TESTBENCH_TLS_PASSWORD";

    private final BenchConfiguration.MdmsConfig config;
    private SecretLookup secrets = SecretLookup.ENVIRONMENT;
    private LatencyProfile latency;
    private ApiCatalog catalog;
    private Binding binding;
    private BenchIdentity identity;
    private final Map<String, String> looked = new ConcurrentHashMap<>();

    private MdmsConnection(BenchConfiguration.MdmsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.latency = config.latency() == BenchConfiguration.Latency.PLC ? LatencyProfile.plc() : LatencyProfile.rf();
    }

    /** A connection to the MDMS the configuration describes; nothing is read or opened until {@link #client()}. */
    public static MdmsConnection to(BenchConfiguration.MdmsConfig config) {
        return new MdmsConnection(config);
    }

    /**
     * Where the secrets come from, by the name of their variable (default: the environment): the MDMS's token,
     * API key, password or client secret, and the TLS identity's password ({@value #TLS_PASSWORD_VARIABLE}).
     * Each is asked once per connection, so a prompt asks once.
     */
    public MdmsConnection secrets(SecretLookup lookup) {
        this.secrets = Objects.requireNonNull(lookup, "lookup");
        return this;
    }

    /**
     * The latency profile (default: the configuration's RF or PLC): the call timeout, the poll interval and the
     * command deadline; the transport's read timeout is the call timeout.
     */
    public MdmsConnection latency(LatencyProfile profile) {
        this.latency = Objects.requireNonNull(profile, "profile");
        return this;
    }

    /**
     * The document and binding already read and checked by the caller (who reports their problems in its own
     * words); default: read from the configuration's files and refused when the binding does not fit.
     */
    public MdmsConnection api(ApiCatalog importedCatalog, Binding loadedBinding) {
        this.catalog = Objects.requireNonNull(importedCatalog, "importedCatalog");
        this.binding = Objects.requireNonNull(loadedBinding, "loadedBinding");
        return this;
    }

    /** The bench's identity already loaded; default: the configuration's, with its password from the secrets. */
    public MdmsConnection identity(BenchIdentity loaded) {
        this.identity = Objects.requireNonNull(loaded, "loaded");
        return this;
    }

    /** The latency profile the connection uses. */
    public LatencyProfile latency() {
        return latency;
    }

    /**
     * The secrets this connection looked up so far (to keep out of a run's records as well); more are learnt
     * while it runs (an OAuth2 access token), which the client removes from its evidence itself.
     */
    public List<String> secretsLookedUp() {
        return List.copyOf(looked.values());
    }

    /** Connects the engine's gateway. */
    public ClientMdmsGateway gateway() throws IOException {
        MdmsClient client = client();
        return new ClientMdmsGateway(client, latency, Optional.ofNullable(identity), config.ca());
    }

    /**
     * Builds the client.
     *
     * @throws IOException naming the file, the scheme or the setting at fault
     */
    public MdmsClient client() throws IOException {
        if (catalog == null) {
            readApi();
        }
        if (identity == null && config.identity().isPresent()) {
            identity = loadIdentity();
        }
        TlsSettings tls;
        try {
            tls = config.ca().isPresent() ? TlsSettings.trustingCa(config.ca().get()) : TlsSettings.systemTrust();
        } catch (IOException e) {
            throw new IOException("mdms ca " + config.ca().get() + ": " + e.getMessage(), e);
        }
        if (identity != null) {
            tls = tls.withClientIdentity(identity);
        }
        HttpUrl base = HttpUrl.parse(config.url().toString());
        if (base == null) {
            throw new IOException("mdms url " + config.url() + " is not an http or https URL");
        }
        Optional<RequestAuthentication> authentication;
        try {
            authentication = MdmsAuthentication.create(catalog, base, config.auth(), this::secret, tokenHttp(tls),
                    identity != null);
        } catch (AuthConfigurationException e) {
            throw new IOException(e.getMessage(), e);
        }
        ClientOptions.Builder options = ClientOptions.newBuilder().callTimeout(latency.callTimeout())
                .readTimeout(latency.callTimeout()).tls(tls).authentication(authentication.orElse(null));
        if (latency.callTimeout().compareTo(Duration.ofSeconds(10)) < 0) {
            options.connectTimeout(latency.callTimeout());
        }
        return MdmsClient.newBuilder().baseUrl(base.toString()).catalog(catalog).binding(binding)
                .options(options.build()).build();
    }

    private Optional<String> secret(String variable) {
        String known = looked.get(variable);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = secrets.secret(variable).filter(s -> !s.isEmpty());
        found.ifPresent(s -> looked.put(variable, s));
        return found;
    }

    private void readApi() throws IOException {
        try {
            catalog = SpecImporter.defaults().importFile(config.spec());
            binding = Binding.load(config.binding());
        } catch (SpecImportException | BindingException e) {
            throw new IOException(e.getMessage(), e);
        }
        BindingCheck check = binding.validate(catalog);
        if (!check.isUsable()) {
            throw new IOException("binding " + config.binding() + " does not fit " + config.spec() + ": "
                    + check.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
    }

    private BenchIdentity loadIdentity() throws IOException {
        if (!Files.exists(config.identity().get())) {
            // Said before its password is asked for: a prompt for the password of a file that is not there misleads.
            throw new IOException("the TLS identity " + config.identity().get() + ": no such file");
        }
        String password = secret(TLS_PASSWORD_VARIABLE).orElseThrow(() -> new IOException("the TLS identity "
                + config.identity().get() + " needs its password in " + TLS_PASSWORD_VARIABLE));
        char[] chars = password.toCharArray();
        try {
            return BenchIdentity.load(config.identity().get(), chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The token endpoint of OAuth2 is reached with the MDMS connection's TLS trust and within its timeouts. */
    private OkHttpClient tokenHttp(TlsSettings tls) {
        OkHttpClient.Builder b = new OkHttpClient.Builder().callTimeout(latency.callTimeout())
                .readTimeout(latency.callTimeout()).followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (config.ca().isPresent() || config.url().getScheme().equalsIgnoreCase("https")) {
            b.sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager());
        }
        if (latency.callTimeout().compareTo(Duration.ofSeconds(10)) < 0) {
            b.connectTimeout(latency.callTimeout());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "MdmsConnection[" + config.url() + ", " + config.spec().getFileName() + ", " + latency.name() + "]";
    }
}
