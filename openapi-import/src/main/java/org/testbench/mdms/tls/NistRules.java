package org.testbench.mdms.tls;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.testbench.mdms.tls.internal.GroupCatalog;

/**
 * NIST SP 800-52 Rev. 2 as data ({@code nist-sp800-52r2.yaml} beside this class): each rule names
 * what it looks at, its severity and its reference, and {@link #judge} turns an observation into
 * findings. Changing what is judged, or how severely, is an edit of the data file.
 */
public final class NistRules {

    /** The rules shipped with the bench. */
    public static final String RESOURCE = "nist-sp800-52r2.yaml";

    private static final Set<String> CERTIFICATE_CHECKS = Set.of("present", "not_expired", "already_valid", "trusted",
            "host_matches", "key_size", "signature_hash", "subject_alt_name", "server_auth_eku", "validity_period");

    private final String source;
    private final List<NistRule> rules;

    private NistRules(String source, List<NistRule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    /** The shipped rules. */
    public static NistRules standard() {
        try (InputStream in = NistRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the TLS rules " + RESOURCE + " are missing from the class path");
            }
            return read(in, RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the TLS rules " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rules from a YAML document of the same shape as the shipped one.
     *
     * @throws IOException when the document cannot be parsed or a rule is malformed (named in the message)
     */
    public static NistRules read(InputStream in, String name) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root == null || !root.path("rules").isArray()) {
            throw new IOException(name + ": no 'rules' list");
        }
        List<NistRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("rules")) {
            index++;
            String where = name + ": rule " + index;
            String id = required(node, "id", where);
            where = name + ": rule " + id;
            if (!ids.add(id)) {
                throw new IOException(where + ": duplicate id");
            }
            NistRule.Kind kind;
            TlsFinding.Severity severity;
            try {
                kind = NistRule.Kind.valueOf(required(node, "kind", where).toUpperCase(Locale.ROOT));
                severity = TlsFinding.Severity.valueOf(required(node, "severity", where).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": unknown kind or severity (" + node.path("kind").asText() + ", "
                        + node.path("severity").asText() + ")", e);
            }
            if (kind == NistRule.Kind.FEATURE_MISSING && !node.path("feature").asText().equals("ocsp_stapling")) {
                throw new IOException(where + ": unknown feature '" + node.path("feature").asText()
                        + "'; valid: ocsp_stapling");
            }
            if (kind == NistRule.Kind.CERTIFICATE && !CERTIFICATE_CHECKS.contains(node.path("check").asText())) {
                throw new IOException(where + ": unknown certificate check '" + node.path("check").asText()
                        + "'; valid: " + String.join(", ", new java.util.TreeSet<>(CERTIFICATE_CHECKS)));
            }
            rules.add(new NistRule(id, kind, severity, required(node, "reference", where),
                    required(node, "message", where), node));
        }
        return new NistRules(root.path("source").asText(name), rules);
    }

