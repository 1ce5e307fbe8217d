package org.testbench.mdms.client;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.CipherSuite;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.TlsVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CallInputs;
import org.testbench.mdms.binding.InputRule;
import org.testbench.mdms.binding.ValueSource;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiResponse;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.client.internal.BodyReader;
import org.testbench.mdms.client.internal.CmsKeyUnwrapper;
import org.testbench.mdms.client.internal.CommandPoller;
import org.testbench.mdms.client.internal.Redactor;
import org.testbench.mdms.client.internal.RenewOnRefusal;
import org.testbench.mdms.client.internal.RequestFactory;
import org.testbench.mdms.client.internal.ResponseClassifier;
import org.testbench.mdms.client.internal.ResponseSchemas;
import org.testbench.mdms.client.internal.TransportFailures;

/**
 * Calls the MDMS by capability, through a binding, and classifies every answer: outcome, findings,
 * values, evidence with secrets removed. Thread-safe; one client serves all positions of a bench.
 *
 * <p>{@link #call} blocks the calling thread (never call it on a UI thread); {@link #callAsync},
 * {@link #followCommand} and {@link #execute} return futures and block nothing. Cancelling a future
 * cancels the HTTP call or the polling behind it.
 *
 * <pre>{@code
 * try (MdmsClient mdms = MdmsClient.newBuilder().baseUrl("https://mdms.example.net")
 *         .catalog(catalog).binding(binding).options(options).build()) {
 *     CommandResult r = mdms.execute(Capability.LOAD_SWITCH_OPEN, Map.of("serial", "26000001"),
 *             LatencyProfile.plc()).get();
 * }
 * }</pre>
 */
