package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.CommandStates;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiRequestBody;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.DeliveredKeys;
import org.testbench.mdms.client.KeyDeliveryException;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.client.RequestAuthentication;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.mdms.MdmsConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mdms", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Calls one capability of a binding on an MDMS and classifies the answer: its outcome (OK, "
                + "REJECTED, SERVER_ERROR, METER_UNREACHABLE, TIMEOUT, TRANSPORT), HTTP status, the values the "
                + "binding reads, and findings on the answer's quality. A command (loadSwitch.open, loadSwitch.close, "
                + "billing.newPeriod, display.set) is followed through command.status to its end.",
                "The API is read from --spec, else from the OpenAPI file the binding names (spec:, relative to the "
                        + "binding file; docs/binding.md). The credentials are those the API's securitySchemes ask "
                        + "for (docs/mdms-auth.md); their secrets come from environment variables, never options: "
                        + "TESTBENCH_MDMS_TOKEN (bearer), TESTBENCH_MDMS_API_KEY, TESTBENCH_MDMS_PASSWORD (basic), "
                        + "TESTBENCH_MDMS_CLIENT_SECRET (OAuth2), or the one --secret-env names; the bench "
                        + "identity's password TESTBENCH_TLS_PASSWORD.",
                "Capabilities: meter.get, loadSwitch.open, loadSwitch.close, loadSwitch.status, command.status, "
                        + "registers.read, events.list, keys.get, billing.newPeriod, display.set, events.notifications."},
        footer = {"", "Exit codes: 0 the outcome is OK (a command EXECUTED) and no answer has findings; 1 the MDMS "
                + "misbehaved or did not do it: another outcome, a command that did not execute, findings, keys that "
                + "do not unwrap; 2 bad input, an unbound capability, credentials refused (401/403), or an MDMS that "
                + "cannot be reached at all (TRANSPORT without an answer).",
                "", "Examples:",
                "  export TESTBENCH_MDMS_TOKEN=...",
                "  testbench mdms --url http://127.0.0.1:8080 \\",
                "      --binding samples/bindings/mdms-v1.binding.yaml \\",
                "      meter.get --param serial=26000001",
                "  testbench mdms --url http://127.0.0.1:8080 --binding lab.binding.yaml \\",
                "      registers.read --param serial=26000001 --param obis=1.0.1.8.0.255 --json",
                "  testbench mdms --url https://mdms.example.net/api --ca utility-ca.pem \\",
                "      --binding vendor.binding.yaml --spec vendor-api.yaml --latency plc \\",
                "      loadSwitch.open --param serial=26000001",
                "  export TESTBENCH_MDMS_CLIENT_SECRET=...",
                "  testbench mdms --url https://hes.example/api/v2 --binding gridflow-hes-v2.binding.yaml \\",
                "      --auth oauth2 --client-id testbench-bench meter.get --param serial=26000001",
                "  export TESTBENCH_TLS_PASSWORD=...",
                "  testbench mdms --url ... --binding ... --identity bench.p12 \\",
                "      keys.get --param serial=26000001    # fingerprints only, never keys"})
final class MdmsCommand implements Callable<Integer> {

    enum Latency { rf, plc }

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The MDMS's base URL (http or https); the operations' paths are appended.")
    String url;

