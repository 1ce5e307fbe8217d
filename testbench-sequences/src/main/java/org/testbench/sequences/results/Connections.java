package org.testbench.sequences.results;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import java.util.stream.Collectors;
import org.h2.api.ErrorCode;

/**
 * Opens connections to the results database and turns a refusal into a message that says what went wrong
 * and where.
 *
 * <p>Writes go through a small HikariCP pool rather than a connection per call: with PostgreSQL a new
 * connection costs a TCP (often TLS) handshake and an authentication, several milliseconds per recorded
 * measurement; with H2 embedded it costs little, but a pool changes nothing there. Eight connections serve a
 * bench of 48 positions, since a write holds its connection for about a millisecond; more would only queue
 * on H2, whose commits are written one after the other.
 */
final class Connections {

    static final int POOL_SIZE = 8;

    private Connections() {
    }

    /** A connection of its own, outside the pool: the store's first, which also proves the URL works. */
    static Connection open(JdbcUrl url, String user, char[] password) throws ResultStoreException {
        Driver driver;
        try {
            driver = DriverManager.getDriver(url.value());
        } catch (SQLException e) {
            throw new ResultStoreException(ResultStoreException.Reason.NO_DRIVER, "no JDBC driver accepts the URL "
                    + url + " (drivers on the class path: " + driverNames() + ")", e);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : new String(password));
        try {
            Connection connection = driver.connect(url.value(), credentials);
            if (connection == null) {
                throw new ResultStoreException(ResultStoreException.Reason.NO_DRIVER,
                        driver.getClass().getName() + " declined the URL " + url);
            }
            return connection;
        } catch (SQLException e) {
            throw refusal(url, user, e);
        }
    }

    static HikariDataSource pool(JdbcUrl url, String user, char[] password) throws ResultStoreException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("testbench-results");
        config.setJdbcUrl(url.value());
        config.setUsername(user);
        config.setPassword(password == null ? "" : new String(password));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // The first connection just worked, so this is rare: the server went away in between.
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
            throw new ResultStoreException(ResultStoreException.Reason.UNREACHABLE,
                    "cannot open a connection pool to the results database at " + url + ": " + cause.getMessage(), e);
        }
    }

    /** What the driver's refusal means for the user, keyed by SQLState class and H2's error codes. */
    static ResultStoreException refusal(JdbcUrl url, String user, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = e.getMessage();
        if (url.isH2()) {
            switch (e.getErrorCode()) {
                case ErrorCode.DATABASE_ALREADY_OPEN_1:
                    return new ResultStoreException(ResultStoreException.Reason.IN_USE, "the results database "
                            + url.h2File().map(f -> f + ".mv.db").orElse(url.value())
                            + " is open in another process: close the other Testbench, or add ;AUTO_SERVER=TRUE to"
                            + " the URL of both so that they share it", e);
                case ErrorCode.URL_FORMAT_ERROR_2:
                    return new ResultStoreException(ResultStoreException.Reason.BAD_URL,
                            "'" + url + "' is not a valid H2 URL: " + detail, e);
                case ErrorCode.FILE_CREATION_FAILED_1:
                case ErrorCode.DATABASE_IS_READ_ONLY:
                    return new ResultStoreException(ResultStoreException.Reason.NOT_WRITABLE,
                            "cannot write the results database at " + url + ": " + detail, e);
                default:
                    break;
            }
        }
        if (state.startsWith("08")) {
            return new ResultStoreException(ResultStoreException.Reason.UNREACHABLE,
                    "cannot reach the results database at " + url + ": " + detail, e);
        }
        if (state.startsWith("28")) {
            return new ResultStoreException(ResultStoreException.Reason.ACCESS_DENIED, "the results database at "
                    + url + " refused user '" + user + "': " + detail, e);
        }
        if (state.equals("3D000")) {
            return new ResultStoreException(ResultStoreException.Reason.BAD_URL,
                    "the results database named in " + url + " does not exist: " + detail, e);
        }
        return new ResultStoreException(ResultStoreException.Reason.OPEN_FAILED,
                "cannot open the results database at " + url + ": " + detail, e);
    }

    private static String driverNames() {
        String names = Collections.list(DriverManager.getDrivers()).stream()
                .map(d -> d.getClass().getName())
                .sorted()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }
}
