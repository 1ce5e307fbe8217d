package org.testbench.lab.port;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two connected pseudo-terminals made by socat: the client opens one link as if it were a serial
 * port (an optical head, a bench's RS-232 line), the simulator serves the other.
 */
public final class PseudoTerminalPair implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PseudoTerminalPair.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final String SOCAT = "socat";

    private final Process process;
    private final Path clientLink;
    private final Path simulatorLink;
    private volatile boolean closing;

    private PseudoTerminalPair(Process process, Path clientLink, Path simulatorLink) {
        this.process = process;
        this.clientLink = clientLink;
        this.simulatorLink = simulatorLink;
    }

    /** The socat executable on the PATH, if there is one. */
    public static Optional<Path> findSocat() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, SOCAT);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts socat and waits until both links exist.
     *
     * @param log where socat's diagnostics go (it names the pty devices there)
     */
    public static PseudoTerminalPair start(Path socat, Path clientLink, Path simulatorLink, Path log) throws IOException {
        for (Path link : List.of(clientLink, simulatorLink)) {
            requireUsableInSocatAddress(link);
            removeStaleLink(link);
        }
        Process process = new ProcessBuilder(socat.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + clientLink, "pty,raw,echo=0,link=" + simulatorLink)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PseudoTerminalPair pair = new PseudoTerminalPair(process, clientLink, simulatorLink);
        try {
            pair.awaitLinks(log);
        } catch (IOException e) {
            pair.close();
            throw e;
        }
        process.onExit().thenRun(pair::reportUnexpectedExit);
        return pair;
    }

    /** socat separates address options with ',' and addresses with '!!' or ':'; such paths cannot be passed. */
    private static void requireUsableInSocatAddress(Path link) throws IOException {
        String text = link.toString();
        if (text.contains(",") || text.contains(":") || text.contains("!")) {
            throw new IOException("cannot create a pty link at " + link + ": socat addresses cannot contain ',', ':' or '!'");
        }
    }

    /** A link left behind by a killed lab would make socat fail; a regular file is not ours to delete. */
    private static void removeStaleLink(Path link) throws IOException {
        if (Files.isSymbolicLink(link)) {
            Files.delete(link);
        } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot create a pty link at " + link + ": a file with that name exists");
        }
    }

    private void awaitLinks(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(Files.exists(clientLink) && Files.exists(simulatorLink))) {
            if (!process.isAlive()) {
                throw new IOException("socat exited with code " + process.exitValue() + " before creating "
                        + clientLink + ": " + readQuietly(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("socat did not create " + clientLink + " and " + simulatorLink + " within "
                        + START_TIMEOUT.toSeconds() + " s: " + readQuietly(log));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for socat");
            }
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no socat output: " + e.getMessage() + ")";
        }
    }

    private void reportUnexpectedExit() {
        if (!closing) {
            LOG.warn("socat serving {} exited unexpectedly with code {}: the pty no longer works",
                    clientLink, process.exitValue());
        }
    }

    public Path clientLink() {
        return clientLink;
    }

    public Path simulatorLink() {
        return simulatorLink;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops socat, which also removes both links. */
    @Override
    public void close() {
        closing = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("socat serving {} ignored SIGTERM; killing it", clientLink);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