    @Option(names = "--binding", required = true, paramLabel = "FILE", description = "The binding (docs/binding.md).")
    Path bindingFile;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "The MDMS's OpenAPI file (default: the one the binding names with spec:).")
    Path specFile;

    @Parameters(index = "0", paramLabel = "CAPABILITY", description = "The capability to call, e.g. loadSwitch.open.")
    String capabilityName;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "An input of the capability, e.g. serial=26000001, obis=1.0.1.8.0.255, commandId=…, "
                    + "message=…, visible=true; repeat for several.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--identity", paramLabel = "FILE.p12",
            description = "The bench identity (PKCS#12, password from TESTBENCH_TLS_PASSWORD): the recipient of "
                    + "keys.get, and the client certificate for https.")
    Path identityFile;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Trust only the CA certificate(s) in this PEM file for https (default: the JDK's CAs).")
    Path ca;

    @Option(names = "--auth", paramLabel = "SCHEME",
            description = "The API's security scheme to use, by its name in the document or its kind: bearer, "
                    + "api-key, basic, oauth2, mutual-tls, none (default: the first the API accepts whose secret is "
                    + "set).")
    String authScheme;

    @Option(names = "--user", paramLabel = "USER", description = "The user of HTTP basic (password from "
            + "TESTBENCH_MDMS_PASSWORD or --secret-env).")
    String user;

    @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth2 client id (client credentials; the "
            + "secret from TESTBENCH_MDMS_CLIENT_SECRET or --secret-env).")
    String clientId;

    @Option(names = "--token-url", paramLabel = "URL", description = "The OAuth2 token endpoint (default: the API "
            + "document's tokenUrl, relative to --url).")
    URI tokenUrl;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "An OAuth2 scope to ask for (default: those the "
            + "operations require); repeat for several.")
    java.util.List<String> scopes = new java.util.ArrayList<>();

    @Option(names = "--secret-env", paramLabel = "VARIABLE", description = "The environment variable holding the "
            + "secret (token, API key, password or client secret), instead of the scheme's default.")
    String secretVariable;

    @Option(names = "--latency", paramLabel = "rf|plc", defaultValue = "rf",
            description = "The AMI's latency: rf (call timeout 30 s, polls every 2 s, commands within 3 min; "
                    + "default) or plc (5 min, 30 s, 45 min).")
    Latency latency;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long one HTTP call may take (default: the latency's).")
    Double timeoutSeconds;

    @Option(names = "--poll-interval", paramLabel = "SECONDS",
            description = "Between two status queries of a command (default: the latency's).")
    Double pollSeconds;

    @Option(names = "--deadline", paramLabel = "SECONDS",
            description = "How long a command may stay pending (default: the latency's).")
    Double deadlineSeconds;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Capability capability = Capability.find(capabilityName)
                .orElseThrow(() -> new UserException(Capability.unknown(capabilityName)));
        Binding binding = ImportCommand.loadBinding(bindingFile);
        BindingEntry entry = binding.entry(capability).orElseThrow(() -> new UserException(capability
                + " is not bound in " + bindingFile + " (bound: " + binding.entries().stream()
                .map(e -> e.capability().id()).collect(Collectors.joining(", ")) + ")"));
        Path specPath = specPath(binding);
        ApiCatalog catalog = ImportCommand.importSpec(specPath);
        checkBinding(binding, entry, catalog, specPath);
        ApiOperation operation = entry.operation().resolve(catalog).orElseThrow();
        LatencyProfile profile = profile();
        BenchIdentity identity = identity();
        if (capability == Capability.KEYS_GET && identity == null) {
            throw new UserException("keys.get needs the bench identity that receives the keys: --identity FILE.p12 "
                    + "(password in " + KeystorePassword.TLS_PASSWORD_VARIABLE + ")");
        }
        Map<String, Object> inputs = inputs(entry, operation);
        if (capability == Capability.KEYS_GET) {
            String serial = Optional.ofNullable(params.get("serial"))
                    .orElseThrow(() -> new UserException("keys.get needs the meter: --param serial=…"));
            inputs.putAll(MdmsClient.keysInputs(serial, identity));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (MdmsClient client = connect(specPath, catalog, binding, profile, identity)) {
            MdmsCallReport report = new MdmsCallReport(call(client, capability, inputs, profile),
                    capability == Capability.KEYS_GET ? entry.value("envelope") : Optional.empty(),
                    binding.entry(Capability.COMMAND_STATUS).map(BindingEntry::commandStates)
                            .orElse(CommandStates.DEFAULT));
            MdmsResponse response = report.response();
            if (capability == Capability.KEYS_GET && response.isOk()) {
                unwrap(client, response, identity, report);
            }
            if (!json) {
                report.printCall(out);
            }
            if (entry.asynchronous() && response.isOk()) {
                if (response.text("commandId").isPresent()) {
                    if (!json) {
                        out.printf("  following command %s (%s: polls every %s s, deadline %s s)…%n",
                                response.text("commandId").get(), profile.name(), seconds(profile.pollInterval()),
                                seconds(profile.commandDeadline()));
                        out.flush();
                    }
                    report.command(follow(client, response, profile, report));
                } else {
                    report.commandNotFollowable(entry.value("commandId").orElseThrow());
                }
            }
            if (json) {
                out.println(Json.write(report.toJson()));
            } else {
                report.printEnd(out);
            }
            return exit(report);
        }
    }

    private Path specPath(Binding binding) {
        if (specFile != null) {
            return specFile;
        }
        Path named = binding.spec().orElseThrow(() -> new UserException("no OpenAPI file: give --spec FILE, or name it "
                + "in " + bindingFile + " with spec: (relative to the binding file; docs/binding.md)"));
        if (!Files.isRegularFile(named)) {
            throw new UserException(bindingFile + " names spec " + named + ", which does not exist; give --spec FILE");
        }
        return named;
    }

    /**
     * Errors of this capability's entry (and of command.status when the entry is a command) would make the
     * call fail half-way, perhaps after the MDMS switched the meter: refused before anything is sent.
     */
    private void checkBinding(Binding binding, BindingEntry entry, ApiCatalog catalog, Path specPath) {
        var check = binding.validate(catalog);
        var errors = check.problemsFor(entry.capability()).stream().filter(BindingProblem::isError)
                .collect(Collectors.toList());
        if (entry.asynchronous()) {
            check.problemsFor(Capability.COMMAND_STATUS).stream().filter(BindingProblem::isError).forEach(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new UserException(bindingFile + " does not fit " + specPath + ": " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
    }

    private LatencyProfile profile() {
        LatencyProfile base = latency == Latency.plc ? LatencyProfile.plc() : LatencyProfile.rf();
        Duration call = timeoutSeconds == null ? base.callTimeout() : duration("--timeout", timeoutSeconds);
        Duration poll = pollSeconds == null ? base.pollInterval() : duration("--poll-interval", pollSeconds);
        Duration deadline = deadlineSeconds == null ? base.commandDeadline() : duration("--deadline", deadlineSeconds);
        if (poll.compareTo(deadline) > 0) {
            throw new UserException("the poll interval (" + seconds(poll) + " s) is longer than the command deadline ("
                    + seconds(deadline) + " s): see --poll-interval and --deadline");
        }
        return new LatencyProfile(base.name(), call, poll, deadline);
    }

    private static Duration duration(String option, double seconds) {
        if (!(seconds > 0) || seconds > 86_400) {
            throw new UserException(option + " must be more than 0 and at most 86400 seconds, was " + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private BenchIdentity identity() {
        if (identityFile == null) {
            return null;
        }
        if (!Files.isRegularFile(identityFile)) {
            throw new UserException("--identity " + identityFile + ": no such file");
        }
        char[] password = KeystorePassword.tls();
        try {
            return BenchIdentity.load(identityFile, password);
        } catch (IOException e) {
            throw new UserException(ImportCommand.oneLine(e.getMessage()));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The connection as every command builds it ({@link MdmsConnection}), from this command's options. */
    private MdmsClient connect(Path specPath, ApiCatalog catalog, Binding binding, LatencyProfile profile,
                               BenchIdentity identity) {
        boolean https = url.regionMatches(true, 0, "https:", 0, 6);
        if (ca != null && !https) {
            throw new UserException("--ca is for https, and " + url + " is not https");
        }
        URI base;
        try {
            base = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserException("--url " + url + " is not a URL: " + e.getMessage());
        }
        if (secretVariable != null && !secretVariable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UserException("--secret-env names an environment variable (letters, digits, _), not the secret");
        }
        AuthSettings auth = new AuthSettings(Optional.ofNullable(authScheme), Optional.ofNullable(secretVariable),
                Optional.ofNullable(user), Optional.ofNullable(clientId), Optional.ofNullable(tokenUrl), scopes);
        BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(base, specPath, bindingFile,
                auth, Optional.ofNullable(ca), Optional.ofNullable(identityFile),
                latency == Latency.plc ? BenchConfiguration.Latency.PLC : BenchConfiguration.Latency.RF);
        MdmsConnection connection = MdmsConnection.to(config).api(catalog, binding).latency(profile);
        if (identity != null) {
            connection.identity(identity);
        }
        try {
            return connection.client();
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(ImportCommand.oneLine(e.getMessage()));
        }
    }

    /**
     * The caller's values as text, except where the binding sends one whole as a body field whose schema
     * is boolean, integer or number: there it keeps that type ({@code visible=true} sends {@code true}).
     */
    private Map<String, Object> inputs(BindingEntry entry, ApiOperation operation) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        params.forEach((name, text) -> inputs.put(name, typed(entry, operation, name, text)));
        return inputs;
    }

    private static Object typed(BindingEntry entry, ApiOperation operation, String name, String text) {
        for (var field : entry.body().entrySet()) {
            if (!field.getValue().toString().equals("${" + name + "}")) {
                continue;
            }
            Optional<String> type = operation.requestBody().flatMap(ApiRequestBody::json).flatMap(ApiMediaType::schema)
                    .flatMap(s -> s.property(field.getKey())).flatMap(ApiSchema::type);
            String where = "--param " + name + "=" + text + ": body field '" + field.getKey() + "' of "
                    + operation.name() + " is ";
            try {
                switch (type.orElse("string")) {
                    case "boolean" -> {
                        if (!text.equals("true") && !text.equals("false")) {
                            throw new UserException(where + "a boolean (true or false)");
                        }
                        return Boolean.parseBoolean(text);
                    }
                    case "integer" -> {
                        return Long.parseLong(text);
                    }
                    case "number" -> {
                        return new BigDecimal(text);
                    }
                    default -> {
                        return text;
                    }
                }
            } catch (NumberFormatException e) {
                throw new UserException(where + "a " + type.get());
            }
        }
        return text;
    }

    private MdmsResponse call(MdmsClient client, Capability capability, Map<String, Object> inputs,
                              LatencyProfile profile) {
        try {
            return client.call(capability, inputs, profile);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof RequestAuthentication.AuthenticationException) {
                // The credentials could not be had (a token endpoint that refuses): the bench's, not the MDMS's.
                throw new UserException(e.getMessage());
            }
            // A placeholder without a value: the bench's input, not the MDMS.
            throw new UserException(e.getMessage() + "; give it with --param NAME=VALUE");
        }
    }

    private static void unwrap(MdmsClient client, MdmsResponse response, BenchIdentity identity, MdmsCallReport report) {
        try (DeliveredKeys keys = client.unwrapKeys(response, identity)) {
            report.keys(keys.encryptionKeyFingerprint(), keys.authenticationKeyFingerprint());
        } catch (KeyDeliveryException e) {
            report.keysRefused(e.getMessage());
        }
    }

    private static org.testbench.mdms.client.CommandResult follow(MdmsClient client, MdmsResponse accepted,
                                                                LatencyProfile profile, MdmsCallReport report)
            throws InterruptedException {
        try {
            return client.followCommand(accepted, profile, report::poll).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    private int exit(MdmsCallReport report) {
        PrintWriter err = spec.commandLine().getErr();
        MdmsResponse response = report.response();
        if (report.unreachable()) {
            err.println("testbench mdms: cannot reach the MDMS: " + response.message());
            return ExitCode.ERROR;
        }
        if (response.status() == 0 && response.outcome() == MdmsOutcome.CREDENTIALS_REFUSED) {
            // Refused in the TLS handshake: the message names the certificate, or says there was none.
            err.println("testbench mdms: the MDMS refused the credentials: " + response.message());
            return ExitCode.ERROR;
        }
        if (response.status() == 401 || response.status() == 403) {
            err.println("testbench mdms: the MDMS refused the credentials (HTTP " + response.status() + "): "
                    + response.message() + (identityFile == null ? "" : "; check the identity " + identityFile + " too"));
            return ExitCode.ERROR;
        }
        if (report.passed()) {
            return ExitCode.OK;
        }
        err.println("testbench mdms: verification failed: " + report.failure());
        return ExitCode.VERIFICATION_FAILED;
    }
}
