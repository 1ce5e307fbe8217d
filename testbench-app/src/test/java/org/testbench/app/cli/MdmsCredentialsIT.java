package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
        logback = Files.writeString(dir.resolve("logback-trace.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d %%-5level [%%thread] %%logger - %%msg%%n%%ex</pattern></encoder>
                  </appender>
                  <root level="TRACE"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir.resolve("trace.log")));
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

            List<String> forms = forms(secret);
            List<String> leaks = new ArrayList<>();
            streams.forEach((name, text) -> leaks.addAll(find(name, text, forms)));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).filter(f -> !f.equals(secretFile)).toList();
            }
            assertThat(files).as("the files searched").anyMatch(f -> f.toString().endsWith(".mv.db"))
                    .anyMatch(f -> f.getFileName().toString().equals("trace.log"))
                    .anyMatch(f -> f.toString().endsWith(".pdf")).anyMatch(f -> f.toString().endsWith(".json"));
            for (Path f : files) {
                leaks.addAll(find(dir.relativize(f).toString(), new String(Files.readAllBytes(f),
                        StandardCharsets.ISO_8859_1), forms));
                if (f.toString().endsWith(".pdf")) {
                    try (PDDocument pdf = Loader.loadPDF(f.toFile())) {
                        leaks.addAll(find(f.getFileName() + " (text)", new PDFTextStripper().getText(pdf), forms));
                    }
                }
            }
            leaks.addAll(searchDatabase(db, forms));
            String trace = Files.readString(dir.resolve("trace.log"));
            assertThat(trace).as("the log file holds the MDMS client's TRACE output").contains("TRACE")
                    .contains("MdmsClient");
            assertThat(leaks).as("the lab's MDMS secret found").isEmpty();
        } finally {
            lab.destroyForcibly();
        }
    }

    /** The secret as text, Base64, URL-encoded, and inside HTTP basic credentials. */
    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                URLEncoder.encode(secret, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString((MdmsDialect.BASIC_USER + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> find(String where, String text, List<String> forms) {
        return forms.stream().filter(text::contains).map(f -> where + ": the secret as '" + f.substring(0, 6) + "…'")
                .toList();
    }

    private static List<String> searchDatabase(String url, List<String> forms) throws Exception {
        List<String> leaks = new ArrayList<>();
        int rows = 0;
        try (Connection c = DriverManager.getConnection(url, "", "");
             Statement tables = c.createStatement();
             ResultSet t = tables.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                     + "WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            List<String> names = new ArrayList<>();
            while (t.next()) {
                names.add(t.getString(1));
            }
            for (String table : names) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        rows++;
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(r.getString(i)).append('\t');
                        }
                        leaks.addAll(find("table " + table, row.toString(), forms));
                    }
                }
            }
        }
        assertThat(rows).as("rows searched").isGreaterThan(10);
        return leaks;
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
