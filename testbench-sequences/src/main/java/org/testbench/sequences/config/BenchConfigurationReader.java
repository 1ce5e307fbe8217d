package org.testbench.sequences.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.mdms.Utf8Text;
import org.testbench.sequences.profile.MeterProfileReader;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.yaml.InputFileException;
import org.testbench.sequences.yaml.YamlComposer;
import org.testbench.sequences.yaml.YamlReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.testbench.sequences.results.Station;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a lab's {@code bench.yaml} and the virtual lab's endpoints file (JSON, which is YAML too) into
 * a {@link BenchConfiguration}, with file, line and column on every error. Relative paths are resolved
 * against the file's directory.
 */
public final class BenchConfigurationReader {

    private static final List<String> ROOT_KEYS = List.of("station", "bench", "positions", "mdms", "keystore",
            "broker");
    private static final List<String> BROKER_KEYS = List.of("url", "ca", "user", "password_env", "mqtt", "identity");
    private static final List<String> BENCH_KEYS = List.of("port", "timeout");
    private static final List<String> POSITION_KEYS = List.of("position", "serial", "optical", "ami", "profile");
    private static final List<String> MDMS_KEYS = List.of("url", "spec", "binding", "token_env", "ca", "identity",
            "latency", "auth");
    /** {@code mdms.auth} in bench.yaml: where the MDMS credentials come from (docs/mdms-auth.md), never a secret. */
    private static final List<String> AUTH_KEYS = List.of("scheme", "secret_env", "user", "client_id", "token_url",
            "scopes");
    /**
     * {@code mdms.auth} in a lab's endpoints file (JSON, camelCase); its {@code secretFile} is read by the command
     * that runs against the lab, as a source of secrets.
     */
    private static final List<String> LAB_AUTH_KEYS = List.of("scheme", "secretEnv", "user", "clientId", "tokenUrl",
            "scopes", "secretFile");
    /** The default environment variable of the MDMS bearer token. */
    public static final String DEFAULT_TOKEN_VARIABLE = "TESTBENCH_MDMS_TOKEN";

    private BenchConfigurationReader() {
    }

