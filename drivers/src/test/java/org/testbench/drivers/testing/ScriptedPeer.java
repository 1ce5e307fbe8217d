package org.testbench.drivers.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP peer that plays a fixed script: the stand-in for devices the virtual lab deliberately does
 * not simulate (a silent head, one that sends noise, one that hangs up).
 */
public final class ScriptedPeer implements AutoCloseable {

    /** What the peer does with the one connection it accepts. */
    @FunctionalInterface
    public interface Script {
        void play(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    public ScriptedPeer(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                script.play(socket);
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, "scripted-peer");
        thread.setDaemon(true);
        thread.start();
    }

    public String address() {
        return "tcp:127.0.0.1:" + server.getLocalPort();
    }

    /** Waits for the script to end and rethrows what went wrong in it. */
    public void awaitScript() throws Exception {
        done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }

    /** Encodes ASCII with even parity in bit 7, as an IEC 62056-21 meter sends it at 300 baud. */
    public static byte[] sevenE1(String ascii) {
        byte[] out = new byte[ascii.length()];
        for (int i = 0; i < out.length; i++) {
            int c = ascii.charAt(i);
            out[i] = (byte) (Integer.bitCount(c) % 2 == 0 ? c : c | 0x80);
        }
        return out;
    }

    /** Reads bytes until LF, stripping parity. */
    public static String readLine(Socket socket) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = socket.getInputStream().read();
            if (c < 0) {
                throw new IOException("client closed after '" + b + "'");
            }
            b.append((char) (c & 0x7F));
            if ((c & 0x7F) == '\n') {
                return b.toString();
            }
        }
    }
}
