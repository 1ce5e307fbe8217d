package org.testbench.mdms.catalog;

/** The specification a document was written in. Swagger 2.0 is converted to 3.0 on import. */
public enum SpecVersion {
    SWAGGER_2_0("Swagger 2.0", SchemaDialect.OPENAPI_3_0),
    OPENAPI_3_0("OpenAPI 3.0", SchemaDialect.OPENAPI_3_0),
    OPENAPI_3_1("OpenAPI 3.1", SchemaDialect.OPENAPI_3_1);

    private final String label;
    private final SchemaDialect dialect;

    SpecVersion(String label, SchemaDialect dialect) {
        this.label = label;
        this.dialect = dialect;
    }

    /** The schema dialect of the imported catalog (after conversion). */
    public SchemaDialect dialect() {
        return dialect;
    }

    @Override
    public String toString() {
        return label;
    }
}
