package org.testbench.lab.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's trust services on one HTTP port of 127.0.0.1:
 * <ul>
 *   <li>{@code POST /tsa}: RFC 3161 time stamps ({@code application/timestamp-query} in,
 *       {@code application/timestamp-reply} out), from a TSA whose chain ends in its own root ({@code tsa-ca.pem});</li>
 *   <li>{@code GET /qa/crl}, {@code POST /qa/ocsp}: the QA CA's CRL and OCSP answers ({@code qa-ca.pem}), and the
 *       same under {@code /tsa-root/} for the TSA's root;</li>
 *   <li>{@code POST /qa/revoke} with a certificate serial number in hex: revokes it from now on (the lab's
 *       administrator's button, there to test that old signatures outlive a revocation).</li>
 * </ul>
 * At start the QA CA issues a signing identity, {@code qa-signer.p12}, protected by the lab's keystore password.
 */
public final class TrustServices implements AutoCloseable {

    public static final String TSA_CA_FILE = "tsa-ca.pem";
    public static final String QA_CA_FILE = "qa-ca.pem";
    public static final String SIGNER_FILE = "qa-signer.p12";
    /** The PKCS#12 alias of the lab's QA signer. */
    public static final String SIGNER_ALIAS = "qa-signer";
    static final Duration SIGNER_VALIDITY = Duration.ofDays(730);
    private static final int MAX_REQUEST = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TrustServices.class);

    private final HttpServer server;
    private final ExecutorService workers;
    private final URI base;
    private final CertificateAuthority qa;
    private final CertificateAuthority tsaRoot;
    private final TimeStampAuthority tsa;
    private final Path tsaCaFile;
    private final Path qaCaFile;
    private final Path signerFile;
    private final X509Certificate signer;
    private final Clock clock;

    private TrustServices(HttpServer server, ExecutorService workers, URI base, CertificateAuthority qa,
            CertificateAuthority tsaRoot, TimeStampAuthority tsa, Path dir, X509Certificate signer, Clock clock) {
        this.server = server;
        this.workers = workers;
        this.base = base;
        this.qa = qa;
        this.tsaRoot = tsaRoot;
        this.tsa = tsa;
        this.tsaCaFile = dir.resolve(TSA_CA_FILE);
        this.qaCaFile = dir.resolve(QA_CA_FILE);
        this.signerFile = dir.resolve(SIGNER_FILE);
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * Creates the authorities, writes {@code tsa-ca.pem}, {@code qa-ca.pem} and {@code qa-signer.p12} into the
     * directory, and starts serving.
     *
     * @param signerPassword protects qa-signer.p12 (the caller clears it)
     */
    public static TrustServices start(Path dir, char[] signerPassword, TsaBehaviour behaviour) throws IOException {
        Clock clock = Clock.systemUTC();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Instant now = clock.instant();
        // Two independent roots, as in the real world: the TSA is a third party, the QA CA is the lab's.
        CertificateAuthority qa = CertificateAuthority.create("qa", "Testbench virtual lab QA CA",
                CertificateAuthority.KeyKind.EC_P256, URI.create(base + "/qa"), now);
        CertificateAuthority tsaRoot = CertificateAuthority.create("tsa-root", "Testbench virtual lab TSA root",
                CertificateAuthority.KeyKind.RSA_2048, URI.create(base + "/tsa-root"), now);
        TimeStampAuthority tsa = TimeStampAuthority.start(tsaRoot, behaviour, now);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TSA_CA_FILE), tsaRoot.pem(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(QA_CA_FILE), qa.pem(), StandardCharsets.US_ASCII);
        X509Certificate signer = issueSigner(qa, "Testbench virtual lab QA signer", SIGNER_VALIDITY, now,
                signerPassword, dir.resolve(SIGNER_FILE));
        ExecutorService workers = Executors.newFixedThreadPool(4, daemonThreads());
        TrustServices services = new TrustServices(server, workers, base, qa, tsaRoot, tsa, dir, signer, clock);
        server.setExecutor(workers);
        server.createContext("/", services::handle);
        server.start();
        LOG.info("Trust services at {}: TSA ({}), QA CA, signer {}", base, behaviour.externalName(),
                signer.getSerialNumber().toString(16));
        return services;
    }

    /**
     * Issues a QA signing identity (EC P-256, key usage digitalSignature and nonRepudiation) valid from now for
     * the given time, and writes it as PKCS#12 under {@link #SIGNER_ALIAS}.
     */
    public static X509Certificate issueSigner(CertificateAuthority ca, String commonName, Duration validity,
            Instant now, char[] password, Path file) throws IOException {
        KeyPair keys = ca.newSubjectKeys();
        X509Certificate cert = ca.issue(commonName, keys.getPublic(), now, validity,
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(SIGNER_ALIAS, keys.getPrivate(), password, new X509Certificate[] {cert, ca.certificate()});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            Files.write(file, out.toByteArray());
            return cert;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the signing identity " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT/tsa}. */
    public URI tsaUrl() {
        return URI.create(base + "/tsa");
    }

    public Path tsaCaFile() {
        return tsaCaFile;
    }

    public Path qaCaFile() {
        return qaCaFile;
    }

    /** The lab's QA signing identity, protected by the lab's keystore password. */
    public Path signerFile() {
        return signerFile;
    }

    public X509Certificate signerCertificate() {
        return signer;
    }

    public CertificateAuthority qaCa() {
        return qa;
    }

    public TimeStampAuthority tsa() {
        return tsa;
    }

    /** Revokes a certificate of the QA CA from now on. */
    public void revoke(BigInteger serial) {
        qa.revoke(serial, clock.instant());
        LOG.info("QA certificate {} revoked", serial.toString(16));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Instant now = clock.instant();
            if (path.equals("/tsa") && method.equals("POST")) {
                send(exchange, 200, "application/timestamp-reply", tsa.respond(body(exchange), now));
                return;
            }
            for (CertificateAuthority ca : new CertificateAuthority[] {qa, tsaRoot}) {
                String prefix = "/" + ca.name() + "/";
                if (!path.startsWith(prefix)) {
                    continue;
                }
                String what = path.substring(prefix.length());
                if (what.equals("crl") && method.equals("GET")) {
                    send(exchange, 200, "application/pkix-crl", ca.crl(now));
                } else if (what.equals("ocsp") && method.equals("POST")) {
                    send(exchange, 200, "application/ocsp-response", ca.ocsp(body(exchange), now));
                } else if (what.equals("revoke") && method.equals("POST")) {
                    revoke(ca, exchange, now);
                } else {
                    send(exchange, 404, "text/plain", "no such resource\n".getBytes(StandardCharsets.US_ASCII));
                }
                return;
            }
            send(exchange, 404, "text/plain", "no such resource\n".getBytes(StandardCharsets.US_ASCII));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Trust services: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            send(exchange, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void revoke(CertificateAuthority ca, HttpExchange exchange, Instant now) throws IOException {
        String text = new String(body(exchange), StandardCharsets.US_ASCII).strip();
        BigInteger serial;
        try {
            serial = new BigInteger(text, 16);
        } catch (NumberFormatException e) {
            send(exchange, 400, "text/plain", ("not a serial number in hex: " + text + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ca.revoke(serial, now);
        LOG.info("{}: certificate {} revoked", ca.name(), text);
        send(exchange, 204, null, new byte[0]);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(MAX_REQUEST);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "lab-trust-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
