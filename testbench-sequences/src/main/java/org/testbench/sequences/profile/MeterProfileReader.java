package org.testbench.sequences.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectKind;
import org.testbench.drivers.profile.AmiLink;
import org.testbench.drivers.profile.Clients;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ObjectLocation;
import org.testbench.drivers.profile.RegisterSum;
import org.testbench.drivers.profile.ObjectMap;
import org.testbench.drivers.profile.OpticalLink;
import org.testbench.drivers.profile.PhysicalAddress;
import org.testbench.drivers.profile.ValueForm;
import org.testbench.mdms.Utf8Text;
import org.testbench.sequences.yaml.InputFileException;
import org.testbench.sequences.yaml.YamlReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a meter profile file ({@code docs/meter-profile.md}) into a {@link MeterProfile}, with file, line
 * and column on every error: unknown keys, OBIS codes that do not parse, a client whose authentication
 * lacks what it needs, a version this Testbench does not know.
 */
public final class MeterProfileReader {

    /** The profile format version this Testbench writes; it reads this one. */
    public static final int VERSION = 1;

    private static final List<String> ROOT_KEYS = List.of("profile", "meter", "optical", "ami", "addresses", "clients",
            "objects");
    private static final List<String> OPTICAL_KEYS = List.of("mode", "baud", "baud_switch_delay", "wake_up");
    private static final List<String> AMI_KEYS = List.of("framing");
    private static final List<String> ADDRESS_KEYS = List.of("logical", "physical");
    private static final List<String> CLIENT_JOBS = List.of("reader", "management", "public");
    private static final List<String> CLIENT_KEYS = List.of("address", "authentication", "security", "suite",
            "password_env", "secret_env");
    private static final List<String> OBJECT_KEYS = java.util.Arrays.stream(MeterObject.values())
            .map(MeterObject::key).toList();
    private static final List<String> LOCATION_KEYS = List.of("obis", "class", "form", "sum", "mdms");
    private static final List<String> PART_KEYS = List.of("obis", "class");

    private MeterProfileReader() {
    }

