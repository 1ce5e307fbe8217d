package org.testbench.sequences.report;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks an RFC 3161 time-stamping authority over HTTP for a token over some bytes (SHA-256), and accepts only a
 * granted answer that stamps exactly that digest with the nonce sent, signed by a certificate with the
 * timeStamping purpose that the token carries. Whether that authority is trusted is decided when verifying.
 */
public final class TimeStampClient {

    /** Patience for one answer: a TSA is a small HTTP service; longer means something is wrong. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public TimeStampClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @throws ReportException when the text is not an http(s) URL */
    public static TimeStampClient of(String url) throws ReportException {
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ReportException("--tsa " + url + ": not a URL");
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new ReportException("--tsa " + url + ": not an http or https URL");
        }
        return new TimeStampClient(u, DEFAULT_TIMEOUT);
    }

    public URI url() {
        return url;
    }

    /** A time-stamp token over the SHA-256 digest of the data. */
    public TimeStampToken stamp(byte[] data) throws ReportException {
        byte[] digest = Crypto.sha256(data);
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        BigInteger nonce = new BigInteger(64, RANDOM);
        TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, digest, nonce);
        byte[] answer = post(request);
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new ReportException("TSA " + url + ": the answer is not an RFC 3161 time-stamp response");
        }
        try {
            response.validate(request);
        } catch (TSPValidationException e) {
            throw new ReportException("TSA " + url + ": " + refusal(response, e));
        } catch (TSPException e) {
            throw new ReportException("TSA " + url + ": the answer cannot be checked (" + e.getMessage() + ")");
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new ReportException("TSA " + url + ": " + refusal(response, null));
        }
        if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), digest)) {
            throw new ReportException("TSA " + url + ": the time stamp is for another digest than the one sent");
        }
        checkSignature(token);
        return token;
    }

    private String refusal(TimeStampResponse response, Exception e) {
        if (response.getStatus() > 1) {
            String text = response.getStatusString();
            return "refused to stamp (status " + response.getStatus() + (text == null ? "" : ": " + text) + ")";
        }
        String m = e == null ? "no token in a granted answer" : e.getMessage();
        if (m != null && m.contains("imprint")) {
            return "the time stamp is for another digest than the one sent";
        }
        return "the answer does not match the request (" + m + ")";
    }

    private void checkSignature(TimeStampToken token) throws ReportException {
        var matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw new ReportException("TSA " + url + ": the token does not carry the authority's certificate");
        }
        X509CertificateHolder cert = (X509CertificateHolder) matches.iterator().next();
        try {
            // Checks the signature, the certificate's validity at the stamped time and its timeStamping purpose.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(cert));
        } catch (TSPException | OperatorCreationException | java.security.cert.CertificateException e) {
            throw new ReportException("TSA " + url + ": the time stamp does not verify (" + e.getMessage() + ")");
        }
    }

    private byte[] post(TimeStampRequest request) throws ReportException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ReportException("TSA " + url + ": no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new ReportException("TSA " + url + ": unreachable (connection refused)");
        } catch (IOException e) {
            throw new ReportException("TSA " + url + ": unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("TSA " + url + ": interrupted while waiting for the answer");
        }
        if (response.statusCode() != 200) {
            throw new ReportException("TSA " + url + ": HTTP " + response.statusCode() + " instead of a time stamp");
        }
        return response.body();
    }

    @Override
    public String toString() {
        return "TimeStampClient[" + url + "]";
    }
}
