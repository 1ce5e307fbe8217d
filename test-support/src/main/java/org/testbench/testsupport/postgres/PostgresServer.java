package org.testbench.testsupport.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of Debian's package, in a cluster of its own in a temporary directory: on a free
 * port of 127.0.0.1, with its socket in that directory, a superuser {@value #USER} with a random password
 * (scram-sha-256 over TCP). {@link #close()} stops it and deletes the cluster.
 *
 * <p>PostgreSQL refuses to run as root, and tests run as root in CI: then the cluster belongs to the
 * {@code postgres} user of the Debian package (or {@code nobody}), and its commands run through
 * {@code runuser}.
 *
 * <p>A server that cannot start throws an {@link IllegalStateException} that says why (no binaries, initdb
 * or pg_ctl failed, with their output and the server log); a test never skips for want of a server.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "testbench";
    /** Where Debian's postgresql-NN packages put the server's programs. */
    static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    static final String BINARIES_VARIABLE = "TESTBENCH_POSTGRES_BIN";

    private static final List<String> UNPRIVILEGED_USERS = List.of("postgres", "nobody");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final Path binaries;
    private final Optional<String> runAs;
    private final int port;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean stopped;

    private PostgresServer(Path directory, Path binaries, Optional<String> runAs, int port, String password) {
        this.directory = directory;
        this.binaries = binaries;
        this.runAs = runAs;
        this.port = port;
        this.password = password;
    }

    /**
     * Creates a cluster in a new temporary directory and starts the server.
     *
     * @param settings server settings ({@code -c name=value}), e.g. fsync=off for tests that never crash the
     *                 server itself
     */
    public static PostgresServer start(Map<String, String> settings) {
        Path binaries = binaries();
        Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
        Path directory;
        try {
            directory = Files.createTempDirectory("testbench-postgres-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory for a PostgreSQL cluster: "
                    + e.getMessage(), e);
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        PostgresServer server = null;
        try {
            if (runAs.isPresent()) {
                chown(directory, runAs.get());
            }
            Path passwordFile = Files.writeString(directory.resolve("password"), password + "\n");
            if (runAs.isPresent()) {
                chown(passwordFile, runAs.get());
            }
            run(runAs, directory, List.of(binaries.resolve("initdb").toString(), "-D", directory.resolve("data")
                    .toString(), "-U", USER, "--pwfile=" + passwordFile, "--auth-local=trust",
                    "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
            Files.delete(passwordFile);
            server = new PostgresServer(directory, binaries, runAs, startOnAFreePort(binaries, runAs, directory,
                    settings), password);
            return server;
        } catch (IOException | RuntimeException e) {
            if (server == null) {
                deleteQuietly(directory);
            }
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("cannot start a PostgreSQL server in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Another process may take the free port between our choosing and the server's binding: try again. */
    private static int startOnAFreePort(Path binaries, Optional<String> runAs, Path directory,
            Map<String, String> settings) throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port), "-k",
                    directory.toString(), "-c", "listen_addresses=127.0.0.1"));
            settings.forEach((name, value) -> options.addAll(List.of("-c", name + "=" + value)));
            try {
                run(runAs, directory, List.of(binaries.resolve("pg_ctl").toString(), "-D",
                        directory.resolve("data").toString(), "-l", directory.resolve("server.log").toString(),
                        "-w", "-t", "60", "-o", String.join(" ", options), "start"));
                return port;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A JDBC URL of a database of this server; the user and password are given apart. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The URL of a new, empty database, named after the prefix. */
    public String createDatabase(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + databases.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return url(name);
    }

    /** Runs one statement as the superuser, in the maintenance database. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** Ends every connection to the database but those of the maintenance database: a lost connection. */
    public void dropConnections(String database) {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
    }

    /**
     * The whole database as pg_dump writes it (schema and data, as SQL): what a reader of the server's
     * files or backups would see.
     */
    public String dump(String database) {
        List<String> command = List.of(binaries.resolve("pg_dump").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", USER, "--no-password", database);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PGPASSWORD", password);
            Process process = builder.start();
            byte[] dump = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return new String(dump, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pg_dump", e);
        }
    }

    /** Stops the server at once and deletes the cluster. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(runAs, directory, List.of(binaries.resolve("pg_ctl").toString(), "-D",
                    directory.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            deleteQuietly(directory);
        }
    }

    private static Path binaries() {
        String configured = System.getenv(BINARIES_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return requireServerPrograms(Path.of(configured));
        }
        // The newest major version installed: /usr/lib/postgresql/15/bin on Debian 12.
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_BINARIES) ? Files.list(DEBIAN_BINARIES) : Stream.empty()) {
            Optional<Path> newest = versions
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())));
            return newest.map(p -> p.resolve("bin")).orElseThrow(() -> new IllegalStateException(
                    "no PostgreSQL server under " + DEBIAN_BINARIES + "/<version>/bin: run scripts/install-deps.sh"
                            + " (Debian package postgresql), or set " + BINARIES_VARIABLE
                            + " to the directory of initdb and pg_ctl"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + DEBIAN_BINARIES + ": " + e.getMessage(), e);
        }
    }

    private static Path requireServerPrograms(Path directory) {
        for (String program : List.of("initdb", "pg_ctl")) {
            if (!Files.isExecutable(directory.resolve(program))) {
                throw new IllegalStateException(BINARIES_VARIABLE + "=" + directory + " has no executable "
                        + program);
            }
        }
        return directory;
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String unprivilegedUser() {
        for (String user : UNPRIVILEGED_USERS) {
            try {
                Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
                return user;
            } catch (IOException e) {
                // not on this machine: try the next
            }
        }
        throw new IllegalStateException("PostgreSQL refuses to run as root, and none of the users "
                + UNPRIVILEGED_USERS + " exists to run it: install the Debian package postgresql"
                + " (scripts/install-deps.sh), which creates the postgres user");
    }

    private static void chown(Path path, String user) throws IOException {
        UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setOwner(path, owner);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a server program, as the unprivileged user when we are root; fails with its output. */
    private static void run(Optional<String> runAs, Path directory, List<String> program) {
        List<String> command = new ArrayList<>();
        runAs.ifPresent(user -> command.addAll(List.of("runuser", "-u", user, "--")));
        command.addAll(program);
        Path output = directory.resolve("command.out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + COMMAND_TIMEOUT_SECONDS + " s" + outputOf(output, directory));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit status "
                        + process.exitValue() + outputOf(output, directory));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String outputOf(Path output, Path directory) {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(output, directory.resolve("server.log"))) {
            try {
                if (Files.exists(file)) {
                    text.append("\n--- ").append(file.getFileName()).append(" ---\n")
                            .append(Files.readString(file, StandardCharsets.UTF_8).strip());
                }
            } catch (IOException e) {
                text.append("\n(").append(file).append(" unreadable: ").append(e.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", " + directory + "]";
    }
}