    /** A {@code bench.yaml}. */
    public static BenchConfiguration readBenchYaml(Path file) throws IOException, InputFileException {
        Reading r = new Reading(file);
        Map<String, NodeTuple> root = r.yaml.mapping(r.root, file.getFileName() + "");
        r.yaml.onlyKeys(root, ROOT_KEYS, "the bench configuration");
        Optional<BenchConfiguration.BenchPort> bench = Optional.empty();
        if (root.containsKey("bench")) {
            Node b = root.get("bench").getValueNode();
            Map<String, NodeTuple> entries = r.yaml.mapping(b, "bench");
            r.yaml.onlyKeys(entries, BENCH_KEYS, "bench");
            bench = Optional.of(new BenchConfiguration.BenchPort(r.port(r.required(b, entries, "port", "bench")),
                    entries.containsKey("timeout") ? r.yaml.duration(entries.get("timeout").getValueNode(), "timeout")
                            : Duration.ofSeconds(3)));
        }
        if (!root.containsKey("positions")) {
            throw r.yaml.error(r.root, "the bench configuration has no 'positions'");
        }
        List<BenchConfiguration.PositionConfig> positions = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Node p : r.yaml.sequence(root.get("positions").getValueNode(), "positions")) {
            Map<String, NodeTuple> entries = r.yaml.mapping(p, "a position");
            r.yaml.onlyKeys(entries, POSITION_KEYS, "a position");
            Node numberNode = r.required(p, entries, "position", "a position");
            int number = r.yaml.integer(numberNode, "position", 1, 10_000);
            if (!seen.add(number)) {
                throw r.yaml.error(numberNode, "position " + number + " appears twice");
            }
            positions.add(new BenchConfiguration.PositionConfig(number, r.optionalText(entries, "serial"),
                    r.port(r.required(p, entries, "optical", "position " + number)),
                    entries.containsKey("ami") ? Optional.of(r.port(entries.get("ami").getValueNode())) : Optional.empty(),
                    r.profile(entries)));
        }
        if (positions.isEmpty()) {
            throw r.yaml.error(root.get("positions").getValueNode(), "'positions' is empty");
        }
        Optional<BenchConfiguration.MdmsConfig> mdms = Optional.empty();
        if (root.containsKey("mdms")) {
            Node m = root.get("mdms").getValueNode();
            r.yaml.onlyKeys(r.yaml.mapping(m, "mdms"), MDMS_KEYS, "mdms");
            mdms = Optional.of(r.mdms(m, false));
        }
        Optional<Path> keystore = root.containsKey("keystore")
                ? Optional.of(r.path(root.get("keystore").getValueNode(), "keystore")) : Optional.empty();
        return new BenchConfiguration(bench, positions, mdms, keystore, file.toString(), r.broker(root),
                r.station(root));
    }

    /** The endpoints file written by {@code testbench lab --endpoints FILE}. */
    public static BenchConfiguration readLabEndpoints(Path file) throws IOException, InputFileException {
        Reading r = new Reading(file);
        Map<String, NodeTuple> root = r.yaml.mapping(r.root, "the endpoints file");
        if (!root.containsKey("meters")) {
            throw r.yaml.error(r.root, "the endpoints file has no 'meters' (is it the file of 'testbench lab --endpoints'?)");
        }
        List<BenchConfiguration.PositionConfig> positions = new ArrayList<>();
        for (Node m : r.yaml.sequence(root.get("meters").getValueNode(), "meters")) {
            Map<String, NodeTuple> e = r.yaml.mapping(m, "a meter");
            int number = r.yaml.integer(r.required(m, e, "position", "a meter"), "position", 1, 10_000);
            positions.add(new BenchConfiguration.PositionConfig(number, r.optionalText(e, "serial"),
                    r.port(r.required(m, e, "optical", "meter " + number)),
                    e.containsKey("ami") && !r.isNull(e.get("ami").getValueNode())
                            ? Optional.of(r.port(e.get("ami").getValueNode())) : Optional.empty(),
                    r.profile(e)));
        }
        Optional<BenchConfiguration.BenchPort> bench = Optional.empty();
        if (root.containsKey("bench")) {
            Node b = root.get("bench").getValueNode();
            bench = Optional.of(new BenchConfiguration.BenchPort(
                    r.port(r.required(b, r.yaml.mapping(b, "bench"), "scpi", "bench")), Duration.ofSeconds(3)));
        }
        Optional<BenchConfiguration.MdmsConfig> mdms = root.containsKey("mdms") && !r.isNull(root.get("mdms").getValueNode())
                ? Optional.of(r.mdms(root.get("mdms").getValueNode(), true)) : Optional.empty();
        Optional<Path> keystore = root.containsKey("keystore")
                ? Optional.of(r.path(root.get("keystore").getValueNode(), "keystore")) : Optional.empty();
        return new BenchConfiguration(bench, positions, mdms, keystore, file.toString(), r.broker(root));
    }

    /** One file being read. */
    private static final class Reading {
        final Path file;
        final YamlReader yaml;
        final Node root;

        Reading(Path file) throws IOException, InputFileException {
            this.file = file;
            this.yaml = new YamlReader(file.toString());
            String text;
            try {
                text = Utf8Text.decode(Files.readAllBytes(file));
            } catch (Utf8Text.Malformed e) {
                throw new InputFileException(file.toString(), e.location().line(), e.location().column(),
                        e.getMessage());
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Node node = YamlComposer.compose(file.toString(), text, options, line -> "");
            if (node == null) {
                throw new InputFileException(file.toString(), 1, 1, "the file is empty");
            }
            this.root = node;
        }

        Node required(Node parent, Map<String, NodeTuple> entries, String key, String what) throws InputFileException {
            NodeTuple t = entries.get(key);
            if (t == null || isNull(t.getValueNode())) {
                throw yaml.error(parent, what + " needs '" + key + "'");
            }
            return t.getValueNode();
        }

        boolean isNull(Node node) {
            return node instanceof ScalarNode s && (s.getValue().equals("null") || s.getValue().equals("~")
                    || s.getValue().isEmpty()) && s.getTag().getValue().endsWith("null");
        }

        Optional<String> optionalText(Map<String, NodeTuple> entries, String key) throws InputFileException {
            if (!entries.containsKey(key) || isNull(entries.get(key).getValueNode())) {
                return Optional.empty();
            }
            return Optional.of(yaml.text(entries.get(key).getValueNode(), key).strip());
        }

        /** {@code station:}, a name of 1 to 100 characters. */
        Optional<String> station(Map<String, NodeTuple> root) throws InputFileException {
            Optional<String> station = optionalText(root, "station");
            if (station.isPresent() && (station.get().isEmpty() || station.get().length() > Station.MAX_LENGTH)) {
                throw yaml.error(root.get("station").getValueNode(), "station must be a name of 1 to "
                        + Station.MAX_LENGTH + " characters, e.g. station: bench-B");
            }
            return station;
        }

        PortAddress port(Node node) throws InputFileException {
            String text = yaml.text(node, "a port");
            try {
                PortAddress a = PortAddress.parse(text);
                return a.isTcp() ? a : PortAddress.device(resolve(a.device()));
            } catch (IllegalArgumentException e) {
                throw yaml.error(node, e.getMessage());
            }
        }

        /**
         * The meter profile a position or lab meter names ({@code profile: FILE}, relative to this file); the
         * virtual lab's meter when it names none. A profile with errors is reported at its own place.
         */
        MeterProfile profile(Map<String, NodeTuple> entries) throws IOException, InputFileException {
            if (!entries.containsKey("profile") || isNull(entries.get("profile").getValueNode())) {
                return MeterProfile.TESTBENCH_VIRTUAL;
            }
            Node node = entries.get("profile").getValueNode();
            Path profile = path(node, "profile");
            if (!Files.isRegularFile(profile)) {
                throw yaml.error(node, "the meter profile " + profile + " does not exist");
            }
            return MeterProfileReader.read(profile);
        }

        Path path(Node node, String what) throws InputFileException {
            return resolve(Path.of(yaml.text(node, what)));
        }

        private Path resolve(Path p) {
            Path dir = file.toAbsolutePath().getParent();
            return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
        }

        /** The optional {@code broker} entry; its password is never in the file, only the variable's name. */
        Optional<BenchConfiguration.BrokerConfig> broker(Map<String, NodeTuple> root) throws InputFileException {
            if (!root.containsKey("broker") || isNull(root.get("broker").getValueNode())) {
                return Optional.empty();
            }
            Node node = root.get("broker").getValueNode();
            Map<String, NodeTuple> entries = yaml.mapping(node, "broker");
            yaml.onlyKeys(entries, BROKER_KEYS, "broker");
            Node urlNode = required(node, entries, "url", "broker");
            String url = yaml.text(urlNode, "url").strip();
            if (!url.matches("(tcp|ssl|mqtt|mqtts)://[^/:]+:\\d{1,5}")) {
                throw yaml.error(urlNode, "broker url must be tcp://HOST:PORT or ssl://HOST:PORT, found '" + url + "'");
            }
            String mqtt = optionalText(entries, "mqtt").orElse("3.1.1");
            if (!mqtt.equals("3.1.1") && !mqtt.equals("5")) {
                throw yaml.error(entries.get("mqtt").getValueNode(), "broker mqtt must be 3.1.1 or 5, found '" + mqtt
                        + "'");
            }
            return Optional.of(new BenchConfiguration.BrokerConfig(url,
                    entries.containsKey("ca") && !isNull(entries.get("ca").getValueNode())
                            ? Optional.of(path(entries.get("ca").getValueNode(), "ca")) : Optional.empty(),
                    optionalText(entries, "user"),
                    optionalText(entries, "password_env")
                            .orElse(BenchConfiguration.BrokerConfig.DEFAULT_PASSWORD_VARIABLE),
                    mqtt,
                    entries.containsKey("identity") && !isNull(entries.get("identity").getValueNode())
                            ? Optional.of(path(entries.get("identity").getValueNode(), "identity")) : Optional.empty()));
        }

        /**
         * The {@code mdms} entry of bench.yaml, or of a lab's endpoints file ({@code lab}: its {@code auth} keys are
         * camelCase).
         */
        BenchConfiguration.MdmsConfig mdms(Node node, boolean lab) throws InputFileException {
            Map<String, NodeTuple> entries = yaml.mapping(node, "mdms");
            Node urlNode = required(node, entries, "url", "mdms");
            URI url;
            try {
                url = new URI(yaml.text(urlNode, "url"));
                if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                    throw yaml.error(urlNode, "mdms url must start with http:// or https://, found '" + url + "'");
                }
            } catch (URISyntaxException e) {
                throw yaml.error(urlNode, "mdms url is not a URL: " + e.getMessage());
            }
            Optional<String> tokenVariable = optionalText(entries, "token_env");
            AuthSettings auth = tokenVariable.map(AuthSettings::bearer).orElse(AuthSettings.fromDocument());
            if (entries.containsKey("auth") && !isNull(entries.get("auth").getValueNode())) {
                Map<String, NodeTuple> a = yaml.mapping(entries.get("auth").getValueNode(), "mdms auth");
                yaml.onlyKeys(a, lab ? LAB_AUTH_KEYS : AUTH_KEYS, "mdms auth");
                auth = auth(a, lab, tokenVariable);
            }
            return new BenchConfiguration.MdmsConfig(url,
                    path(required(node, entries, "spec", "mdms"), "spec"),
                    path(required(node, entries, "binding", "mdms"), "binding"),
                    auth,
                    entries.containsKey("ca") && !isNull(entries.get("ca").getValueNode())
                            ? Optional.of(path(entries.get("ca").getValueNode(), "ca")) : Optional.empty(),
                    entries.containsKey("identity") ? Optional.of(path(entries.get("identity").getValueNode(), "identity"))
                            : Optional.empty(),
                    entries.containsKey("latency")
                            ? yaml.choice(entries.get("latency").getValueNode(), "latency", BenchConfiguration.Latency.class)
                            : BenchConfiguration.Latency.RF);
        }

        /**
         * {@code mdms.auth}: which scheme, who, and the variable of the secret ({@code token_env}'s when only that
         * names one). The secret itself never is in the file.
         */
        private AuthSettings auth(Map<String, NodeTuple> a, boolean lab, Optional<String> tokenVariable)
                throws InputFileException {
            String tokenUrlKey = lab ? "tokenUrl" : "token_url";
            Optional<URI> tokenUrl = Optional.empty();
            Optional<String> tokenUrlText = optionalText(a, tokenUrlKey);
            if (tokenUrlText.isPresent()) {
                Node n = a.get(tokenUrlKey).getValueNode();
                try {
                    URI u = new URI(tokenUrlText.get());
                    if (u.getScheme() != null && !u.getScheme().equals("http") && !u.getScheme().equals("https")) {
                        throw yaml.error(n, "mdms auth " + tokenUrlKey + " must be an http(s) URL or a path, found '"
                                + u + "'");
                    }
                    tokenUrl = Optional.of(u);
                } catch (URISyntaxException e) {
                    throw yaml.error(n, "mdms auth " + tokenUrlKey + " is not a URL: " + e.getMessage());
                }
            }
            List<String> scopes = new ArrayList<>();
            if (a.containsKey("scopes") && !isNull(a.get("scopes").getValueNode())) {
                Node n = a.get("scopes").getValueNode();
                if (n instanceof ScalarNode) {
                    scopes.addAll(List.of(yaml.text(n, "scopes").strip().split("\\s+")));
                } else {
                    for (Node scope : yaml.sequence(n, "scopes")) {
                        scopes.add(yaml.text(scope, "a scope").strip());
                    }
                }
            }
            String secretKey = lab ? "secretEnv" : "secret_env";
            Optional<String> secretVariable = optionalText(a, secretKey);
            if (secretVariable.isPresent() && !secretVariable.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                // Not echoed: whoever wrote it here may have pasted the secret itself.
                throw yaml.error(a.get(secretKey).getValueNode(), "mdms auth " + secretKey + " must name an "
                        + "environment variable (letters, digits, _); the secret itself never goes into this file");
            }
            return new AuthSettings(optionalText(a, "scheme"), secretVariable.or(() -> tokenVariable),
                    optionalText(a, "user"), optionalText(a, lab ? "clientId" : "client_id"), tokenUrl, scopes);
        }
    }
}
