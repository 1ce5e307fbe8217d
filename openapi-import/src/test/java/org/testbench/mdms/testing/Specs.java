package org.testbench.mdms.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;

/** The specification files under {@code src/test/resources/specs}. */
public final class Specs {

    private Specs() {
    }

    /** {@code name} relative to the specs folder, e.g. {@code mdms-v1.yaml} or {@code bad/malformed.yaml}. */
    public static Path path(String name) {
        URL url = Specs.class.getResource("/specs/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test spec " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApiCatalog load(String name) {
        try {
            return SpecImporter.defaults().importFile(path(name));
        } catch (SpecImportException e) {
            throw new AssertionError("test spec " + name + " does not import: " + e.getMessage(), e);
        }
    }
}
