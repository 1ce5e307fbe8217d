package org.testbench.lab.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Mosquitto started on loopback for tests and benchmarks, configured the way a utility's
 * broker is: one TLS listener on a free high port (certificates from {@link BrokerCertificates}),
 * {@code allow_anonymous false}, a {@code password_file} made with {@code mosquitto_passwd -b}, and
 * an {@code acl_file} that lets the one user read and write {@code telemetry/#} only.
 */
public final class MosquittoBroker implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final BrokerCertificates certificates;
    private final Path directory;
    private final String user;

    private MosquittoBroker(Process process, int port, BrokerCertificates certificates, Path directory, String user) {
        this.process = process;
        this.port = port;
        this.certificates = certificates;
        this.directory = directory;
        this.user = user;
    }

    /** True when Mosquitto and mosquitto_passwd are installed (scripts/install-deps.sh). */
    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE) && Files.isExecutable(PASSWD);
    }

    /**
     * Starts Mosquitto with its files in {@code directory}; returns once it accepts connections.
     *
     * @param password the user's password; written only into the hashed password file
     */
    public static MosquittoBroker start(Path directory, String user, char[] password) throws IOException {
        return start(directory, user, password, null);
    }

    /**
     * Like {@link #start(Path, String, char[])}, and every client must also present a certificate from the
     * broker's CA ({@code require_certificate true}); {@link #clientIdentity()} is one, protected by
     * {@code clientPassword}.
     */
    public static MosquittoBroker startRequiringClientCertificates(Path directory, String user, char[] password,
            char[] clientPassword) throws IOException {
        return start(directory, user, password, java.util.Objects.requireNonNull(clientPassword, "clientPassword"));
    }

    private static MosquittoBroker start(Path directory, String user, char[] password, char[] clientPassword)
            throws IOException {
        Files.createDirectories(directory);
        BrokerCertificates certificates = clientPassword == null
                ? BrokerCertificates.create(directory.resolve("tls"))
                : BrokerCertificates.createWithClient(directory.resolve("tls"), clientPassword);
        Path passwordFile = directory.resolve("passwd");
        Files.deleteIfExists(passwordFile);
        run(List.of(PASSWD.toString(), "-c", "-b", passwordFile.toString(), user, new String(password)));
        Path aclFile = directory.resolve("acl");
        Files.writeString(aclFile, "user " + user + "\ntopic readwrite telemetry/#\n", StandardCharsets.US_ASCII);
        int port = freePort();
        Path log = directory.resolve("mosquitto.log");
        Path config = directory.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "# Written by the Testbench test: TLS only, no anonymous access, ACL per user.",
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file " + passwordFile,
                "acl_file " + aclFile,
                "persistence false",
                "max_inflight_messages 1000",
                "max_queued_messages 10000",
                "log_dest file " + log,
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                // Running as root, Mosquitto would switch to the user 'mosquitto', who cannot read these files.
                "user " + System.getProperty("user.name"),
                "listener " + port + " 127.0.0.1",
                "cafile " + certificates.caFile(),
                "certfile " + certificates.certificateFile(),
                "keyfile " + certificates.keyFile(),
                "require_certificate " + (clientPassword != null),
                "tls_version tlsv1.2",
                ""), StandardCharsets.US_ASCII);
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("mosquitto.out").toFile()).start();
        MosquittoBroker broker = new MosquittoBroker(process, port, certificates, directory, user);
        try {
            broker.awaitListening(log);
        } catch (IOException e) {
            broker.close();
            throw e;
        }
        LOG.info("Mosquitto on ssl://127.0.0.1:{} (pid {}), files in {}", port, process.pid(), directory);
        return broker;
    }

    private void awaitListening(Path log) throws IOException {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + tail(log)
                        + tail(directory.resolve("mosquitto.out")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s: " + tail(log));
    }

    private static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(" + file + " unreadable)";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                // The command line holds the password: name the program only.
                throw new IOException(command.get(0) + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** {@code ssl://127.0.0.1:PORT}. */
    public String url() {
        return "ssl://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path caFile() {
        return certificates.caFile();
    }

    /** The client certificate (PKCS#12) the broker accepts, when it requires one. */
    public Optional<Path> clientIdentity() {
        return certificates.clientIdentity();
    }

    public String user() {
        return user;
    }

    /** The endpoint for the lab's own clients, with these credentials. */
    public BrokerEndpoint endpoint(char[] password) {
        return BrokerEndpoint.of(url(), Optional.of(caFile()), Optional.of(user), password);
    }

    /** The broker's log so far (connections, refusals), for a test to read. */
    public String log() {
        return tail(directory.resolve("mosquitto.log"));
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the broker at once, as a crash would: every client loses its connection. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
