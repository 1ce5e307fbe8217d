package org.testbench.sequences.results;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL as the store uses it: checked once for its form, shown in messages and logs only with its
 * password removed, and understood as far as H2 embedded file databases go (their file and settings).
 */
record JdbcUrl(String value) {

    private static final Pattern FORM = Pattern.compile("jdbc:([a-zA-Z0-9]+):.+", Pattern.DOTALL);
    /** password=…, PASSWORD=…, sslpassword=… up to the next parameter separator. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)((?:ssl)?password=)[^;&]*");
    /** H2 URLs whose database is not an embedded file. */
    private static final Pattern H2_NOT_A_FILE = Pattern.compile("(?i)(mem|tcp|ssl|zip):.*");

    static JdbcUrl parse(String text) throws ResultStoreException {
        if (text == null || text.isBlank()) {
            throw new ResultStoreException(ResultStoreException.Reason.BAD_URL,
                    "no JDBC URL given for the results database");
        }
        String url = text.strip();
        if (!FORM.matcher(url).matches()) {
            throw new ResultStoreException(ResultStoreException.Reason.BAD_URL, "'" + new JdbcUrl(url).redacted()
                    + "' is not a JDBC URL: expected jdbc:<driver>:<database>, e.g. "
                    + "jdbc:h2:file:/var/lib/testbench/results or jdbc:postgresql://db-host:5432/testbench");
        }
        return new JdbcUrl(url);
    }

    /** The URL with any password in it replaced by ***, for messages and logs. */
    String redacted() {
        return PASSWORD.matcher(value).replaceAll("$1***");
    }

    /** The driver part: "h2", "postgresql". */
    String subprotocol() {
        Matcher m = FORM.matcher(value);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    boolean isH2() {
        return subprotocol().equals("h2");
    }

    /**
     * For an embedded H2 file database, its base path: H2 adds ".mv.db" for the data and ".lock.db" for the
     * lock file. Empty for any other URL.
     */
    Optional<Path> h2File() {
        if (!isH2()) {
            return Optional.empty();
        }
        String database = h2Database();
        if (H2_NOT_A_FILE.matcher(database).matches()) {
            return Optional.empty();
        }
        String path = database.regionMatches(true, 0, "file:", 0, 5) ? database.substring(5) : database;
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /** The value of an H2 setting given in the URL (";NAME=value"), matched without regard to case. */
    Optional<String> h2Setting(String name) {
        if (!isH2()) {
            return Optional.empty();
        }
        String[] parts = value.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).strip().equalsIgnoreCase(name)) {
                return Optional.of(parts[i].substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    JdbcUrl withH2Setting(String name, String settingValue) {
        return new JdbcUrl(value + ";" + name + "=" + settingValue);
    }

    private String h2Database() {
        String rest = value.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        return semicolon < 0 ? rest : rest.substring(0, semicolon);
    }

    @Override
    public String toString() {
        return redacted();
    }
}
