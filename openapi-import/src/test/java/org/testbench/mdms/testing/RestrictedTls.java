package org.testbench.mdms.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An SSL socket factory for MockWebServer that limits the server to some protocols and suites, to
 * play an MDMS with a weak or unusual TLS configuration.
 */
public final class RestrictedTls extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final String[] protocols;
    private final String[] suites;

    public RestrictedTls(SSLSocketFactory delegate, String[] protocols, String[] suites) {
        this.delegate = delegate;
        this.protocols = protocols;
        this.suites = suites;
    }

    private Socket restrict(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        ssl.setEnabledProtocols(protocols);
        ssl.setEnabledCipherSuites(suites);
        return ssl;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return suites;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return restrict(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return restrict(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return restrict(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return restrict(delegate.createSocket(address, port, localAddress, localPort));
    }
}
