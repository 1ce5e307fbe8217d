package org.testbench.drivers.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A man in the middle on loopback, in front of a real (virtual) meter or bench: what the bench sends passes
 * unchanged, each frame the peer answers goes through a {@link Meddling} first. Frames are cut the way the link
 * defines them (the wrapper's length field, HDLC's format field, an SCPI reply's end of line); bytes outside
 * frames (the optical sign-on) pass unchanged. Accepts any number of connections, one upstream connection each.
 */
public final class MeddlingProxy implements AutoCloseable {

    /** What happens to the meter's {@code index}-th frame (counted over all connections, from 0). */
    @FunctionalInterface
    public interface Meddling {
        /** The bytes to send instead, or {@code null} to close the connection there. May sleep (a stall). */
        byte[] meddle(int index, byte[] frame) throws Exception;
    }

    /** How the peer's frames are delimited. */
    public enum Framing { WRAPPER, HDLC, LINE }

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Framing framing;
    private final Meddling meddling;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private int frames;

    public MeddlingProxy(String upstream, Framing framing, Meddling meddling) throws IOException {
        String hostPort = upstream.startsWith("tcp:") ? upstream.substring(4) : upstream;
        int colon = hostPort.lastIndexOf(':');
        this.upstreamHost = hostPort.substring(0, colon);
        this.upstreamPort = Integer.parseInt(hostPort.substring(colon + 1));
        this.framing = framing;
        this.meddling = meddling;
        this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "meddling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "tcp:127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket meter = new Socket(upstreamHost, upstreamPort);
                sockets.add(client);
                sockets.add(meter);
                daemon(() -> pump(client.getInputStream(), meter.getOutputStream()), "proxy-to-meter");
                daemon(() -> meddleReplies(meter.getInputStream(), client), "proxy-to-bench");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void daemon(IoTask task, String name) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (Exception ignored) {
                // a closed socket ends the pump
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private interface IoTask {
        void run() throws Exception;
    }

    private static void pump(InputStream in, OutputStream out) throws IOException {
        byte[] b = new byte[4096];
        int n;
        while ((n = in.read(b)) >= 0) {
            out.write(b, 0, n);
            out.flush();
        }
        out.close();
    }

    private void meddleReplies(InputStream in, Socket client) throws Exception {
        OutputStream out = client.getOutputStream();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        int n;
        while ((n = in.read(b)) >= 0) {
            held.write(b, 0, n);
            byte[] all = held.toByteArray();
            int at = 0;
            while (true) {
                int[] frame = nextFrame(all, at);
                if (frame == null) {
                    break;
                }
                out.write(all, at, frame[0] - at); // bytes before the frame (sign-on, fill)
                byte[] original = Arrays.copyOfRange(all, frame[0], frame[1]);
                byte[] replaced = meddling.meddle(nextIndex(), original);
                if (replaced == null) {
                    client.close();
                    return;
                }
                out.write(replaced);
                out.flush();
                at = frame[1];
            }
            held.reset();
            if (framing == Framing.HDLC && at < all.length && indexOf(all, at, (byte) 0x7E) < 0) {
                out.write(all, at, all.length - at); // no frame started: the sign-on's text
                out.flush();
            } else {
                held.write(all, at, all.length - at);
            }
        }
        client.close();
    }

    private synchronized int nextIndex() {
        return frames++;
    }

    /** Start and end of the next complete frame from {@code at}, or null when none is complete yet. */
    private int[] nextFrame(byte[] b, int at) {
        if (framing == Framing.LINE) {
            int end = indexOf(b, at, (byte) '\n');
            return end < 0 ? null : new int[] {at, end + 1};
        }
        if (framing == Framing.WRAPPER) {
            if (b.length - at < 8) {
                return null;
            }
            int length = ((b[at + 6] & 0xFF) << 8) | (b[at + 7] & 0xFF);
            return b.length - at >= 8 + length ? new int[] {at, at + 8 + length} : null;
        }
        int start = indexOf(b, at, (byte) 0x7E);
        if (start < 0 || b.length - start < 3) {
            return null;
        }
        int length = ((b[start + 1] & 0x07) << 8) | (b[start + 2] & 0xFF);
        return b.length - start >= length + 2 ? new int[] {start, start + length + 2} : null;
    }

    private static int indexOf(byte[] b, int from, byte value) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
        List<Socket> open = new ArrayList<>(sockets);
        for (Socket s : open) {
            try {
                s.close();
            } catch (SocketException ignored) {
                // already closed
            }
        }
    }
}
