package org.testbench.app.gui.mdmsimport;

import java.nio.file.Path;
import java.util.Optional;
import org.testbench.mdms.audit.AuditReport;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.diff.ApiDiffReport;

/**
 * What importing an OpenAPI file found: its catalog, the documentation audit, the changes from the API in
 * use (when there is one to compare with) and the binding the bench suggests.
 */
public record ImportResult(Path specFile, ApiCatalog catalog, AuditReport audit, Optional<InUse> inUse,
                           Optional<ApiDiffReport> diff, SuggestedBinding suggested) {

    /** The API the bench drives now: its spec and binding files. */
    public record InUse(String description, Path spec, Path binding) {
    }
}
