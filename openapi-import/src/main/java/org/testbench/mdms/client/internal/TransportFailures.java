package org.testbench.mdms.client.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.testbench.mdms.client.MdmsOutcome;

/**
 * Turns what OkHttp throws into an outcome and a sentence. A call that ran out of time is a TIMEOUT;
 * one that never got a usable connection (refused, unknown host, TLS refused) is TRANSPORT.
 */
public final class TransportFailures {

    public record Failure(MdmsOutcome outcome, String message) {
    }

    private TransportFailures() {
    }

    /**
     * @param where    {@code getMeter at https://host:port}
     * @param received bytes of the body received before the failure, -1 when no answer had started
     */
    public static Failure classify(Exception e, String where, Duration callTimeout, long received) {
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