    /**
     * @throws InputFileException for a file that cannot be used, at the place of the problem
     * @throws IOException        when the file cannot be read
     */
    public static MeterProfile read(Path file) throws IOException, InputFileException {
        String text;
        try {
            text = Utf8Text.decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputFileException(file.toString(), 1, 1, "the meter profile does not exist");
        } catch (Utf8Text.Malformed e) {
            throw new InputFileException(file.toString(), e.location().line(), e.location().column(),
                    e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static MeterProfile parse(String fileName, String text) throws InputFileException {
        YamlReader yaml = new YamlReader(fileName);
        Node root = YamlReader.compose(fileName, text);
        Map<String, NodeTuple> entries = yaml.mapping(root, "a meter profile");
        yaml.onlyKeys(entries, ROOT_KEYS, "a meter profile");
        Node version = required(yaml, root, entries, "profile", "a meter profile (the format version: profile: 1)");
        int v = yaml.integer(version, "profile (the format version)", 1, Integer.MAX_VALUE);
        if (v != VERSION) {
            throw yaml.error(version, "profile version " + v + " is not supported (this Testbench reads version "
                    + VERSION + ")");
        }
        String meter = yaml.text(required(yaml, root, entries, "meter", "a meter profile"), "meter").strip();
        OpticalLink optical = entries.containsKey("optical")
                ? optical(yaml, entries.get("optical").getValueNode()) : OpticalLink.MODE_E_DEFAULT;
        AmiLink ami = AmiLink.WRAPPER;
        if (entries.containsKey("ami")) {
            Node node = entries.get("ami").getValueNode();
            Map<String, NodeTuple> e = yaml.mapping(node, "ami");
            yaml.onlyKeys(e, AMI_KEYS, "ami");
            if (e.containsKey("framing")) {
                ami = new AmiLink(yaml.choice(e.get("framing").getValueNode(), "ami framing", DlmsFraming.class));
            }
        }
        MeterProfile.Addresses addresses = entries.containsKey("addresses")
                ? addresses(yaml, entries.get("addresses").getValueNode())
                : new MeterProfile.Addresses(1, new PhysicalAddress.None());
        Clients clients = clients(yaml, required(yaml, root, entries, "clients", "a meter profile"));
        ObjectMap objects = entries.containsKey("objects")
                ? objects(yaml, entries.get("objects").getValueNode()) : MeterProfile.STANDARD_OBJECTS;
        return new MeterProfile(meter, optical, ami, addresses, clients, objects, fileName);
    }

    private static OpticalLink optical(YamlReader yaml, Node node) throws InputFileException {
        Map<String, NodeTuple> e = yaml.mapping(node, "optical");
        yaml.onlyKeys(e, OPTICAL_KEYS, "optical");
        OpticalLink.Mode mode = e.containsKey("mode")
                ? yaml.choice(e.get("mode").getValueNode(), "optical mode", OpticalLink.Mode.class) : OpticalLink.Mode.E;
        int baud = mode == OpticalLink.Mode.E ? 19200 : 9600;
        if (e.containsKey("baud")) {
            Node b = e.get("baud").getValueNode();
            baud = yaml.integer(b, "optical baud", 300, 19200);
            if (!OpticalLink.RATES.contains(baud)) {
                throw yaml.error(b, "optical baud must be one of " + OpticalLink.RATES + ", found " + baud);
            }
        }
        Duration switchDelay = e.containsKey("baud_switch_delay")
                ? yaml.duration(e.get("baud_switch_delay").getValueNode(), "baud_switch_delay") : Duration.ZERO;
        Duration wakeUp = e.containsKey("wake_up") ? yaml.duration(e.get("wake_up").getValueNode(), "wake_up")
                : Duration.ZERO;
        return new OpticalLink(mode, baud, switchDelay, wakeUp);
    }

    private static MeterProfile.Addresses addresses(YamlReader yaml, Node node) throws InputFileException {
        Map<String, NodeTuple> e = yaml.mapping(node, "addresses");
        yaml.onlyKeys(e, ADDRESS_KEYS, "addresses");
        int logical = e.containsKey("logical")
                ? yaml.integer(e.get("logical").getValueNode(), "logical (the server's logical device)", 0, 0x3FFF) : 1;
        PhysicalAddress physical = new PhysicalAddress.None();
        if (e.containsKey("physical")) {
            Node p = e.get("physical").getValueNode();
            String text = yaml.scalar(p, "physical").strip();
            if (text.equalsIgnoreCase("from-serial")) {
                physical = new PhysicalAddress.FromSerial();
            } else if (!text.equalsIgnoreCase("none")) {
                if (!text.matches("\\d+")) {
                    throw yaml.error(p, "physical must be a number (16..16381), from-serial or none, found '" + text
                            + "'");
                }
                physical = new PhysicalAddress.Fixed(yaml.integer(p, "physical", 16, 0x3FFD));
            }
        }
        return new MeterProfile.Addresses(logical, physical);
    }

    private static Clients clients(YamlReader yaml, Node node) throws InputFileException {
        Map<String, NodeTuple> e = yaml.mapping(node, "clients");
        yaml.onlyKeys(e, CLIENT_JOBS, "clients");
        DlmsClient reader = client(yaml, required(yaml, node, e, "reader", "clients"), "reader");
        Optional<DlmsClient> management = e.containsKey("management")
                ? Optional.of(client(yaml, e.get("management").getValueNode(), "management")) : Optional.empty();
        DlmsClient publicClient = DlmsClient.PUBLIC;
        if (e.containsKey("public")) {
            Node p = e.get("public").getValueNode();
            publicClient = client(yaml, p, "public");
            if (publicClient.authentication() != AuthenticationMechanism.NONE || publicClient.needsKeys()) {
                throw yaml.error(p, "the public client associates without authentication and ciphering; found "
                        + publicClient.describe());
            }
        }
        return new Clients(reader, management, publicClient);
    }

    private static DlmsClient client(YamlReader yaml, Node node, String job) throws InputFileException {
        String what = "clients." + job;
        Map<String, NodeTuple> e = yaml.mapping(node, what);
        yaml.onlyKeys(e, CLIENT_KEYS, what);
        int address = yaml.integer(required(yaml, node, e, "address", what), what + " address", 0, 127);
        AuthenticationMechanism authentication = AuthenticationMechanism.NONE;
        if (e.containsKey("authentication")) {
            Node a = e.get("authentication").getValueNode();
            String text = yaml.scalar(a, what + " authentication").strip();
            try {
                authentication = AuthenticationMechanism.ofExternal(text);
            } catch (IllegalArgumentException ex) {
                if (text.equalsIgnoreCase("hls-ecdsa")) {
                    throw yaml.error(a, what + " authentication hls-ecdsa (mechanism 7, security suites 1 and 2) is "
                            + "not supported (docs/meter-profile.md says why); one of "
                            + String.join(", ", AuthenticationMechanism.externalNames()));
                }
                throw yaml.error(a, what + " authentication '" + text + "' is not one of "
                        + String.join(", ", AuthenticationMechanism.externalNames())
                        + YamlReader.suggestion(text, AuthenticationMechanism.externalNames()));
            }
        }
        ApduSecurity security = authentication == AuthenticationMechanism.HLS_GMAC
                ? ApduSecurity.AUTHENTICATED_ENCRYPTED : ApduSecurity.NONE;
        if (e.containsKey("security")) {
            security = yaml.choice(e.get("security").getValueNode(), what + " security", ApduSecurity.class);
        }
        int suite = 0;
        if (e.containsKey("suite")) {
            Node s = e.get("suite").getValueNode();
            suite = yaml.integer(s, what + " suite", 0, 2);
            if (suite != 0) {
                throw yaml.error(s, what + " suite " + suite + " (HLS-ECDSA) is not supported yet; only suite 0");
            }
        }
        Optional<String> passwordVariable = Optional.empty();
        for (String key : List.of("password_env", "secret_env")) {
            if (!e.containsKey(key)) {
                continue;
            }
            Node p = e.get(key).getValueNode();
            if (!authentication.usesSecret()) {
                throw yaml.error(p, what + " has " + key + ", but authentication " + authentication.external()
                        + " uses no password or secret (low uses password_env; hls-md5, hls-sha1, hls-sha256 use "
                        + "secret_env)");
            }
            if (!key.equals(authentication.secretVariableKey())) {
                throw yaml.error(p, what + " has " + key + ", but authentication " + authentication.external()
                        + " takes its " + authentication.secretName() + " from " + authentication.secretVariableKey());
            }
            String variable = yaml.text(p, what + " " + key).strip();
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw yaml.error(p, what + " " + key + " must name an environment variable, found '" + variable + "'");
            }
            passwordVariable = Optional.of(variable);
        }
        if (authentication == AuthenticationMechanism.HLS_GMAC && security == ApduSecurity.NONE) {
            throw yaml.error(e.get("security").getValueNode(), what + " authenticates with hls-gmac, which needs the "
                    + "meter's keys and ciphered APDUs: security must be authenticated, encrypted or "
                    + "authenticated-encrypted, not none");
        }
        return new DlmsClient(address, authentication, security, suite, passwordVariable);
    }

    private static ObjectMap objects(YamlReader yaml, Node node) throws InputFileException {
        Map<String, NodeTuple> e = yaml.mapping(node, "objects");
        yaml.onlyKeys(e, OBJECT_KEYS, "objects");
        Map<MeterObject, Optional<ObjectLocation>> map = new EnumMap<>(MeterProfile.STANDARD_OBJECTS.locations());
        for (Map.Entry<String, NodeTuple> entry : e.entrySet()) {
            MeterObject object = MeterObject.ofKey(entry.getKey()).orElseThrow();
            Node value = entry.getValue().getValueNode();
            if (value instanceof MappingNode) {
                map.put(object, Optional.of(location(yaml, object, value)));
                continue;
            }
            String what = "objects." + entry.getKey();
            String text = yaml.scalar(value, what).strip();
            if (text.equalsIgnoreCase("none") || isNull(value)) {
                map.put(object, Optional.empty());
                continue;
            }
            map.put(object, Optional.of(ObjectLocation.at(obis(yaml, value, what, text, " nor none"))));
        }
        return new ObjectMap(map);
    }

    /** The long form of an object: {@code {obis: A.B.C.D.E.F, class: 4}}, {@code form} for the serial. */
    private static ObjectLocation location(YamlReader yaml, MeterObject object, Node node) throws InputFileException {
        String what = "objects." + object.key();
        Map<String, NodeTuple> e = yaml.mapping(node, what);
        yaml.onlyKeys(e, LOCATION_KEYS, what);
        if (e.containsKey("sum")) {
            return sum(yaml, object, e);
        }
        if (e.containsKey("mdms")) {
            throw yaml.error(e.get("mdms").getKeyNode(), what + " has mdms, which only a sum takes ({sum: [...], "
                    + "mdms: CODE}): the MDMS is asked for an object's own code");
        }
        return single(yaml, object, node, e, what);
    }

    /**
     * An energy role a meter keeps only per tariff: {@code {sum: [1.0.1.8.1.255, 1.0.1.8.2.255], mdms: CODE}},
     * each part a code or {@code {obis: CODE, class: N}}.
     */
    private static ObjectLocation sum(YamlReader yaml, MeterObject object, Map<String, NodeTuple> e)
            throws InputFileException {
        String what = "objects." + object.key();
        Node sumNode = e.get("sum").getValueNode();
        if (!object.isEnergy()) {
            throw yaml.error(e.get("sum").getKeyNode(), what + " is a sum, which only the energy registers "
                    + "(energyImport, energyExport) may be: a meter keeps energy per tariff, nothing else");
        }
        for (String other : List.of("obis", "class", "form")) {
            if (e.containsKey(other)) {
                throw yaml.error(e.get(other).getKeyNode(), what + " has both sum and " + other + ": give each part's "
                        + "obis and class inside sum ({sum: [{obis: CODE, class: 4}, ...]})");
            }
        }
        List<Node> items = yaml.sequence(sumNode, what + " sum");
        if (items.isEmpty()) {
            throw yaml.error(sumNode, what + " sum is empty: list the registers to add up (e.g. [1.0.1.8.1.255, "
                    + "1.0.1.8.2.255])");
        }
        List<ObjectLocation> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String part = what + " sum part " + (i + 1);
            ObjectLocation at;
            if (item instanceof MappingNode) {
                Map<String, NodeTuple> pe = yaml.mapping(item, part);
                yaml.onlyKeys(pe, PART_KEYS, part);
                at = single(yaml, object, item, pe, part);
            } else {
                String text = yaml.scalar(item, part).strip();
                at = ObjectLocation.at(obis(yaml, item, part, text, ""));
            }
            Obis code = at.obis();
            if (parts.stream().anyMatch(p -> p.obis().equals(code))) {
                throw yaml.error(item, part + ": " + code + " is already in the sum (it would be counted twice)");
            }
            parts.add(at);
        }
        Optional<Obis> mdms = Optional.empty();
        if (e.containsKey("mdms")) {
            Node m = e.get("mdms").getValueNode();
            mdms = Optional.of(obis(yaml, m, what + " mdms", yaml.scalar(m, what + " mdms").strip(), ""));
        }
        return ObjectLocation.sumOf(new RegisterSum(parts, mdms));
    }

    private static ObjectLocation single(YamlReader yaml, MeterObject object, Node node, Map<String, NodeTuple> e,
                                         String what) throws InputFileException {
        Node code = required(yaml, node, e, "obis", what);
        ObjectLocation at = ObjectLocation.at(obis(yaml, code, what + " obis", yaml.scalar(code, what + " obis").strip(),
                ""));
        if (e.containsKey("class")) {
            Node c = e.get("class").getValueNode();
            String allowed = object.kinds().stream().map(ObjectKind::describe)
                    .collect(java.util.stream.Collectors.joining(" or "));
            String text = yaml.scalar(c, what + " class").strip();
            Optional<ObjectKind> kind = text.matches("\\d{1,5}")
                    ? ObjectKind.ofClassId(Integer.parseInt(text)).filter(object.kinds()::contains) : Optional.empty();
            if (kind.isEmpty()) {
                throw yaml.error(c, what + " class '" + text + "' is not an interface class the bench reads "
                        + object.key() + " with: " + allowed);
            }
            at = at.withKind(kind.get());
        }
        if (e.containsKey("form")) {
            Node f = e.get("form").getValueNode();
            String text = yaml.scalar(f, what + " form").strip();
            if (object != MeterObject.SERIAL) {
                throw yaml.error(f, what + " has form, which only objects.serial takes (form: logical-device-name "
                        + "for a serial kept in the logical device name)");
            }
            ValueForm form = ValueForm.ofExternal(text).orElseThrow(() -> yaml.error(f, what + " form '" + text
                    + "' is not one of " + String.join(", ", ValueForm.externalNames())
                    + YamlReader.suggestion(text, ValueForm.externalNames())));
            at = at.withForm(form);
        }
        return at;
    }

    private static Obis obis(YamlReader yaml, Node value, String what, String text, String orNone)
            throws InputFileException {
        try {
            return Obis.parse(text);
        } catch (IllegalArgumentException ex) {
            throw yaml.error(value, what + ": '" + text + "' is not an OBIS code (A.B.C.D.E.F or A-B:C.D.E*F)"
                    + orNone + ": " + ex.getMessage());
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith("null");
    }

    private static Node required(YamlReader yaml, Node parent, Map<String, NodeTuple> entries, String key, String what)
            throws InputFileException {
        NodeTuple t = entries.get(key);
        if (t == null) {
            throw yaml.error(parent, what + " needs '" + key + "'");
        }
        return t.getValueNode();
    }
}
