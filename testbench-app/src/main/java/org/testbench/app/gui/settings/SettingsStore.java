package org.testbench.app.gui.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The settings file, {@code ~/.config/testbench/gui.properties} (or under {@code $XDG_CONFIG_HOME}):
 * plain key = value lines a person can read. It never holds a secret.
 */
public final class SettingsStore {

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public static SettingsStore defaultLocation() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new SettingsStore(base.resolve("testbench").resolve("gui.properties"));
    }

    public Path file() {
        return file;
    }

    /** The saved settings; defaults when there is no file yet. */
    public GuiSettings load() throws IOException {
        if (!Files.exists(file)) {
            return GuiSettings.defaults();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String meters = p.getProperty("lab.meters", String.valueOf(GuiSettings.DEFAULT_LAB_METERS)).strip();
        int labMeters;
        try {
            labMeters = Integer.parseInt(meters);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": lab.meters '" + meters + "' is not a number");
        }
        try {
            return new GuiSettings(p.getProperty("bench.yaml"), p.getProperty("mdms.url"), p.getProperty("tls.identity"),
                    p.getProperty("tls.ca"), p.getProperty("meter.keystore"), p.getProperty("signing.identity"),
                    p.getProperty("report.ca"), p.getProperty("database"), labMeters, p.getProperty("mdms.auth.scheme"),
                    p.getProperty("mdms.auth.client_id"), p.getProperty("mdms.auth.user"), p.getProperty("lab.dialect"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** Written whole or not at all. */
    public void save(GuiSettings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("bench.yaml", s.benchYaml());
        p.setProperty("mdms.url", s.mdmsUrl());
        p.setProperty("tls.identity", s.tlsIdentity());
        p.setProperty("tls.ca", s.trustedCa());
        p.setProperty("meter.keystore", s.meterKeystore());
        p.setProperty("signing.identity", s.signingIdentity());
        p.setProperty("report.ca", s.reportCa());
        p.setProperty("database", s.database());
        p.setProperty("lab.meters", String.valueOf(s.labMeters()));
        p.setProperty("mdms.auth.scheme", s.mdmsAuthScheme());
        p.setProperty("mdms.auth.client_id", s.mdmsClientId());
        p.setProperty("mdms.auth.user", s.mdmsUser());
        p.setProperty("lab.dialect", s.labDialect());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".gui", ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "Testbench desktop app settings: paths and addresses only, no secrets");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
