package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.lab.mdms.MdmsDialect;

/**
 * The MDMS's credentials end to end through the built jar, for the lab's dialects that do not use a bearer
 * token: {@code testbench lab --mdms-dialect gridflow} (OAuth2 client credentials) and {@code metercloud} (API key
 * in a header, a query parameter or a cookie, or HTTP basic).
 *
 * <ul>
 * <li>{@code testbench run --lab ENDPOINTS} of the same user reaches the lab with no secret in its environment:
 * the endpoints file names the scheme, the client id or user, and the lab's owner-only secret file;</li>
 * <li>{@code testbench mdms} reaches it with each scheme chosen by options ({@code --auth}, {@code --client-id},
 * {@code --user}) and the secret from the scheme's environment variable; a wrong secret is refused by the MDMS
 * and ends with exit code 2 (the bench's fault), naming the scheme;</li>
 * <li>the lab's secret — the OAuth2 client secret, the API key, the basic password — appears nowhere: not as text,
 * Base64, URL-encoded or inside the basic credentials, in no stdout or stderr (at -vv), in no line of a TRACE log
 * file, in no file the run wrote, in no column of the database, in no JSON or PDF report.</li>
 * </ul>
 * The lab's own secret file is excluded from the search: holding the secret is its job.
 */
class MdmsCredentialsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEQUENCES = Path.of("..", "samples", "sequences").toAbsolutePath().normalize();
    private static final String KEYSTORE_PASSWORD = "credentials-it-keystore";
    private static final String WRONG = "credentials-it-wrong-secret-0000";

    @TempDir
    Path dir;
    /** Every stdout and stderr, by command. */
    private final Map<String, String> streams = new LinkedHashMap<>();
    private Path logback;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MdmsDialect.class, names = {"GRIDFLOW", "METERCLOUD"})
    void aLabInAnotherDialectIsReachedWithoutCopyingItsSecretWhichAppearsNowhere(MdmsDialect dialect)
            throws Exception {
        String secret = "credentials-it-" + dialect + "-Q2hhbmdlTWU";
        logback = traceLogback();
        Path endpoints = dir.resolve("endpoints.json");
        Process lab = command(Map.of("TESTBENCH_MDMS_TOKEN", secret, "TESTBENCH_KEYSTORE_PASSWORD",
                KEYSTORE_PASSWORD), "-vv", "lab", "--meters", "2", "--endpoints", endpoints.toString(), "--dir",
                dir.resolve("lab").toString(), "--no-pty", "--mdms-dialect", dialect.externalName(),
                "--mdms-time-scale", "0.1").redirectOutput(dir.resolve("lab.out").toFile())
                .redirectError(dir.resolve("lab.err").toFile()).start();
        try {
            JsonNode lab0 = TestbenchJar.awaitEndpoints(lab, endpoints, dir.resolve("lab.err"));
            JsonNode mdms = lab0.get("mdms");
            assertThat(mdms.get("dialect").asText()).isEqualTo(dialect.externalName());
            Path secretFile = Path.of(mdms.get("auth").get("secretFile").asText());
            String db = "jdbc:h2:file:" + dir.resolve("results");

            // run --lab: the keystore's password only; the MDMS's secret comes from the lab's file.
            Result run = run("run e2e-load-switch", Map.of("TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD),
                    "-vv", "run", SEQUENCES.resolve("e2e-load-switch.yaml").toString(), "--lab",
                    endpoints.toString(), "--db", db, "--json");
            assertThat(run.exitCode).as("%s%n%s", run.out, run.err).isZero();
            String runId = JSON.readTree(run.out).get("runId").asText();
            assertThat(run("results", Map.of(), "-vv", "results", runId, "--db", db, "--json").exitCode).isZero();
            Path reports = Files.createDirectories(dir.resolve("reports"));
            for (String format : List.of("json", "pdf")) {
                Result r = run("report " + format, Map.of(), "-vv", "report", runId, "--db", db, "--format", format,
                        "--out", reports.resolve(runId + "." + format).toString());
                assertThat(r.exitCode).as(r.err).isZero();
            }

            // testbench mdms, each scheme chosen by options, its secret from its variable.
            String serial = lab0.get("meters").get(0).get("serial").asText();
            List<String> common = List.of("-vv", "mdms", "--url", mdms.get("url").asText(), "--binding",
                    mdms.get("binding").asText(), "--json");
            Map<String, Map<String, String>> schemes = new LinkedHashMap<>();
            Map<String, List<String>> options = new LinkedHashMap<>();
            if (dialect == MdmsDialect.GRIDFLOW) {
                schemes.put("oauth2", Map.of("TESTBENCH_MDMS_CLIENT_SECRET", secret));
                options.put("oauth2", List.of("--auth", "oauth2", "--client-id", MdmsDialect.OAUTH2_CLIENT_ID));
            } else {
                for (String scheme : List.of("apiKeyHeader", "apiKeyQuery", "apiKeyCookie")) {
                    schemes.put(scheme, Map.of("TESTBENCH_MDMS_API_KEY", secret));
                    options.put(scheme, List.of("--auth", scheme));
                }
                schemes.put("basic", Map.of("MC_PASSWORD", secret));
                options.put("basic", List.of("--auth", "basic", "--user", MdmsDialect.BASIC_USER, "--secret-env",
                        "MC_PASSWORD"));
            }
            for (String scheme : schemes.keySet()) {
                List<String> args = new ArrayList<>(common);
                args.addAll(options.get(scheme));
                args.addAll(List.of("meter.get", "--param", "serial=" + serial));
                Result ok = run("mdms " + scheme, schemes.get(scheme), args.toArray(String[]::new));
                assertThat(ok.exitCode).as("%s: %s%n%s", scheme, ok.out, ok.err).isZero();
                assertThat(JSON.readTree(ok.out).get("outcome").asText()).isEqualTo("OK");

                Map<String, String> wrong = new LinkedHashMap<>();
                schemes.get(scheme).keySet().forEach(v -> wrong.put(v, WRONG));
                Result refused = run("mdms " + scheme + " wrong secret", wrong, args.toArray(String[]::new));
                assertThat(refused.exitCode).as("%s refused: %s%n%s", scheme, refused.out, refused.err).isEqualTo(2);
                assertThat(refused.out + refused.err).as("names what was refused").containsAnyOf(
                        "CREDENTIALS_REFUSED", "refused");
            }
            lab.destroy();
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).isTrue();
            streams.put("lab.out", Files.readString(dir.resolve("lab.out")));
            streams.put("lab.err", Files.readString(dir.resolve("lab.err")));

            List<String> leaks = leaks(secretSearch("the lab's MDMS secret", secret), streams, db,
                    f -> !f.equals(secretFile));
            String trace = Files.readString(dir.resolve("trace.log"));
            assertThat(trace).as("the log file holds the MDMS client's TRACE output").contains("TRACE")
                    .contains("MdmsClient");
            assertThat(leaks).as("the lab's MDMS secret found").isEmpty();
        } finally {
            lab.destroyForcibly();
        }
    }

    /**
     * Mutual TLS end to end: {@code testbench lab --mdms-client-auth need} refuses, in the TLS handshake, a bench
     * without a client certificate or with one from another CA, and serves one with the identity its own client CA
     * issued; {@code run} and {@code mdms} say so in one line (exit code 2, the bench's ERROR, never a FAIL), and the
     * identities' passwords appear nowhere. A lab told to trust {@code testbench pki init}'s CA accepts its identity.
     */
    @Test
    void mutualTlsAdmitsOnlyTheBenchWithATrustedCertificateAndTheIdentityPasswordsAppearNowhere() throws Exception {
        String token = "credentials-it-mtls-token-V2VsbA";
        String foreignPassword = "credentials-it-pki-init-password";
        logback = traceLogback();
        Result pki = run("pki init", Map.of("TESTBENCH_SIGNING_PASSWORD", foreignPassword), "pki", "init",
                dir.resolve("pki").toString());
        assertThat(pki.exitCode).as(pki.err).isZero();
        Path foreign = dir.resolve("pki").resolve("bench-identity.p12");

        Path endpoints = dir.resolve("endpoints.json");
        Process lab = command(Map.of("TESTBENCH_MDMS_TOKEN", token, "TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD),
                "-vv", "lab", "--meters", "2", "--endpoints", endpoints.toString(), "--dir", dir.resolve("lab").toString(),
                "--no-pty", "--mdms-client-auth", "need", "--mdms-time-scale", "0.1")
                .redirectOutput(dir.resolve("lab.out").toFile()).redirectError(dir.resolve("lab.err").toFile()).start();
        String db = "jdbc:h2:file:" + dir.resolve("results");
        try {
            JsonNode mdms = TestbenchJar.awaitEndpoints(lab, endpoints, dir.resolve("lab.err")).get("mdms");
            assertThat(mdms.get("url").asText()).startsWith("https://");
            assertThat(mdms.get("clientAuth").asText()).isEqualTo("need");
            Path identity = Path.of(mdms.get("identity").asText());
            assertThat(identity).exists();
            String spec = Files.readString(Path.of(mdms.get("spec").asText()));
            assertThat(spec).contains("openapi: \"3.1.0\"").contains("type: \"mutualTLS\"");
            Map<String, String> benchEnv = Map.of("TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
                    "TESTBENCH_TLS_PASSWORD", KEYSTORE_PASSWORD);
            String sequence = SEQUENCES.resolve("e2e-load-switch.yaml").toString();

            // The lab's bench identity, named in the endpoints file: the sequence runs and passes.
            Result pass = run("run mtls", benchEnv, "-vv", "run", sequence, "--lab", endpoints.toString(), "--db", db,
                    "--json");
            assertThat(pass.exitCode).as("%s%n%s", pass.out, pass.err).isZero();
            assertThat(JSON.readTree(pass.out).get("verdict").asText()).isEqualTo("PASS");
            String runId = JSON.readTree(pass.out).get("runId").asText();
            Path reports = Files.createDirectories(dir.resolve("reports"));
            for (String format : List.of("json", "pdf")) {
                Result r = run("report mtls " + format, Map.of(), "-vv", "report", runId, "--db", db, "--format",
                        format, "--out", reports.resolve(runId + "." + format).toString());
                assertThat(r.exitCode).as(r.err).isZero();
            }

            // pki init's identity comes from a CA the lab does not trust: refused in the handshake, an ERROR.
            Result other = run("run mtls foreign", Map.of("TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
                    "TESTBENCH_TLS_PASSWORD", foreignPassword), "run", sequence, "--lab", endpoints.toString(),
                    "--identity", foreign.toString(), "--db", db, "--json");
            assertThat(other.exitCode).as("%s%n%s", other.out, other.err).isEqualTo(2);
            JsonNode otherJson = JSON.readTree(other.out);
            assertThat(otherJson.get("verdict").asText()).isEqualTo("ERROR");
            assertThat(otherJson.get("positions").get(0).get("message").asText()).contains(
                    "the MDMS demands a TLS client certificate from a CA it trusts, and the bench's identity (")
                    .contains("CN=Testbench evaluation bench, issued by OU=evaluation only,O=Testbench,CN=Testbench "
                            + "evaluation CA)")
                    .contains("is not from one of them (TLS alert certificate_required)");

            // testbench mdms: with the identity it talks; without, it is told before anything is sent; with a
            // document that does not declare mutual TLS, the handshake's refusal is named.
            String serial = JSON.readTree(Files.readString(endpoints)).get("meters").get(0).get("serial").asText();
            List<String> call = List.of("mdms", "--url", mdms.get("url").asText(), "--ca", mdms.get("ca").asText(),
                    "--binding", mdms.get("binding").asText(), "--json", "meter.get", "--param", "serial=" + serial);
            Map<String, String> mdmsEnv = Map.of("TESTBENCH_MDMS_TOKEN", token, "TESTBENCH_TLS_PASSWORD",
                    KEYSTORE_PASSWORD);
            Result ok = run("mdms mtls", mdmsEnv, concat(call, "--identity", identity.toString()));
            assertThat(ok.exitCode).as("%s%n%s", ok.out, ok.err).isZero();
            assertThat(JSON.readTree(ok.out).get("outcome").asText()).isEqualTo("OK");
            Result none = run("mdms mtls none", mdmsEnv, call.toArray(String[]::new));
            assertThat(none.exitCode).isEqualTo(2);
            assertThat(none.err.strip()).isEqualTo("testbench mdms: Testbench reference MDMS API 1.0.0 requires a TLS "
                    + "client certificate (security scheme clientCertificate, mutualTLS) and the bench has no identity: "
                    + "set mdms identity (PKCS#12) or --identity");
            Path undeclared = Path.of("..", "samples", "openapi", "mdms-v1.yaml").toAbsolutePath().normalize();
            Result handshake = run("mdms mtls handshake", mdmsEnv, concat(call, "--spec", undeclared.toString()));
            assertThat(handshake.exitCode).as("%s%n%s", handshake.out, handshake.err).isEqualTo(2);
            assertThat(handshake.err).contains("the MDMS refused the credentials: getMeter at https://127.0.0.1:")
                    .contains("the MDMS demands a TLS client certificate (mutual TLS) and the bench has none (TLS "
                            + "alert certificate_required)");

            // The identity unusable: a wrong password, a missing file. One line each, before anything runs.
            Result wrong = run("run mtls wrong password", Map.of("TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
                    "TESTBENCH_TLS_PASSWORD", WRONG), "run", sequence, "--lab", endpoints.toString(), "--db", db);
            assertThat(wrong.exitCode).isEqualTo(2);
            assertThat(wrong.err.strip()).isEqualTo("testbench run: mdms: " + identity
                    + ": cannot open the PKCS#12 file: wrong password");
            Path missing = dir.resolve("no-such-identity.p12");
            Result absent = run("run mtls missing identity", benchEnv, "run", sequence, "--lab", endpoints.toString(),
                    "--identity", missing.toString(), "--db", db);
            assertThat(absent.exitCode).isEqualTo(2);
            assertThat(absent.err.strip()).isEqualTo("testbench run: --identity " + missing + ": no such file");
            for (Result r : List.of(other, none, handshake, wrong, absent)) {
                assertThat(r.err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
            }
        } finally {
            lab.destroy();
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).isTrue();
            lab.destroyForcibly();
        }
        streams.put("lab.out", Files.readString(dir.resolve("lab.out")));
        streams.put("lab.err", Files.readString(dir.resolve("lab.err")));
        assertThat(Files.readString(dir.resolve("trace.log"))).as("the lab's log says why it refused")
                .contains("refused a client in the handshake (certificate_required): the client presented no "
                        + "certificate");

        // A lab that trusts pki init's CA accepts pki init's bench identity.
        Path endpoints2 = dir.resolve("endpoints-pki.json");
        Process lab2 = command(Map.of("TESTBENCH_MDMS_TOKEN", token, "TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD),
                "lab", "--meters", "1", "--endpoints", endpoints2.toString(), "--dir", dir.resolve("lab2").toString(),
                "--no-pty", "--mdms-client-auth", "need", "--mdms-client-ca", dir.resolve("pki").resolve("ca.pem")
                        .toString(), "--mdms-time-scale", "0.1")
                .redirectOutput(dir.resolve("lab2.out").toFile()).redirectError(dir.resolve("lab2.err").toFile()).start();
        try {
            JsonNode mdms2 = TestbenchJar.awaitEndpoints(lab2, endpoints2, dir.resolve("lab2.err")).get("mdms");
            assertThat(mdms2.has("identity")).as("no identity of its own when the CA is given").isFalse();
            Result accepted = run("mdms pki init identity", Map.of("TESTBENCH_MDMS_TOKEN", token,
                    "TESTBENCH_TLS_PASSWORD", foreignPassword), "-vv", "mdms", "--url", mdms2.get("url").asText(),
                    "--ca", mdms2.get("ca").asText(), "--binding", mdms2.get("binding").asText(), "--identity",
                    foreign.toString(), "--json", "meter.get", "--param", "serial=" + JSON.readTree(
                            Files.readString(endpoints2)).get("meters").get(0).get("serial").asText());
            assertThat(accepted.exitCode).as("%s%n%s", accepted.out, accepted.err).isZero();
        } finally {
            lab2.destroy();
            assertThat(lab2.waitFor(30, TimeUnit.SECONDS)).isTrue();
            lab2.destroyForcibly();
        }

        List<String> leaks = leaks(secretSearch("the lab identity's password", KEYSTORE_PASSWORD)
                .text("the pki init identity's password", foreignPassword), streams, db, f -> true);
        assertThat(leaks).as("an identity's password found").isEmpty();
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** A logback configuration that writes everything down to TRACE into {@code trace.log}. */
    private Path traceLogback() throws IOException {
        return Files.writeString(dir.resolve("logback-trace.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d %%-5level [%%thread] %%logger - %%msg%%n%%ex</pattern></encoder>
                  </appender>
                  <root level="TRACE"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir.resolve("trace.log")));
    }

    /**
     * The secret's forms in what the processes printed, in every file under the test's directory that
     * {@code searched} accepts (the TRACE log, the database, reports among them) and in every database row.
     */
    private List<String> leaks(SecretSearch search, Map<String, String> streams, String db, Predicate<Path> searched)
            throws Exception {
        search.assertFindsEachForm();
        List<String> leaks = new ArrayList<>();
        streams.forEach((name, text) -> leaks.addAll(search.find(name, text)));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(searched).toList();
        }
        assertThat(files).as("the files searched").anyMatch(f -> f.toString().endsWith(".mv.db"))
                .anyMatch(f -> f.getFileName().toString().equals("trace.log"))
                .anyMatch(f -> f.toString().endsWith(".pdf"));
        leaks.addAll(search.inFiles(dir, searched));
        leaks.addAll(search.inDatabase(db, 11));
        return leaks;
    }

    /** The secret in every form, and inside HTTP basic credentials. */
    private static SecretSearch secretSearch(String name, String secret) {
        return new SecretSearch().text(name, secret).form(name, "HTTP basic credentials",
                Base64.getEncoder().encodeToString((MdmsDialect.BASIC_USER + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private record Result(int exitCode, String out, String err) {
    }

    /** The jar with TRACE logging into trace.log, and no TESTBENCH_ variable but those given. */
    private ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback, "-jar", TestbenchJar.jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TESTBENCH_") || k.equals("MC_PASSWORD"));
        pb.environment().putAll(env);
        return pb;
    }

    private Result run(String name, Map<String, String> env, String... args) throws Exception {
        Path out = dir.resolve(name.replace(' ', '-') + ".out");
        Path err = dir.resolve(name.replace(' ', '-') + ".err");
        Process p = command(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("testbench " + String.join(" ", args) + " did not end within 180 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        streams.put(name + " (out)", r.out);
        streams.put(name + " (err)", r.err);
        return r;
    }
}
