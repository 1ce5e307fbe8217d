package org.testbench.sequences.mdms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingCheck;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.client.BearerToken;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.ClientOptions;
import org.testbench.mdms.client.CommandEnding;
import org.testbench.mdms.client.CommandResult;
import org.testbench.mdms.client.DeliveredKeys;
import org.testbench.mdms.client.KeyDeliveryException;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.client.ResponseFinding;
import org.testbench.mdms.client.TlsSettings;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.MdmsGateway;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;

/**
 * The engine's view of an MDMS, through the imported API, the binding and the classifying client. A
 * value the binding names but the answer lacks is {@value #ABSENT}, so a check against it fails as the
 * MDMS's fault instead of erroring as the test's.
 */
public final class ClientMdmsGateway implements MdmsGateway, AutoCloseable {

    /** Stands for a bound value the MDMS did not give. */
    public static final String ABSENT = "<absent>";

    /** The {@code ending} of a command the MDMS accepted without a command id to follow it by. */
    public static final String NOT_FOLLOWED = "NOT_FOLLOWED";

    private final MdmsClient client;
    private final LatencyProfile profile;
    private final String description;
    private final String apiVersion;
    private final Optional<BenchIdentity> identity;
    private final Optional<Path> trustedCa;

    /** The environment variable with the password of the TLS client identity. */
    public static final String TLS_PASSWORD_VARIABLE = "TESTBENCH_TLS_PASSWORD";

    /**
     * Imports the spec, loads and validates the binding against it, and connects with the token from
     * its environment variable and the TLS settings of the configuration.
     *
     * @throws IOException naming the file and the problem (a binding that does not fit the spec included)
     */
    public static ClientMdmsGateway open(BenchConfiguration.MdmsConfig config) throws IOException {
        return open(config, System.getenv(config.tokenVariable()));
    }

    /**
     * As {@link #open(BenchConfiguration.MdmsConfig)}, with the bearer token given (a process that started
     * the MDMS itself knows it); null or blank sends none.
     */
    public static ClientMdmsGateway open(BenchConfiguration.MdmsConfig config, String token) throws IOException {
        LatencyProfile profile = config.latency() == BenchConfiguration.Latency.PLC ? LatencyProfile.plc()
                : LatencyProfile.rf();
        return open(config, token, profile);
    }

