package org.testbench.mdms.catalog;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An imported API description: what the MDMS offers, in the bench's terms and independent of the
 * library that read it. Immutable; safe to share between threads.
 */
public final class ApiCatalog {

    private final SpecSource source;
    private final SpecVersion specVersion;
    private final String title;
    private final String version;
    private final String description;
    private final List<ApiServer> servers;
    private final List<ApiOperation> operations;
    private final List<SecurityScheme> securitySchemes;
    private final List<SecurityRequirement> security;
    private final SchemaComponents components;
    private final List<String> warnings;
    private final Map<String, ApiOperation> byId;
    private final Map<OperationKey, ApiOperation> byKey;

    /**
     * @param warnings the parser's remarks on a document it could still read (missing required fields,
     *                 values of the wrong type); the audit lists them
     */
    public ApiCatalog(SpecSource source, SpecVersion specVersion, String title, String version, String description,
                      List<ApiServer> servers, List<ApiOperation> operations, List<SecurityScheme> securitySchemes,
                      List<SecurityRequirement> security, SchemaComponents components, List<String> warnings) {
        this.source = Objects.requireNonNull(source, "source");
        this.specVersion = Objects.requireNonNull(specVersion, "specVersion");
        this.title = title == null ? "" : title;
        this.version = version == null ? "" : version;
        this.description = description == null ? "" : description;
        this.servers = List.copyOf(servers);
        this.operations = List.copyOf(operations);
        this.securitySchemes = List.copyOf(securitySchemes);
        this.security = List.copyOf(security);
        this.components = Objects.requireNonNull(components, "components");
        this.warnings = List.copyOf(warnings);
        Map<String, ApiOperation> ids = new HashMap<>();
        Map<OperationKey, ApiOperation> keys = new HashMap<>();
        for (ApiOperation op : this.operations) {
            op.operationId().ifPresent(id -> ids.putIfAbsent(id, op));
            keys.put(op.key(), op);
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byKey = Collections.unmodifiableMap(keys);
    }

    public SpecSource source() {
        return source;
    }

    public SpecVersion specVersion() {
        return specVersion;
    }

    public String title() {
        return title;
    }

    /** {@code info.version}: the vendor's version of the API, not of OpenAPI. */
    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<ApiServer> servers() {
        return servers;
    }

    /** In document order: paths as they appear, methods in {@link HttpMethod} order within a path. */
    public List<ApiOperation> operations() {
        return operations;
    }

    public List<SecurityScheme> securitySchemes() {
        return securitySchemes;
    }

    /** The document-wide security requirements ({@code security} at the top level). */
    public List<SecurityRequirement> security() {
        return security;
    }

    public SchemaComponents components() {
        return components;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Optional<ApiOperation> operation(String operationId) {
        return Optional.ofNullable(byId.get(operationId));
    }

    public Optional<ApiOperation> operation(OperationKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public String toString() {
        return title + " " + version + " (" + specVersion + ", " + operations.size() + " operations, " + source + ")";
    }
}
