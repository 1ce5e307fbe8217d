package org.testbench.sequences.results;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to the version this build knows, with Flyway, from {@code db/migration/V<n>__*.sql} on
 * the class path. Applied migrations are never edited: a change is a new file. A database migrated by a newer
 * Testbench opens with the tables this one knows (Flyway ignores future migrations by default).
 */
final class SchemaMigrations {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    /** @return the schema version after migrating */
    static String migrate(DataSource dataSource, JdbcUrl url) throws ResultStoreException {
        try {
            Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .load();
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info("results database {}: schema migrated from {} to {} ({} migrations)", url,
                        result.initialSchemaVersion == null ? "empty" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
            // Flyway names the version it migrated to, or, when there was nothing to do, the one it found.
            return result.migrationsExecuted > 0 ? result.targetSchemaVersion : result.initialSchemaVersion;
        } catch (FlywayException e) {
            throw new ResultStoreException(ResultStoreException.Reason.MIGRATION_FAILED,
                    "cannot bring the schema of the results database at " + url + " up to date: " + e.getMessage(), e);
        }
    }
}
