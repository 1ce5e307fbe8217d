package org.testbench.mdms.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.ProtocolVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.tls.internal.CertificateInspector;
import org.testbench.mdms.tls.internal.GroupCatalog;
import org.testbench.mdms.tls.internal.Handshake;
import org.testbench.mdms.tls.internal.SuiteCatalog;
import org.testbench.mdms.tls.internal.TlsProbe;
import org.testbench.mdms.tls.internal.VersionNames;

/**
 * Audits the TLS configuration of an HTTPS endpoint the way a scanner does, one thing at a time: each
 * protocol version with everything else allowed, then each cipher suite of each accepted version, then
 * each key-exchange group, each on its own handshake (several at once, bounded). The certificate chain
 * of one accepted handshake is checked, and everything is judged against {@link NistRules}.
 *
 * <pre>{@code
 * TlsAuditReport report = TlsAuditor.newBuilder().trustCa(Path.of("ca.pem")).build()
 *         .audit(URI.create("https://mdms.example:8443"));
 * }</pre>
 */
public final class TlsAuditor {

    private static final Logger LOG = LoggerFactory.getLogger(TlsAuditor.class);
    /** Handshakes at once: enough to hide loopback latency, few enough not to look like an attack. */
    public static final int DEFAULT_PARALLELISM = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int HTTPS_PORT = 443;

    private final NistRules rules;
    private final Set<TrustAnchor> anchors;
    private final String anchorsDescription;
    private final int parallelism;
    private final Duration timeout;
    private final Clock clock;

