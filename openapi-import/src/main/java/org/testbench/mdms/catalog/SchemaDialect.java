package org.testbench.mdms.catalog;

/**
 * The flavour of JSON Schema a document's schemas are written in. OpenAPI 3.0 (and Swagger 2.0 after
 * conversion) uses an extended subset of draft 4 with {@code nullable}; OpenAPI 3.1 uses draft 2020-12.
 */
public enum SchemaDialect {
    OPENAPI_3_0,
    OPENAPI_3_1
}
