package org.testbench.mdms.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * An MDMS endpoint that speaks only TLS 1.0 with a CBC suite: the legacy configuration NIST SP 800-52r2
 * forbids. Built on Bouncy Castle's low-level TLS, because the JDK refuses to offer TLS 1.0 at all.
 * Records how each handshake ended.
 */
public final class Tls10OnlyServer implements AutoCloseable {

    private final ServerSocket socket;
    private final TestPki.Issued identity;
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private final List<Integer> offeredSuites = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public Tls10OnlyServer(TestPki.Issued identity) throws IOException {
        this.identity = identity;
        this.socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "tls10-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** "completed" or the failure, one per connection. */
    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    /** Waits until {@code count} handshakes ended, or the timeout passed. */
    public void awaitHandshakes(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handshakes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** The cipher suites the last client offered in its ClientHello (IANA numbers). */
    public List<Integer> offeredSuites() {
        return List.copyOf(offeredSuites);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                TlsServerProtocol protocol = new TlsServerProtocol(s.getInputStream(), s.getOutputStream());
                try {
                    protocol.accept(new Server());
                    handshakes.add("completed");
                    protocol.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes());
                    protocol.close();
                } catch (IOException e) {
                    handshakes.add("failed: " + e.getMessage());
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private final class Server extends DefaultTlsServer {
        Server() {
            super(new BcTlsCrypto(new SecureRandom()));
        }

        @Override
        public void notifyOfferedCipherSuites(int[] suites) throws IOException {
            offeredSuites.clear();
            for (int suite : suites) {
                offeredSuites.add(suite);
            }
            super.notifyOfferedCipherSuites(suites);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv10.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(identity.key().getEncoded());
            try {
                TlsCertificate cert = crypto.createCertificate(identity.certificate().getEncoded());
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, key,
                        new Certificate(new TlsCertificate[] {cert}), null);
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