    private TlsAuditor(Builder b) {
        this.rules = b.rules;
        this.anchors = b.anchors;
        this.anchorsDescription = b.anchorsDescription;
        this.parallelism = b.parallelism;
        this.timeout = b.timeout;
        this.clock = b.clock;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Probes the endpoint and judges it.
     *
     * @throws TlsAuditException when the URL is not https, the host is unknown, nothing accepts a TCP
     *                           connection, or no TLS handshake succeeds at all
     */
    public TlsAuditReport audit(URI url) throws TlsAuditException {
        long started = System.nanoTime();
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new TlsAuditException("not an https:// URL with a host: " + url);
        }
        String host = url.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(bareHost), url.getPort() < 0 ? HTTPS_PORT : url.getPort());
        } catch (UnknownHostException e) {
            throw new TlsAuditException("unknown host " + bareHost + " in " + url, e);
        }
        boolean ipLiteral = bareHost.contains(":") || bareHost.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        TlsProbe probe = new TlsProbe(address, ipLiteral ? null : bareHost, timeout);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "tls-audit-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return audit(url, bareHost, probe, pool, started);
        } finally {
            pool.shutdownNow();
        }
    }

    private TlsAuditReport audit(URI url, String host, TlsProbe probe, ExecutorService pool, long started)
            throws TlsAuditException {
        int[] allGroups = GroupCatalog.candidates(probe.crypto()).stream().mapToInt(Integer::intValue).toArray();

        // 1. Versions: one at a time, with every suite and group offered.
        Map<ProtocolVersion, Callable<Optional<Handshake>>> versionProbes = new LinkedHashMap<>();
        for (ProtocolVersion version : VersionNames.PROBED) {
            int[] suites = suites(probe, version);
            versionProbes.put(version, () -> probe.offer(List.of(version), suites, allGroups));
        }
        Map<ProtocolVersion, Optional<Handshake>> byVersion = runAll(pool, versionProbes);
        List<ProtocolVersion> accepted = new ArrayList<>();
        Handshake withCertificate = null;
        for (Map.Entry<ProtocolVersion, Optional<Handshake>> e : byVersion.entrySet()) {
            Optional<Handshake> h = e.getValue();
            if (h.isPresent() && h.get().version().equals(e.getKey())) {
                accepted.add(e.getKey());
                if (!h.get().chain().isEmpty()) {
                    withCertificate = h.get(); // the newest version's, as the loop runs oldest first
                }
            }
        }
        if (accepted.isEmpty()) {
            throw new TlsAuditException(url + " completed no TLS handshake with SSL 3.0 to TLS 1.3: not a TLS endpoint?");
        }

        // 2. Suites: one at a time per accepted version.
        Map<String, Callable<Optional<Handshake>>> suiteProbes = new LinkedHashMap<>();
        for (ProtocolVersion version : accepted) {
            for (int suite : suites(probe, version)) {
                suiteProbes.put(VersionNames.name(version) + "/" + suite,
                        () -> probe.offer(List.of(version), new int[] {suite}, allGroups));
            }
        }
        Map<String, List<String>> suitesByVersion = new LinkedHashMap<>();
        List<Integer> acceptedSuites = new ArrayList<>();
        for (Map.Entry<String, Optional<Handshake>> e : runAll(pool, suiteProbes).entrySet()) {
            String version = e.getKey().substring(0, e.getKey().indexOf('/'));
            int suite = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('/') + 1));
            Optional<Handshake> h = e.getValue();
            if (h.isPresent() && h.get().suite() == suite) {
                suitesByVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(SuiteCatalog.name(suite));
                acceptedSuites.add(suite);
                if (withCertificate == null && !h.get().chain().isEmpty()) {
                    withCertificate = h.get();
                }
            }
        }
        for (ProtocolVersion version : accepted) {
            suitesByVersion.putIfAbsent(VersionNames.name(version), List.of());
        }

        // 3. Groups: one at a time, with every accepted suite that uses one.
        List<String> groups = groups(probe, pool, accepted, acceptedSuites, allGroups);

        // 4. Certificate, and the verdict.
        Optional<CertificateFacts> certificate = Optional.empty();
        if (withCertificate != null) {
            certificate = Optional.of(new CertificateInspector(anchors, anchorsDescription)
                    .inspect(withCertificate.chain(), host));
        }
        List<String> versionNames = accepted.stream().map(VersionNames::name).toList();
        TlsObservation seen = new TlsObservation(versionNames, suitesByVersion, groups, certificate,
                "no accepted suite authenticates the server (anonymous key exchange only)",
                withCertificate != null && withCertificate.stapled());
        List<TlsFinding> findings = rules.judge(seen, clock.instant());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("TLS audit of {}: {} handshake(s) in {} ms, {} finding(s)", url, probe.handshakes(),
                elapsed.toMillis(), findings.size());
        return new TlsAuditReport(url, versionNames, suitesByVersion, groups, certificate, seen.ocspStapling(),
                findings, probe.handshakes(), elapsed);
    }

    private List<String> groups(TlsProbe probe, ExecutorService pool, List<ProtocolVersion> accepted,
            List<Integer> acceptedSuites, int[] allGroups) throws TlsAuditException {
        int[] ecSuites = acceptedSuites.stream().filter(SuiteCatalog::usesEllipticGroup).distinct()
                .mapToInt(Integer::intValue).toArray();
        int[] tls13Suites = acceptedSuites.stream().filter(SuiteCatalog::isTls13).distinct()
                .mapToInt(Integer::intValue).toArray();
        List<ProtocolVersion> tls13 = accepted.contains(ProtocolVersion.TLSv13) ? List.of(ProtocolVersion.TLSv13)
                : List.of();
        // Bouncy Castle reads a version list newest first.
        List<ProtocolVersion> newestFirst = new ArrayList<>(accepted);
        java.util.Collections.reverse(newestFirst);
        Map<Integer, Callable<Optional<Handshake>>> groupProbes = new LinkedHashMap<>();
        for (int group : allGroups) {
            if (GroupCatalog.isFiniteField(group)) {
                // With TLS 1.2 a DHE server picks its own parameters: only TLS 1.3 negotiates the group.
                if (!tls13.isEmpty() && tls13Suites.length > 0) {
                    groupProbes.put(group, () -> probe.offer(tls13, tls13Suites, new int[] {group}));
                }
            } else if (ecSuites.length > 0) {
                groupProbes.put(group, () -> probe.offer(newestFirst, ecSuites, new int[] {group}));
            }
        }
        List<String> groups = new ArrayList<>();
        for (Map.Entry<Integer, Optional<Handshake>> e : runAll(pool, groupProbes).entrySet()) {
            Optional<Handshake> h = e.getValue();
            if (h.isPresent() && (h.get().group() == e.getKey() || h.get().group() < 0)) {
                groups.add(GroupCatalog.name(e.getKey()));
            }
        }
        return groups;
    }

    private static int[] suites(TlsProbe probe, ProtocolVersion version) {
        return SuiteCatalog.candidates(probe.crypto(), version).stream().mapToInt(Integer::intValue).toArray();
    }

    private static <K> Map<K, Optional<Handshake>> runAll(ExecutorService pool,
            Map<K, Callable<Optional<Handshake>>> probes) throws TlsAuditException {
        Map<K, Future<Optional<Handshake>>> futures = new LinkedHashMap<>();
        probes.forEach((key, probe) -> futures.put(key, pool.submit(probe)));
        Map<K, Optional<Handshake>> results = new LinkedHashMap<>();
        try {
            for (Map.Entry<K, Future<Optional<Handshake>>> e : futures.entrySet()) {
                results.put(e.getKey(), e.getValue().get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.values().forEach(f -> f.cancel(true));
            if (e.getCause() instanceof TlsAuditException audit) {
                throw audit;
            }
            throw new IllegalStateException("a TLS probe failed unexpectedly: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new TlsAuditException("the TLS audit was interrupted", e);
        }
    }

    /** Trust, rules, parallelism and timeout; the defaults trust the JDK's CAs and use the shipped rules. */
    public static final class Builder {
        private NistRules rules = NistRules.standard();
        private Set<TrustAnchor> anchors;
        private String anchorsDescription;
        private int parallelism = DEFAULT_PARALLELISM;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Trust only the CA certificates in this PEM file (a utility's own CA). */
        public Builder trustCa(Path pem) throws TlsAuditException {
            Set<TrustAnchor> fromFile = new HashSet<>();
            try (InputStream in = Files.newInputStream(pem)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    fromFile.add(new TrustAnchor((X509Certificate) c, null));
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new TlsAuditException(pem + ": not a readable PEM certificate file: " + e.getMessage(), e);
            }
            if (fromFile.isEmpty()) {
                throw new TlsAuditException(pem + ": no certificate in the file");
            }
            this.anchors = fromFile;
            this.anchorsDescription = "the CA in " + pem;
            return this;
        }

        public Builder rules(NistRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public Builder parallelism(int handshakesAtOnce) {
            if (handshakesAtOnce < 1 || handshakesAtOnce > 64) {
                throw new IllegalArgumentException("parallelism must be 1..64, was " + handshakesAtOnce);
            }
            this.parallelism = handshakesAtOnce;
            return this;
        }

        /** Connect and read timeout of each handshake. */
        public Builder timeout(Duration perHandshake) {
            if (perHandshake.isNegative() || perHandshake.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + perHandshake);
            }
            this.timeout = perHandshake;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TlsAuditor build() {
            if (anchors == null) {
                anchors = systemAnchors();
                anchorsDescription = "the JDK's trusted CAs";
            }
            return new TlsAuditor(this);
        }

        private static Set<TrustAnchor> systemAnchors() {
            try {
                Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                try (InputStream in = Files.newInputStream(cacerts)) {
                    store.load(in, null);
                }
                return new PKIXParameters(store).getTrustAnchors();
            } catch (IOException | GeneralSecurityException e) {
                LOG.warn("cannot read the JDK's trusted CAs: {}", e.getMessage());
                return Set.of();
            }
        }
    }
}
