package org.testbench.sequences.results;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.testbench.testsupport.postgres.PostgresServer;

/**
 * A fresh, empty results database for one test: an H2 file in the test's directory, or a new database on
 * the run's PostgreSQL server. Its URL carries the credentials, so that a child process opens it as a user
 * types it.
 *
 * @param server the PostgreSQL server, empty for H2
 * @param name the PostgreSQL database name, empty for H2
 */
record TestDatabase(Backend backend, String url, Optional<PostgresServer> server, Optional<String> name) {

    static TestDatabase h2(Path directory) {
        return new TestDatabase(Backend.H2, Fixtures.h2Url(directory), Optional.empty(), Optional.empty());
    }

    static TestDatabase postgresql(PostgresServer server, String prefix) {
        String url = server.createDatabase(prefix);
        String name = url.substring(url.lastIndexOf('/') + 1);
        return new TestDatabase(Backend.POSTGRESQL, url + "?user=" + PostgresServer.USER + "&password="
                + server.password(), Optional.of(server), Optional.of(name));
    }

    ResultStore open() throws ResultStoreException {
        return ResultStore.open(url, ResultStore.DEFAULT_USER, new char[0]);
    }

    /** A plain JDBC connection, for what the store does not show (tables, migrations). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, ResultStore.DEFAULT_USER, "");
    }

    /** A table's name as this database's catalogue spells it (H2 upper case, PostgreSQL lower case). */
    String catalogueName(String table) {
        return backend == Backend.H2 ? table.toUpperCase(Locale.ROOT) : table.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return backend + " " + name.orElse(url);
    }
}
