package org.testbench.mdms.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint that reads a request and never answers: an MDMS hung on a meter. Tells the test
 * when the request has arrived, so that what the test does next does not depend on timing.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closedByClient = new CountDownLatch(1);

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "silent-server");
        thread.setDaemon(true);
        thread.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    private void serve() {
        try (Socket s = socket.accept()) {
            InputStream in = s.getInputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); b != -1; b = in.read()) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == end.length) {
                    requested.countDown();
                    break;
                }
            }
            while (in.read() != -1) {
                // wait until the client gives up
            }
            closedByClient.countDown();
        } catch (IOException e) {
            closedByClient.countDown();
        }
    }

    public boolean awaitRequest(long seconds) throws InterruptedException {
        return requested.await(seconds, TimeUnit.SECONDS);
    }

    /** Whether the client closed the connection (a cancelled call does). */
    public boolean awaitClientClose(long seconds) throws InterruptedException {
        return closedByClient.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