public final class MdmsClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MdmsClient.class);
    private static final int SCHEMA_FINDINGS = 10;

    private final HttpUrl baseUrl;
    private final ApiCatalog catalog;
    private final Binding binding;
    private final ClientOptions options;
    private final OkHttpClient http;
    private final RequestFactory requests;
    private final Redactor redactor;
    private final ResponseSchemas schemas = new ResponseSchemas();
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Map<Duration, OkHttpClient> byReadTimeout = new ConcurrentHashMap<>();
    /** Chained inputs already looked up in this client's lifetime (one run), by {@link #chainKey}. */
    private final Map<String, JsonNode> chainCache = new ConcurrentHashMap<>();

    private MdmsClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.catalog = b.catalog;
        this.binding = b.binding;
        this.options = b.options;
        this.http = httpClient(b.baseUrl, b.options);
        List<String> secrets = new ArrayList<>(options.extraSecrets());
        // Asked at every use: an authentication learns some secrets while running (an OAuth2 access token).
        this.redactor = new Redactor(secrets, () -> options.authentication().map(RequestAuthentication::secrets)
                .orElse(List.of()), options.evidenceBytes());
        this.requests = new RequestFactory(baseUrl, options.authentication(), !catalog.security().isEmpty());
        this.ownsScheduler = options.scheduler().isEmpty();
        this.scheduler = options.scheduler().orElseGet(() -> Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mdms-command-poller");
            t.setDaemon(true);
            return t;
        }));
        for (BindingProblem problem : binding.validate(catalog).problems()) {
            if (problem.isError()) {
                LOG.warn("Binding {} against {}: {}", binding.source(), catalog.title(), problem.message());
            } else {
                LOG.debug("Binding {} against {}: {}", binding.source(), catalog.title(), problem.message());
            }
        }
    }

    private static OkHttpClient httpClient(HttpUrl baseUrl, ClientOptions options) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(options.maxConcurrentCalls());
        dispatcher.setMaxRequestsPerHost(options.maxConcurrentCalls());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.writeTimeout())
                .callTimeout(options.callTimeout())
                // A load-switch command must never be sent twice without the bench knowing.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        options.authentication().ifPresent(auth -> b.addInterceptor(new RenewOnRefusal(auth)));
        if (baseUrl.isHttps()) {
            TlsSettings tls = options.tls();
            ConnectionSpec nist = new ConnectionSpec.Builder(ConnectionSpec.RESTRICTED_TLS)
                    .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
                    .cipherSuites(NistTls.CIPHER_SUITES.stream().map(CipherSuite::forJavaName).toArray(CipherSuite[]::new))
                    .build();
            b.connectionSpecs(List.of(nist)).sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager());
        } else {
            if (options.tls().clientIdentity().isPresent() || !options.tls().trustedCas().isEmpty()) {
                LOG.warn("{} is plain HTTP: the TLS settings are not used", baseUrl);
            }
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return b.build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public ApiCatalog catalog() {
        return catalog;
    }

    public Binding binding() {
        return binding;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    // ---- calls --------------------------------------------------------------------------------

    /**
     * Calls a capability and waits for the answer, with the options' timeouts. Every answer, and every
     * failure to get one, comes back as a classified {@link MdmsResponse}; nothing is thrown for the MDMS.
     *
     * @throws IllegalArgumentException when the capability is not bound or an input the binding uses is
     *                                  missing: a configuration error of the bench, not a fault of the MDMS
     */
    public MdmsResponse call(Capability capability, Map<String, ?> inputs) {
        return call(capability, inputs, null);
    }

    /** Calls with the profile's call timeout (a synchronous read over PLC takes minutes). */
    public MdmsResponse call(Capability capability, Map<String, ?> inputs, LatencyProfile profile) {
        Chained chained = chained(capability, inputs, profile);
        return chained.failure().orElseGet(() -> execute(prepare(capability, chained.inputs(), profile)));
    }

    public CompletableFuture<MdmsResponse> callAsync(Capability capability, Map<String, ?> inputs) {
        return callAsync(capability, inputs, null);
    }

    public CompletableFuture<MdmsResponse> callAsync(Capability capability, Map<String, ?> inputs, LatencyProfile profile) {
        if (!needsLookup(capability, inputs)) {
            return enqueue(prepare(capability, inputs, profile));
        }
        // A chained input not yet known: its lookup is a call of its own, made off the caller's thread.
        return CompletableFuture.supplyAsync(() -> chained(capability, inputs, profile),
                http.dispatcher().executorService()).thenCompose(chained -> chained.failure()
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> enqueue(prepare(capability, chained.inputs(), profile))));
    }

    // ---- chained inputs (format 2) ------------------------------------------------------------

    /** The caller's inputs with the chained ones added, or the answer that kept one from being known. */
    private record Chained(Map<String, Object> inputs, Optional<MdmsResponse> failure) {
    }

    /** The chained inputs the capability's entry uses that the caller did not give. */
    private List<InputRule> lookups(Capability capability, Map<String, ?> inputs) {
        return binding.entry(capability).map(entry -> Binding.placeholders(entry).stream()
                .filter(name -> !inputs.containsKey(name))
                .flatMap(name -> binding.input(name).filter(InputRule::isChained).stream())
                .toList()).orElse(List.of());
    }

    private boolean needsLookup(Capability capability, Map<String, ?> inputs) {
        return lookups(capability, inputs).stream().anyMatch(rule -> !chainCache.containsKey(chainKey(rule, inputs)));
    }

    /** Same input, same capability, same values of what that capability's call uses: the same meter. */
    private String chainKey(InputRule rule, Map<String, ?> inputs) {
        StringBuilder key = new StringBuilder(rule.name()).append('\u0000').append(rule.from().orElseThrow().id());
        binding.entry(rule.from().get()).ifPresent(entry -> Binding.placeholders(entry).stream().sorted()
                .forEach(name -> key.append('\u0000').append(name).append('=').append(inputs.get(name))));
        return key.toString();
    }

    private Chained chained(Capability capability, Map<String, ?> inputs, LatencyProfile profile) {
        Map<String, Object> all = new LinkedHashMap<>(inputs);
        for (InputRule rule : lookups(capability, inputs)) {
            String key = chainKey(rule, inputs);
            JsonNode known = chainCache.get(key);
            if (known == null) {
                Capability from = rule.from().orElseThrow();
                MdmsResponse lookup = call(from, inputs, profile);
                Optional<JsonNode> value = lookup.value(rule.value()).filter(v -> !v.isNull());
                if (!lookup.isOk() || value.isEmpty()) {
                    return new Chained(all, Optional.of(lookupFailed(capability, rule, lookup, inputs)));
                }
                known = value.get();
                chainCache.put(key, known);
                LOG.debug("{}: ${{{}}} is {} (from {})", capability, rule.name(), known, from);
            }
            all.put(rule.name(), known.isValueNode() ? known.asText() : known.toString());
            if (known.isNumber() || known.isBoolean()) {
                all.put(rule.name(), known); // a whole-value placeholder keeps the MDMS's own type
            }
        }
        return new Chained(all, Optional.empty());
    }

    private static MdmsResponse lookupFailed(Capability capability, InputRule rule, MdmsResponse lookup,
                                             Map<String, ?> inputs) {
        String why = lookup.isOk() ? "its answer has no value '" + rule.value() + "'" : lookup.message();
        MdmsOutcome outcome = lookup.isOk() ? MdmsOutcome.REJECTED : lookup.outcome();
        // "No such meter" carries over: the MDMS said it about the meter the call is for.
        return new MdmsResponse(capability, lookup.operation(), outcome, lookup.status(), lookup.body(), Map.of(),
                new LinkedHashMap<>(inputs), lookup.timing(), lookup.evidence(), lookup.findings(), capability
                + " needs ${" + rule.name() + "} from " + rule.from().orElseThrow() + ", and " + why + "; not sent",
                lookup.notFound());
    }

    /**
     * Follows the command an asynchronous capability returned, polling {@code command.status} with
     * the profile's interval until the command ends or the profile's deadline passes.
     *
     * @throws IllegalArgumentException when the answer carries no command id
     */
    public CompletableFuture<CommandResult> followCommand(MdmsResponse accepted, LatencyProfile profile) {
        return followCommand(accepted, profile, r -> { });
    }

    /** @param onPoll told of every status answer (on an HTTP thread), for progress displays */
    public CompletableFuture<CommandResult> followCommand(MdmsResponse accepted, LatencyProfile profile,
                                                         Consumer<MdmsResponse> onPoll) {
        Optional<String> statusUrl = accepted.text(BindingEntry.STATUS_URL);
        String commandId = accepted.text(BindingEntry.COMMAND_ID).or(() -> statusUrl).orElseThrow(() ->
                new IllegalArgumentException(accepted.capability() + ": the answer has no commandId or statusUrl to"
                        + " follow (" + accepted.message() + ")"));
        Map<String, Object> context = new LinkedHashMap<>(accepted.inputs());
        statusUrl.ifPresent(url -> context.put(BindingEntry.STATUS_URL, url));
        return followCommand(commandId, context, profile, onPoll);
    }

    /** @param context the values of the original call (its {@code serial}), for status resources below the meter */
    public CompletableFuture<CommandResult> followCommand(String commandId, Map<String, ?> context,
                                                         LatencyProfile profile, Consumer<MdmsResponse> onPoll) {
        BindingEntry status = binding.entry(Capability.COMMAND_STATUS).orElseThrow(() -> new IllegalStateException(
                "command.status is not bound" + source() + ": commands cannot be followed"));
        CommandPoller poller = new CommandPoller(scheduler,
                (inputs, p) -> callAsync(Capability.COMMAND_STATUS, inputs, p), status, options.nanoTime());
        return poller.follow(commandId, context, profile, onPoll);
    }

    /**
     * Calls a capability and, when the binding says it answers with a command, follows the command.
     * A synchronous answer ends at once: OK as executed, anything else as not accepted.
     */
    public CompletableFuture<CommandResult> execute(Capability capability, Map<String, ?> inputs, LatencyProfile profile) {
        boolean asynchronous = binding.entry(capability).map(BindingEntry::asynchronous).orElse(false);
        // Cancelling the returned future must reach whatever runs now: the call, or the polling after it.
        AtomicReference<Future<?>> stage = new AtomicReference<>();
        CompletableFuture<CommandResult> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                Future<?> current = stage.get();
                if (current != null) {
                    current.cancel(mayInterruptIfRunning);
                }
                return cancelled;
            }
        };
        CompletableFuture<MdmsResponse> call = callAsync(capability, inputs, profile);
        stage.set(call);
        call.whenComplete((response, error) -> {
            if (error != null || result.isDone()) {
                if (error != null) {
                    result.completeExceptionally(error);
                }
                return;
            }
            if (asynchronous && response.isOk() && response.isFollowable()) {
                CompletableFuture<CommandResult> follow = followCommand(response, profile);
                stage.set(follow);
                if (result.isCancelled()) {
                    follow.cancel(true);
                }
                follow.whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
                return;
            }
            result.complete(ended(response));
        });
        return result;
    }

    /** A synchronous answer as the end of a command: OK as executed, anything else as not accepted. */
    private static CommandResult ended(MdmsResponse response) {
        CommandEnding ending = switch (response.outcome()) {
            case OK -> CommandEnding.EXECUTED;
            case METER_UNREACHABLE -> CommandEnding.METER_UNREACHABLE;
            default -> CommandEnding.NOT_ACCEPTED;
        };
        return new CommandResult(response.text("commandId").orElse(""), ending, response.text("status").orElse(""),
                Optional.empty(), Optional.empty(), 0, response.timing().elapsed(), Optional.of(response),
                response.message());
    }

    /**
     * Asks the MDMS for a meter's keys, wrapped for the bench's certificate, and unwraps them with the
     * bench's private key. Checks the MDMS's fingerprints when the binding points to them
     * ({@code ekFingerprint}, {@code akFingerprint}). Blocks; the keys are never logged.
     */
    public DeliveredKeys getKeys(String serial, BenchIdentity identity) throws KeyDeliveryException {
        return unwrapKeys(call(Capability.KEYS_GET, keysInputs(serial, identity)), identity);
    }

    /** The inputs of {@code keys.get} for a meter: its serial and the bench's certificate (PEM). */
    public static Map<String, Object> keysInputs(String serial, BenchIdentity identity) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("serial", serial);
        inputs.put("benchCertificate", identity.certificatePem());
        return inputs;
    }

    /**
     * The keys in an answer to {@code keys.get} made with {@link #keysInputs}, for a caller that keeps
     * the answer itself (its outcome and findings); {@link #getKeys} is both steps in one.
     */
    public DeliveredKeys unwrapKeys(MdmsResponse response, BenchIdentity identity) throws KeyDeliveryException {
        if (response.capability() != Capability.KEYS_GET) {
            throw new IllegalArgumentException("not an answer to keys.get: " + response.capability());
        }
        String serial = String.valueOf(response.inputs().get("serial"));
        String what = "keys.get for meter " + serial;
        if (!response.isOk()) {
            throw new KeyDeliveryException(what + ": " + response.message(), response, null);
        }
        String envelope = response.text("envelope").orElseThrow(() -> new KeyDeliveryException(what
                + ": the answer has no envelope at " + binding.entry(Capability.KEYS_GET).flatMap(e -> e.value("envelope"))
                .map(Object::toString).orElse("(no pointer bound)"), response, null));
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(envelope);
        } catch (IllegalArgumentException e) {
            throw new KeyDeliveryException(what + ": the envelope is not Base64 (" + envelope.length() + " characters)",
                    response, null);
        }
        DeliveredKeys keys;
        try {
            keys = CmsKeyUnwrapper.unwrap(der, identity, serial);
        } catch (CmsKeyUnwrapper.UnwrapException e) {
            throw new KeyDeliveryException(what + ": " + e.getMessage(), response, e.getCause());
        }
        checkFingerprint(keys, response, "ekFingerprint", keys.encryptionKeyFingerprint(), "EK", what);
        checkFingerprint(keys, response, "akFingerprint", keys.authenticationKeyFingerprint(), "AK", what);
        LOG.info("Received the keys of meter {}: {}", serial, keys);
        return keys;
    }

    private static void checkFingerprint(DeliveredKeys keys, MdmsResponse response, String value, String actual,
                                         String which, String what) throws KeyDeliveryException {
        Optional<String> claimed = response.text(value);
        if (claimed.isPresent() && !claimed.get().equalsIgnoreCase(actual)) {
            keys.destroy();
            throw new KeyDeliveryException(what + ": the unwrapped " + which + " has fingerprint " + actual
                    + ", the MDMS claims " + claimed.get(), response, null);
        }
    }

    // ---- machinery ----------------------------------------------------------------------------

    /** A call ready to go: its request and what is needed to read the answer. */
    private record Pending(BindingEntry entry, ApiOperation operation, RequestFactory.Prepared prepared, Call call,
                           Map<String, Object> inputs, Duration callTimeout, Instant started, long startNanos) {
    }

    private Pending prepare(Capability capability, Map<String, ?> inputs, LatencyProfile profile) {
        Objects.requireNonNull(inputs, "inputs");
        BindingEntry entry = binding.entry(capability).orElseThrow(() -> new IllegalArgumentException(
                capability + " is not bound" + source()));
        ApiOperation op = entry.operation().resolve(catalog).orElseThrow(() -> new IllegalStateException(
                capability + ": operation '" + entry.operation() + "' is not in " + catalog.title() + " " + catalog.version()));
        RequestFactory.Prepared prepared = requests.prepare(entry, op, written(capability, inputs));
        OkHttpClient client = profile == null ? http : byReadTimeout.computeIfAbsent(profile.callTimeout(),
                t -> http.newBuilder().readTimeout(t).build());
        Duration timeout = profile == null ? options.callTimeout() : profile.callTimeout();
        Call call = client.newCall(prepared.request());
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Pending(entry, op, prepared, call, new LinkedHashMap<>(inputs), timeout, Instant.now(), System.nanoTime());
    }

    /** The inputs as the API wants them written (format 2 {@code inputs:}); the caller's otherwise. */
    private Map<String, Object> written(Capability capability, Map<String, ?> inputs) {
        try {
            return new CallInputs(inputs, binding.inputs()).written();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capability + ": " + e.getMessage() + source(), e);
        }
    }

    private String source() {
        return binding.source().isEmpty() ? "" : " in " + binding.source();
    }

    private MdmsResponse execute(Pending p) {
        logStart(p);
        try (Response response = p.call().execute()) {
            return interpret(p, response);
        } catch (IOException e) {
            return failed(p, e, null, -1);
        }
    }

    private CompletableFuture<MdmsResponse> enqueue(Pending p) {
        CompletableFuture<MdmsResponse> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                // Cancelled first: the HTTP call's own failure ("Canceled"), which may come at once on OkHttp's
                // thread, must find the future done, not complete it as a failed call.
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                p.call().cancel();
                return cancelled;
            }
        };
        logStart(p);
        p.call().enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                if (!future.isDone()) {
                    future.complete(failed(p, e, null, -1));
                }
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    future.complete(interpret(p, response));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }
        });
        return future;
    }

    private void logStart(Pending p) {
        if (LOG.isDebugEnabled()) {
            Request r = p.prepared().request();
            LOG.debug("{}: {} {}", p.entry().capability(), r.method(), redactor.url(r.url()));
        }
    }

    private MdmsResponse interpret(Pending p, Response response) {
        long[] received = {0};
        BodyReader.Body body;
        try {
            body = BodyReader.read(response.body(), options.maxBodyBytes(), n -> received[0] = n);
        } catch (IOException e) {
            return failed(p, e, response, received[0]);
        }
        Capability capability = p.entry().capability();
        ApiOperation op = p.operation();
        ResponseClassifier.Classification c = ResponseClassifier.classify(op, response.code(), body,
                binding.meterUnreachablePatterns(capability), p.entry().notFoundPatterns(),
                Optional.ofNullable(response.header("Location")),
                Optional.ofNullable(response.header("WWW-Authenticate")),
                options.authentication().map(RequestAuthentication::scheme).orElse("no credentials"));
        // Findings and messages quote the body: they pass through the redactor like the evidence.
        List<ResponseFinding> findings = new ArrayList<>();
        c.findings().forEach(f -> findings.add(new ResponseFinding(f.kind(), redactor.text(f.message()))));
        Map<String, JsonNode> values = values(p.entry(), op.responseFor(response.code()).flatMap(ApiResponse::schema),
                body.json(), name -> Optional.ofNullable(response.header(name)), new CallInputs(p.inputs(),
                        binding.inputs()), c.outcome(), findings);
        validate(op, response.code(), body, findings);
        Evidence evidence = evidence(p, response, body);
        MdmsResponse result = new MdmsResponse(capability, op.key(), c.outcome(), response.code(),
                body.json(), values, p.inputs(), timing(p), evidence, findings, redactor.text(c.message()), c.notFound());
        log(result);
        return result;
    }

    /**
     * The binding's values found in the answer. A missing value is a finding when the bench needs it
     * (the capability's required values) or the schema promises it (required at every step).
     */
    private Map<String, JsonNode> values(BindingEntry entry, Optional<ApiSchema> schema, JsonNode json,
                                         java.util.function.Function<String, Optional<String>> headers,
                                         CallInputs inputs, MdmsOutcome outcome, List<ResponseFinding> findings) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        entry.sources().forEach((name, source) -> {
            if (json == null && source.pointer().isPresent()) {
                return;
            }
            ValueSource.Reading reading = source.read(json, headers, inputs);
            if (reading instanceof ValueSource.Reading.Found found) {
                values.put(name, found.value());
            } else if (reading instanceof ValueSource.Reading.NoMatch none) {
                // What was looked for and what the answer had: the register asked for is not in the list.
                if (outcome == MdmsOutcome.OK) {
                    findings.add(new ResponseFinding(FindingKind.MISSING_VALUE, redactor.text("value '" + name + "': "
                            + none.why())));
                }
            } else if (reading instanceof ValueSource.Reading.Ambiguous ambiguous) {
                // Never a silent first pick: which of them the bench asked for, the answer does not say.
                if (outcome == MdmsOutcome.OK) {
                    findings.add(new ResponseFinding(FindingKind.AMBIGUOUS_VALUE, redactor.text("value '" + name
                            + "': " + ambiguous.why())));
                }
            } else if (reading instanceof ValueSource.Reading.Unmapped unmapped) {
                // Never guessed: the value stays missing, and the word is reported.
                findings.add(new ResponseFinding(FindingKind.UNMAPPED_VALUE, redactor.text("value '" + name + "' is '"
                        + unmapped.word() + "', a word the binding's map does not have (it knows "
                        + String.join(", ", source.map().keySet()) + ")")));
            } else if (outcome == MdmsOutcome.OK && (entry.capability().requiredValues().contains(name)
                    || source.pointer().flatMap(pointer -> schema.map(sc -> promised(sc, pointer))).orElse(false))) {
                findings.add(new ResponseFinding(FindingKind.MISSING_VALUE, "value '" + name + "' "
                        + source.pointer().filter(pointer -> source.placeholders().isEmpty() && !source.selects())
                        .map(pointer -> "at " + pointer)
                        .orElseGet(() -> "(" + ((ValueSource.Reading.Missing) reading).why() + ")")
                        + " is not in the answer"));
            }
        });
        return values;
    }

    /** Whether the schema requires every property along the pointer. */
    private static boolean promised(ApiSchema schema, JsonPointer pointer) {
        ApiSchema current = schema;
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            String token = p.getMatchingProperty();
            Optional<ApiSchema> next;
            if (current.items().isPresent() && token.chars().allMatch(Character::isDigit)) {
                return false; // an element of an array is never promised
            }
            if (!current.requiredProperties().contains(token) || (next = current.property(token)).isEmpty()) {
                return false;
            }
            current = next.get();
        }
        return true;
    }

    private void validate(ApiOperation op, int status, BodyReader.Body body, List<ResponseFinding> findings) {
        Optional<ApiResponse> documented = op.responseFor(status);
        Optional<ApiMediaType> media = documented.flatMap(ApiResponse::json);
        if (media.isEmpty() || media.get().schema().isEmpty()) {
            return;
        }
        if (body.kind() == BodyReader.Kind.EMPTY) {
            findings.add(new ResponseFinding(FindingKind.SCHEMA_VIOLATION, status + " answer has no body, but "
                    + documented.get().status() + " documents one (" + media.get().schema().get() + ")"));
            return;
        }
        if (body.json() == null) {
            return; // NOT_JSON says it already
        }
        String key = op.key() + " " + documented.get().status() + " " + media.get().mediaType();
        for (String violation : schemas.validate(key, media.get().schema().get(), body.json(), SCHEMA_FINDINGS)) {
            findings.add(new ResponseFinding(FindingKind.SCHEMA_VIOLATION, status + " answer does not match the"
                    + " documented schema: " + violation));
        }
    }

    private MdmsResponse failed(Pending p, IOException e, Response partial, long received) {
        String where = p.operation().name() + " at " + redactor.url(p.prepared().request().url());
        TransportFailures.Failure f = TransportFailures.classify(e, where, p.callTimeout(), received,
                options.tls().clientIdentity());
        Evidence evidence = partial == null ? requestOnly(p) : evidence(p, partial, null);
        MdmsResponse result = new MdmsResponse(p.entry().capability(), p.operation().key(), f.outcome(),
                partial == null ? 0 : partial.code(), null, Map.of(), p.inputs(), timing(p), evidence, List.of(),
                redactor.text(f.message()));
        log(result);
        return result;
    }

    private static Timing timing(Pending p) {
        return new Timing(p.started(), Duration.ofNanos(System.nanoTime() - p.startNanos()));
    }

    private Evidence requestOnly(Pending p) {
        Request r = p.prepared().request();
        return new Evidence(r.method() + " " + redactor.url(r.url()), redactor.headers(r.headers()),
                redactor.body(p.prepared().body()), "", Map.of(), "", "");
    }

    private Evidence evidence(Pending p, Response response, BodyReader.Body body) {
        Request r = p.prepared().request();
        String tls = response.handshake() == null ? "" : response.handshake().tlsVersion().javaName() + " "
                + response.handshake().cipherSuite().javaName();
        String responseBody = body == null ? "(body not received completely)"
                : redactor.body(body.bytes(), body.total(), body.json());
        return new Evidence(r.method() + " " + redactor.url(r.url()), redactor.headers(r.headers()),
                redactor.body(p.prepared().body()),
                response.protocol().toString().toUpperCase(java.util.Locale.ROOT) + " " + response.code()
                        + (response.message().isEmpty() ? "" : " " + response.message()),
                redactor.headers(response.headers()), responseBody, tls);
    }

    private static void log(MdmsResponse r) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} in {} ms: {}", r.capability(), r.outcome(), r.timing().elapsed().toMillis(), r.message());
            r.findings().forEach(f -> LOG.debug("{}: finding {}", r.capability(), f));
        }
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} evidence:\n{}", r.capability(), r.evidence().toText());
        }
    }

    /** Stops the client's threads and closes its connections; calls in flight are cancelled. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "MdmsClient[" + baseUrl + ", " + catalog.title() + " " + catalog.version() + ", " + binding + "]";
    }

    public static final class Builder {
        private HttpUrl baseUrl;
        private ApiCatalog catalog;
        private Binding binding;
        private ClientOptions options = ClientOptions.defaults();

        private Builder() {
        }

        /** The MDMS's base URL, e.g. {@code https://mdms.example.net/api}; operation paths are appended. */
        public Builder baseUrl(String url) {
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null) {
                throw new IllegalArgumentException("not an http or https URL: '" + url + "'");
            }
            this.baseUrl = parsed;
            return this;
        }

        public Builder catalog(ApiCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        public Builder binding(Binding binding) {
            this.binding = Objects.requireNonNull(binding, "binding");
            return this;
        }

        public Builder options(ClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public MdmsClient build() {
            if (baseUrl == null || catalog == null || binding == null) {
                throw new IllegalStateException("an MDMS client needs a base URL, a catalog and a binding");
            }
            return new MdmsClient(this);
        }
    }
}
