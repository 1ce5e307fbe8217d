package org.testbench.mdms.catalog.internal;

import io.swagger.v3.oas.models.OpenAPI;
import org.testbench.mdms.catalog.ApiCatalog;

/**
 * An import's result with the parser's model beside it. The model stays inside the module: the diff
 * needs it (openapi-diff compares models), nothing else should see a swagger type.
 */
public record ParsedSpec(ApiCatalog catalog, OpenAPI model) {
}
