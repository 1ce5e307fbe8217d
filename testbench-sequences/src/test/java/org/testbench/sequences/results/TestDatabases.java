package org.testbench.sequences.results;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testbench.testsupport.postgres.PostgresExtension;

/**
 * Makes the fresh databases of the store's contract tests; the PostgreSQL server starts only when a test
 * first asks for a PostgreSQL database. Register with {@code @ExtendWith(TestDatabases.class)} and take a
 * {@code TestDatabases} parameter.
 */
final class TestDatabases implements ParameterResolver {

    private final ExtensionContext context;

    /** For JUnit. */
    TestDatabases() {
        this(null);
    }

    private TestDatabases(ExtensionContext context) {
        this.context = context;
    }

    /** A new empty database; an H2 file goes into the directory. */
    TestDatabase fresh(Backend backend, Path directory) {
        return switch (backend) {
            case H2 -> TestDatabase.h2(directory);
            case POSTGRESQL -> TestDatabase.postgresql(PostgresExtension.server(context),
                    context.getRequiredTestClass().getSimpleName());
        };
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extensionContext) {
        return parameter.getParameter().getType() == TestDatabases.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extensionContext) {
        return new TestDatabases(extensionContext);
    }
}
