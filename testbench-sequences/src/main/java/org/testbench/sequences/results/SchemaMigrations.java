package org.testbench.sequences.results;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to the version this build knows, with Flyway, from {@code db/migration/V<n>__*.sql} on
 * the class path. Applied migrations are never edited: a change is a new file.
 *
 * <p>A database migrated by a newer Testbench is refused, naming both versions: this one would record runs
 * without the columns the newer one added, which it may require (a lab upgrades the benches that share a
 * database together).
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
            refuseNewerSchema(flyway.info(), url);
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

    private static void refuseNewerSchema(MigrationInfoService info, JdbcUrl url) throws ResultStoreException {
        MigrationInfo current = info.current();
        if (current == null || current.getState() != MigrationState.FUTURE_SUCCESS) {
            return;
        }
        String known = Arrays.stream(info.all())
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getVersion() != null)
                .map(m -> m.getVersion().getVersion())
                .reduce((first, second) -> second)
                .orElse("none");
        throw new ResultStoreException(ResultStoreException.Reason.SCHEMA_TOO_NEW, "the results database at " + url
                + " has schema version " + current.getVersion().getVersion() + ", newer than the " + known
                + " this Testbench knows: update Testbench on this bench to the version the other benches use");
    }
}
