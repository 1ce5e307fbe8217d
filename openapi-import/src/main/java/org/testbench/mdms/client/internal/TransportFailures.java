package org.testbench.mdms.client.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.MdmsOutcome;

/**
 * Turns what OkHttp throws into an outcome and a sentence. A call that ran out of time is a TIMEOUT;
 * one that never got a usable connection (refused, unknown host, TLS refused) is TRANSPORT, unless the MDMS refused
 * the bench's client certificate (or its absence) in the handshake: that is CREDENTIALS_REFUSED, the bench's fault.
 */
public final class TransportFailures {

    public record Failure(MdmsOutcome outcome, String message) {
    }

    private static final String RECEIVED_ALERT = "Received fatal alert:";
    /** The alerts a server sends about the client's certificate (RFC 8446 §6.2), with what each means. */
    private static final Map<String, String> CLIENT_CERTIFICATE_ALERTS = Map.of(
            "certificate_required", "none was presented",
            "bad_certificate", "the MDMS found it corrupt or its signature invalid",
            "unsupported_certificate", "its type, key usage or purpose does not fit a TLS client",
            "certificate_revoked", "it has been revoked",
            "certificate_expired", "it has expired or is not valid yet",
            "certificate_unknown", "the MDMS could not accept it",
            "unknown_ca", "the MDMS does not trust the CA that issued it",
            "access_denied", "it is valid, but this client may not use the MDMS");

    private TransportFailures() {
    }

    /**
     * @param where    {@code getMeter at https://host:port}
     * @param received bytes of the body received before the failure, -1 when no answer had started
     */
    public static Failure classify(Exception e, String where, Duration callTimeout, long received) {
        return classify(e, where, callTimeout, received, Optional.empty());
    }

    /**
     * As {@link #classify(Exception, String, Duration, long)}, knowing the client certificate the bench presents
     * (mutual TLS): an MDMS that refuses it, or its absence, in the handshake refused the bench's credentials.
     */
    public static Failure classify(Exception e, String where, Duration callTimeout, long received,
            Optional<BenchIdentity> clientIdentity) {
        Optional<String> refusal = clientCertificateAlert(e).map(alert -> where + ": " + refused(alert, clientIdentity));
        if (refusal.isPresent()) {
            return new Failure(MdmsOutcome.CREDENTIALS_REFUSED, refusal.get());
        }
        String detail = String.valueOf(e.getMessage());
        String during = received < 0 ? "" : " while reading the body (" + received + " bytes received)";
        if (e instanceof SSLHandshakeException || (e instanceof SSLException && !(e instanceof SSLPeerUnverifiedException)
                && detail.toLowerCase(Locale.ROOT).contains("handshake"))) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": TLS handshake failed: " + detail + certificateDate(e));
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": the server's certificate does not match the host: " + detail);
        }
        if (e instanceof SSLException) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": TLS failed" + during + ": " + detail);
        }
        if (e instanceof UnknownHostException) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": unknown host (" + detail + ")");
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": cannot connect: " + detail);
        }
        if (e instanceof SocketTimeoutException && detail.toLowerCase(Locale.ROOT).contains("connect")) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": no connection within the connect timeout");
        }
        if (e instanceof InterruptedIOException) {
            // OkHttp's call timeout and its read timeout both end here; "timeout" alone is the call timeout.
            String which = e instanceof SocketTimeoutException ? "the read timeout (no data for too long)"
                    : "the call timeout of " + callTimeout.toMillis() + " ms";
            return new Failure(MdmsOutcome.TIMEOUT, where + ": no complete answer within " + which + during);
        }
        if (e instanceof SocketException && detail.toLowerCase(Locale.ROOT).contains("reset")) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": the connection was reset" + during);
        }
        if (detail.contains("unexpected end of stream") || detail.contains("closed")) {
            return new Failure(MdmsOutcome.TRANSPORT, where + ": the connection was closed" + during + " (" + detail + ")");
        }
        return new Failure(MdmsOutcome.TRANSPORT, where + ": " + e.getClass().getSimpleName() + during + ": " + detail);
    }

    /** The alert a server sends about the client's certificate, as the JDK reports it received. */
    private static Optional<String> clientCertificateAlert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof SSLException && message != null && message.startsWith(RECEIVED_ALERT)) {
                String alert = message.substring(RECEIVED_ALERT.length()).strip();
                if (CLIENT_CERTIFICATE_ALERTS.containsKey(alert)) {
                    return Optional.of(alert);
                }
            }
        }
        return Optional.empty();
    }

    private static String refused(String alert, Optional<BenchIdentity> identity) {
        if (identity.isEmpty()) {
            return "the MDMS demands a TLS client certificate (mutual TLS) and the bench has none (TLS alert " + alert
                    + "): give the bench its identity (mdms identity in bench.yaml, run --identity)";
        }
        X509Certificate c = identity.get().certificate();
        String who = c.getSubjectX500Principal().getName() + ", issued by " + c.getIssuerX500Principal().getName();
        if (alert.equals("certificate_required")) {
            // A JDK client sends no certificate whose issuer is not among the CAs the server names.
            return "the MDMS demands a TLS client certificate from a CA it trusts, and the bench's identity (" + who
                    + ") is not from one of them (TLS alert " + alert + ")";
        }
        return "the MDMS refused the bench's TLS client certificate (" + who + "): "
                + CLIENT_CERTIFICATE_ALERTS.get(alert) + " (TLS alert " + alert + ")";
    }

    /** The JDK says only "validity check failed": name the date that failed it. */
    private static String certificateDate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateExpiredException) {
                return " (the server's certificate has expired: " + t.getMessage() + ")";
            }
            if (t instanceof java.security.cert.CertificateNotYetValidException) {
                return " (the server's certificate is not valid yet: " + t.getMessage() + ")";
            }
        }
        return "";
    }
}
