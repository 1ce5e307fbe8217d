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
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandState;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.CommandEnding;
import org.testbench.mdms.client.CommandResult;
import org.testbench.mdms.client.DeliveredKeys;
import org.testbench.mdms.client.KeyDeliveryException;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.client.ResponseFinding;
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

    @Override
    public Optional<URI> baseUrl() {
        return Optional.of(URI.create(client.baseUrl().toString()));
    }

    @Override
    public Optional<Path> trustedCa() {
        return trustedCa;
    }

    /**
     * Built by {@link MdmsConnection}, the one place that connects to an MDMS.
     *
     * @param identity  the bench's identity: the recipient of the meters' keys ({@code keys.get})
     * @param trustedCa the CA trusted for the MDMS's certificate (a {@code tls.audit} of the MDMS uses it too)
     */
    ClientMdmsGateway(MdmsClient client, LatencyProfile profile, Optional<BenchIdentity> identity,
                      Optional<Path> trustedCa) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.trustedCa = Objects.requireNonNull(trustedCa, "trustedCa");
        this.client = Objects.requireNonNull(client, "client");
        this.profile = Objects.requireNonNull(profile, "profile");
        ApiCatalog catalog = client.catalog();
        Binding binding = client.binding();
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
    public Result call(Capability capability, Map<String, Object> params, boolean follow, Duration timeout)
            throws IOException, InterruptedException {
        BindingEntry entry = client.binding().entry(capability).orElseThrow(() -> new IOException(
                "the binding does not map " + capability + " to an operation"));
        LatencyProfile callProfile = profile.withCallTimeout(min(timeout, profile.callTimeout()))
                .withCommandDeadline(timeout);
        MdmsResponse response;
        try {
            response = client.call(capability, params, callProfile);
        } catch (IllegalArgumentException e) {
            throw new IOException(capability + ": " + e.getMessage(), e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : entry.sources().keySet()) {
            fields.put(name, response.value(name).map(ClientMdmsGateway::plain).orElse(ABSENT));
        }
        if (entry.asynchronous() || capability == Capability.COMMAND_STATUS) {
            normaliseStatus(fields, fields.get("status") instanceof String s && !s.equals(ABSENT) ? s : "");
        }
        List<Finding> findings = new ArrayList<>(findings(response));
        List<String> evidence = new ArrayList<>(List.of(response.evidence().toText()));
        MdmsOutcome outcome = response.outcome();
        Duration latency = response.timing().elapsed();
        String message = response.message();
        if (follow && entry.asynchronous() && response.isOk() && response.isFollowable()) {
            CommandResult command = follow(response, callProfile, timeout);
            normaliseStatus(fields, command.status());
            fields.put("reasonCode", command.reasonCode().orElse(ABSENT));
            fields.put("reasonMessage", command.reasonMessage().orElse(ABSENT));
            fields.put("ending", command.ending().name());
            fields.put("polls", (double) command.polls());
            command.lastResponse().ifPresent(last -> {
                findings.addAll(findings(last));
                evidence.add(last.evidence().toText());
            });
            if (command.ending() == CommandEnding.STATUS_QUERY_FAILED && command.lastResponse()
                    .filter(last -> last.outcome() == MdmsOutcome.REJECTED || last.outcome() == MdmsOutcome.SERVER_ERROR
                            || last.outcome() == MdmsOutcome.MALFORMED)
                    .isPresent()) {
                // The MDMS answered the status query, with an error: it offers no way to learn the outcome.
                findings.add(Finding.of(FindingType.STATUS_UNAVAILABLE, capability + ": the MDMS accepted command "
                        + command.commandId() + " but does not say what became of it: " + command.message(),
                        command.lastResponse().get().evidence().toText()));
            }
            outcome = switch (command.ending()) {
                case EXECUTED, FAILED, UNKNOWN_STATE -> outcome;
                case METER_UNREACHABLE -> MdmsOutcome.METER_UNREACHABLE;
                case DEADLINE_PASSED -> MdmsOutcome.TIMEOUT;
                case STATUS_QUERY_FAILED, NOT_ACCEPTED -> command.lastResponse().map(MdmsResponse::outcome)
                        .orElse(MdmsOutcome.TRANSPORT);
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
                findings.add(Finding.of(FindingType.STATUS_UNAVAILABLE, capability + ": the MDMS accepted the"
                        + " command (HTTP " + response.status() + ") without a command id: what becomes of it cannot"
                        + " be asked", response.evidence().toText()));
            }
        }
        // Whether the MDMS said "no such meter", as the binding recognises it: a 404, or a search with no item.
        fields.put("notFound", response.notFound());
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
                + "FILE.p12 (password in " + MdmsConnection.TLS_PASSWORD_VARIABLE + ")"));
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
        Result result = new Result(response.outcome(), response.status(), fields, findings,
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

    /**
     * {@code status} in the bench's words (PENDING, EXECUTED, FAILED, or UNKNOWN for a word the binding's
     * states do not list), {@code rawStatus} in the MDMS's own.
     */
    private void normaliseStatus(Map<String, Object> fields, String raw) {
        if (raw.isEmpty()) {
            fields.put("status", ABSENT);
            fields.put("rawStatus", ABSENT);
            return;
        }
        CommandState state = client.binding().entry(Capability.COMMAND_STATUS).map(BindingEntry::commandStates)
                .orElse(org.testbench.mdms.binding.CommandStates.DEFAULT).classify(raw);
        fields.put("status", state.name());
        fields.put("rawStatus", raw);
    }

    /** The client's answer-quality findings in the vocabulary of a run. */
    static List<Finding> findings(MdmsResponse response) {
        List<Finding> list = new ArrayList<>();
        for (ResponseFinding f : response.findings()) {
            FindingType type = switch (f.kind()) {
                case UNCLEAR_ERROR -> FindingType.UNCLEAR_ERROR;
                case WRONG_STATUS_CLASS, ERROR_IN_SUCCESS, UNDOCUMENTED_STATUS, SCHEMA_VIOLATION, NOT_JSON,
                     MISSING_VALUE, UNMAPPED_VALUE, AMBIGUOUS_VALUE -> FindingType.CONTRACT_VIOLATION;
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