    private static String required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IOException(where + ": '" + field + "' is required");
        }
        return value.asText();
    }

    /** Where the rules come from, e.g. "NIST SP 800-52 Rev. 2 (August 2019)". */
    public String source() {
        return source;
    }

    public List<NistRule> rules() {
        return rules;
    }

    /** The findings of every rule against what was observed, in rule order. */
    public List<TlsFinding> judge(TlsObservation seen, Instant now) {
        List<TlsFinding> findings = new ArrayList<>();
        for (NistRule rule : rules) {
            switch (rule.kind()) {
                case VERSION_OFFERED -> rule.strings("versions").stream().filter(seen.versions()::contains)
                        .forEach(v -> findings.add(rule.finding("version", v)));
                case VERSION_MISSING -> {
                    if (!seen.versions().contains(rule.string("version"))) {
                        findings.add(rule.finding("version", rule.string("version")));
                    }
                }
                case SUITE_OFFERED -> seen.allSuites().stream()
                        .filter(s -> containsAny(s, rule.strings("match")) && !containsAny(s, rule.strings("unless")))
                        .forEach(s -> findings.add(rule.finding("suite", s)));
                case NO_SUITE_MATCHES -> {
                    if (!seen.allSuites().isEmpty()
                            && seen.allSuites().stream().noneMatch(s -> containsAny(s, rule.strings("match")))) {
                        findings.add(rule.finding(Map.of()));
                    }
                }
                case GROUP_OFFERED -> groupOffered(rule, seen, findings);
                case GROUP_NOT_LISTED -> seen.groups().stream().filter(g -> !rule.strings("groups").contains(g))
                        .forEach(g -> findings.add(rule.finding("group", g)));
                case GROUP_MISSING -> {
                    if (!seen.groups().isEmpty() && seen.groups().stream().noneMatch(rule.strings("groups")::contains)) {
                        findings.add(rule.finding(Map.of()));
                    }
                }
                case CERTIFICATE -> certificate(rule, seen, now).ifPresent(findings::add);
                case FEATURE_MISSING -> {
                    if (seen.certificate().isPresent() && !seen.ocspStapling()) {
                        findings.add(rule.finding(Map.of()));
                    }
                }
                default -> throw new IllegalStateException("rule kind without a check: " + rule.kind());
            }
        }
        return findings;
    }

    private static void groupOffered(NistRule rule, TlsObservation seen, List<TlsFinding> findings) {
        List<String> listed = rule.strings("groups");
        Optional<Integer> curveBelow = rule.integer("curve_bits_below");
        Optional<Integer> fieldBelow = rule.integer("field_bits_below");
        for (String group : seen.groups()) {
            int curveBits = GroupCatalog.curveBits(group);
            int fieldBits = GroupCatalog.fieldBits(group);
            if (listed.contains(group)) {
                findings.add(rule.finding(Map.of("group", group, "detail", "listed")));
            } else if (curveBits > 0 && curveBelow.isPresent() && curveBits < curveBelow.get()) {
                findings.add(rule.finding(Map.of("group", group, "detail", curveBits + "-bit curve")));
            } else if (fieldBits > 0 && fieldBelow.isPresent() && fieldBits < fieldBelow.get()) {
                findings.add(rule.finding(Map.of("group", group, "detail", fieldBits + "-bit finite field")));
            }
        }
    }

    private static Optional<TlsFinding> certificate(NistRule rule, TlsObservation seen, Instant now) {
        String check = rule.string("check");
        if (seen.certificate().isEmpty()) {
            return check.equals("present") ? Optional.of(rule.finding("detail", seen.noCertificateReason()))
                    : Optional.empty();
        }
        CertificateFacts c = seen.certificate().get();
        switch (check) {
            case "not_expired":
                return now.isAfter(c.notAfter()) ? Optional.of(rule.finding("detail", date(c.notAfter())))
                        : Optional.empty();
            case "already_valid":
                return now.isBefore(c.notBefore()) ? Optional.of(rule.finding("detail", date(c.notBefore())))
                        : Optional.empty();
            case "trusted":
                return c.trusted() ? Optional.empty()
                        : Optional.of(rule.finding("detail", c.trustProblem().orElse("not trusted")));
            case "host_matches":
                return c.hostMatches() ? Optional.empty()
                        : Optional.of(rule.finding("detail", c.host() + " (it names " + (c.subjectAltNames().isEmpty()
                                ? c.subject() : String.join(", ", c.subjectAltNames())) + ")"));
            case "key_size": {
                Integer minimum = rule.integers("minimum_bits").get(keyFamily(c.keyAlgorithm()));
                return minimum != null && c.keyBits() < minimum
                        ? Optional.of(rule.finding("detail", c.keyAlgorithm() + " " + c.keyBits() + " bits, at least "
                                + minimum + " required"))
                        : Optional.empty();
            }
            case "signature_hash": {
                List<String> forbidden = rule.strings("forbidden_hashes");
                List<String> bad = new ArrayList<>();
                for (int i = 0; i < c.chain().size(); i++) {
                    CertificateFacts.ChainCertificate link = c.chain().get(i);
                    boolean root = i > 0 && link.subject().equals(link.issuer());
                    if (!root && forbidden.contains(hashOf(link.signatureAlgorithm()))) {
                        bad.add(link.signatureAlgorithm() + " on " + link.subject());
                    }
                }
                return bad.isEmpty() ? Optional.empty() : Optional.of(rule.finding("detail", String.join("; ", bad)));
            }
            case "subject_alt_name":
                return c.subjectAltNames().isEmpty() ? Optional.of(rule.finding(Map.of())) : Optional.empty();
            case "server_auth_eku":
                return c.extendedKeyUsage().contains("serverAuth") ? Optional.empty()
                        : Optional.of(rule.finding("detail", c.hasExtendedKeyUsage()
                                ? String.join(", ", c.extendedKeyUsage()) : "no extendedKeyUsage extension"));
            case "validity_period": {
                int maximum = rule.integer("maximum_days").orElseThrow(
                        () -> new IllegalStateException("rule " + rule.id() + ": 'maximum_days' is required"));
                return c.validityDays() > maximum ? Optional.of(rule.finding("detail", c.validityDays() + " days"))
                        : Optional.empty();
            }
            default:
                return Optional.empty(); // "present": there is one
        }
    }

    /** RSA, EC (ECDSA and EdDSA keys) or DSA: the families the key-size rule has minimums for. */
    static String keyFamily(String keyAlgorithm) {
        String a = keyAlgorithm.toUpperCase(Locale.ROOT);
        if (a.startsWith("RSA")) {
            return "RSA";
        }
        if (a.startsWith("EC") || a.startsWith("ED")) {
            return "EC";
        }
        return a;
    }

    /** The hash of a JCA signature algorithm name: SHA1withRSA -> SHA1, SHA-256withECDSA -> SHA256. */
    static String hashOf(String signatureAlgorithm) {
        String a = signatureAlgorithm.toUpperCase(Locale.ROOT).replace("-", "");
        int with = a.indexOf("WITH");
        return with > 0 ? a.substring(0, with) : a;
    }

    private static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate() + " (" + instant + ")";
    }

    private static boolean containsAny(String suite, List<String> fragments) {
        return fragments.stream().anyMatch(suite::contains);
    }
}