    /**
     * As {@link #open(BenchConfiguration.MdmsConfig, String)}, with the latency profile given (a lab whose
     * MDMS runs time-scaled is polled as fast as it answers).
     *
     * @throws IOException naming the file and the problem (a binding that does not fit the spec included)
     */
    public static ClientMdmsGateway open(BenchConfiguration.MdmsConfig config, String token, LatencyProfile profile)
            throws IOException {
        if (config.identity().isEmpty()) {
            return open(config, token, profile, null);
        }
        String password = System.getenv(TLS_PASSWORD_VARIABLE);
        if (password == null) {
            throw new IOException("the TLS identity " + config.identity().get() + " needs its password in "
                    + TLS_PASSWORD_VARIABLE);
        }
        char[] chars = password.toCharArray();
        try {
            return open(config, token, profile, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * As {@link #open(BenchConfiguration.MdmsConfig, String, LatencyProfile)}, with the password of the
     * configuration's identity given (null when it has none); the caller clears its array.
     *
     * @throws IOException naming the file and the problem (a binding that does not fit the spec included)
     */
    public static ClientMdmsGateway open(BenchConfiguration.MdmsConfig config, String token, LatencyProfile profile,
                                         char[] identityPassword) throws IOException {
        Objects.requireNonNull(profile, "profile");
        ApiCatalog catalog;
        Binding binding;
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
        ClientOptions.Builder options = ClientOptions.newBuilder();
        if (token != null && !token.isBlank()) {
            options.bearerToken(BearerToken.of(token));
        }
        TlsSettings tls = config.ca().isPresent() ? TlsSettings.trustingCa(config.ca().get()) : TlsSettings.systemTrust();
        BenchIdentity identity = null;
        if (config.identity().isPresent()) {
            if (identityPassword == null) {
                throw new IOException("the TLS identity " + config.identity().get() + " needs its password in "
                        + TLS_PASSWORD_VARIABLE);
            }
            identity = BenchIdentity.load(config.identity().get(), identityPassword);
            tls = tls.withClientIdentity(identity);
        }
        options.tls(tls);
        MdmsClient client = MdmsClient.newBuilder().baseUrl(config.url().toString()).catalog(catalog).binding(binding)
                .options(options.build()).build();
        return new ClientMdmsGateway(client, profile, catalog, binding, Optional.ofNullable(identity), config.ca());
    }

    @Override
    public Optional<URI> baseUrl() {
        return Optional.of(URI.create(client.baseUrl().toString()));
    }

    @Override
    public Optional<Path> trustedCa() {
        return trustedCa;
    }

    /**
     * @param identity  the bench's identity: the recipient of the meters' keys ({@code keys.get})
     * @param trustedCa the CA trusted for the MDMS's certificate (a {@code tls.audit} of the MDMS uses it too)
     */
    private ClientMdmsGateway(MdmsClient client, LatencyProfile profile, ApiCatalog catalog, Binding binding,
                              Optional<BenchIdentity> identity, Optional<Path> trustedCa) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.trustedCa = Objects.requireNonNull(trustedCa, "trustedCa");
        this.client = client;
        this.profile = profile;
        this.apiVersion = catalog.title() + " " + catalog.version();
        this.description = apiVersion + " (spec sha256 " + catalog.source().sha256() + ", binding " + binding.source()
                + ")";
    }

    /**
     * {@inheritDoc}
     *
     * <p>An asynchronous capability called with {@code follow} always has the fields of a followed command,
     * whatever the MDMS answered: {@code status}, {@code reasonCode}, {@code reasonMessage}, {@code ending} (a
     * {@link CommandEnding} name, or {@value #NOT_FOLLOWED}) and {@code polls}. A command the MDMS accepted but
     * whose outcome it does not give — no command id to follow, or status queries answered with errors — is a
     * {@link FindingType#STATUS_UNAVAILABLE} finding.
     */
    @Override
    public Result call(String capabilityName, Map<String, Object> params, boolean follow, Duration timeout)
            throws IOException, InterruptedException {
        Capability capability;
        try {
            capability = Capability.parse(capabilityName);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        BindingEntry entry = client.binding().entry(capability).orElseThrow(() -> new IOException(
                "the binding does not map " + capabilityName + " to an operation"));
        LatencyProfile callProfile = profile.withCallTimeout(min(timeout, profile.callTimeout()))
                .withCommandDeadline(timeout);
        MdmsResponse response;
        try {
            response = client.call(capability, params, callProfile);
        } catch (IllegalArgumentException e) {
            throw new IOException(capabilityName + ": " + e.getMessage(), e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : entry.values().keySet()) {
            fields.put(name, response.value(name).map(ClientMdmsGateway::plain).orElse(ABSENT));
        }
        List<Finding> findings = new ArrayList<>(findings(response));
        List<String> evidence = new ArrayList<>(List.of(response.evidence().toText()));
        String outcome = response.outcome().name();
        Duration latency = response.timing().elapsed();
        String message = response.message();
        if (follow && entry.asynchronous() && response.isOk() && response.text("commandId").isPresent()) {
            CommandResult command = follow(response, callProfile, timeout);
            fields.put("status", command.status().isEmpty() ? ABSENT : command.status());
            fields.put("reasonCode", command.reasonCode().orElse(ABSENT));
            fields.put("reasonMessage", command.reasonMessage().orElse(ABSENT));
            fields.put("ending", command.ending().name());
            fields.put("polls", (double) command.polls());
            command.lastResponse().ifPresent(last -> {
                findings.addAll(findings(last));
                evidence.add(last.evidence().toText());
            });
            if (command.ending() == CommandEnding.STATUS_QUERY_FAILED && command.lastResponse()
                    .filter(last -> last.outcome() == MdmsOutcome.REJECTED || last.outcome() == MdmsOutcome.SERVER_ERROR)
                    .isPresent()) {
                // The MDMS answered the status query, with an error: it offers no way to learn the outcome.
                findings.add(Finding.of(FindingType.STATUS_UNAVAILABLE, capabilityName + ": the MDMS accepted command "
                        + command.commandId() + " but does not say what became of it: " + command.message(),
                        command.lastResponse().get().evidence().toText()));
            }
            outcome = switch (command.ending()) {
                case EXECUTED, FAILED, UNKNOWN_STATE -> outcome;
                case METER_UNREACHABLE -> "METER_UNREACHABLE";
                case DEADLINE_PASSED -> "TIMEOUT";
                case STATUS_QUERY_FAILED, NOT_ACCEPTED -> command.lastResponse().map(r -> r.outcome().name())
                        .orElse("TRANSPORT");
            };
            latency = latency.plus(command.elapsed());
            message = command.message();
        } else if (follow && entry.asynchronous()) {
            // Not followed: refused, or accepted without a command id. The fields of a followed command are there
            // all the same, so a sequence that names them judges the MDMS instead of failing to resolve a name.
            fields.putIfAbsent("status", ABSENT);
            fields.put("reasonCode", ABSENT);
            fields.put("reasonMessage", ABSENT);
            fields.put("ending", response.isOk() ? NOT_FOLLOWED : CommandEnding.NOT_ACCEPTED.name());
            fields.put("polls", 0.0);
            if (response.isOk()) {
                findings.add(Finding.of(FindingType.STATUS_UNAVAILABLE, capabilityName + ": the MDMS accepted the"
                        + " command (HTTP " + response.status() + ") without a command id: what becomes of it cannot"
                        + " be asked", response.evidence().toText()));
            }
        }
        return new Result(outcome, response.status(), fields, findings, evidence, latency, message);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The keys come wrapped for the bench's identity (CMS AuthEnvelopedData) and are unwrapped with its private
     * key; the MDMS's fingerprints, where the binding points to them, must match the unwrapped keys. An envelope
     * that cannot be unwrapped or does not match is a {@link FindingType#SECURITY} finding. The envelope never
     * reaches the evidence.
     */
    @Override
    public KeyDelivery keys(String serial, Duration timeout) throws IOException {
        BenchIdentity recipient = identity.orElseThrow(() -> new IOException("keys.get needs the bench's identity, "
                + "which receives the keys: mdms.identity in the bench configuration, or testbench run --identity "
                + "FILE.p12 (password in " + TLS_PASSWORD_VARIABLE + ")"));
        Optional<String> unfit = recipient.keyDeliveryProblem();
        if (unfit.isPresent()) {
            // The bench's configuration, not the MDMS: asking would only earn a refusal blamed on the wrong side.
            throw new IOException("keys.get: the bench's identity " + recipient.certificate().getSubjectX500Principal()
                    .getName() + " cannot receive keys: " + unfit.get() + " (testbench pki init makes one that can, "
                    + "bench-identity.p12)");
        }
        if (client.binding().entry(Capability.KEYS_GET).isEmpty()) {
            throw new IOException("the binding does not map keys.get to an operation");
        }
        LatencyProfile callProfile = profile.withCallTimeout(min(timeout, profile.callTimeout()));
        MdmsResponse response;
        try {
            response = client.call(Capability.KEYS_GET, MdmsClient.keysInputs(serial, recipient), callProfile);
        } catch (IllegalArgumentException e) {
            throw new IOException("keys.get: " + e.getMessage(), e);
        }
        List<Finding> findings = new ArrayList<>(findings(response));
        Map<String, Object> fields = new LinkedHashMap<>();
        Optional<MeterKeys> keys = Optional.empty();
        String message = response.message();
        if (response.isOk()) {
            try (DeliveredKeys delivered = client.unwrapKeys(response, recipient)) {
                byte[] ek = delivered.encryptionKey();
                byte[] ak = delivered.authenticationKey();
                try {
                    keys = Optional.of(new MeterKeys(serial, ek, ak));
                } finally {
                    Arrays.fill(ek, (byte) 0);
                    Arrays.fill(ak, (byte) 0);
                }
                fields.put("ekFingerprint", delivered.encryptionKeyFingerprint());
                fields.put("akFingerprint", delivered.authenticationKeyFingerprint());
                message = "keys of meter " + serial + " delivered: " + delivered;
            } catch (KeyDeliveryException e) {
                findings.add(Finding.of(FindingType.SECURITY, e.getMessage(), response.evidence().toText()));
                message = e.getMessage();
            }
        }
        Result result = new Result(response.outcome().name(), response.status(), fields, findings,
                List.of(response.evidence().toText()), response.timing().elapsed(), message);
        return new KeyDelivery(result, keys);
    }

    private CommandResult follow(MdmsResponse accepted, LatencyProfile callProfile, Duration timeout)
            throws IOException, InterruptedException {
        Future<CommandResult> following = client.followCommand(accepted, callProfile);
        try {
            // A little past the deadline: the poller ends itself at the deadline and says so.
            return following.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            following.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            following.cancel(true);
            throw new IOException("following the command did not end within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException("following the command failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The client's answer-quality findings in the vocabulary of a run. */
    static List<Finding> findings(MdmsResponse response) {
        List<Finding> list = new ArrayList<>();
        for (ResponseFinding f : response.findings()) {
            FindingType type = switch (f.kind()) {
                case UNCLEAR_ERROR -> FindingType.UNCLEAR_ERROR;
                case WRONG_STATUS_CLASS, ERROR_IN_SUCCESS, UNDOCUMENTED_STATUS, SCHEMA_VIOLATION, NOT_JSON,
                     MISSING_VALUE -> FindingType.CONTRACT_VIOLATION;
            };
            list.add(Finding.of(type, response.capability().id() + ": " + f.message(), response.evidence().toText()));
        }
        return list;
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return ABSENT;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The API's title and version as its OpenAPI file states them. */
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public void close() {
        client.close();
    }
}
