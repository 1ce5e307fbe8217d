package org.testbench.mdms.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiParameter;
import org.testbench.mdms.catalog.ApiRequestBody;
import org.testbench.mdms.catalog.ApiResponse;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.ApiServer;
import org.testbench.mdms.catalog.HttpMethod;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.catalog.ParameterLocation;
import org.testbench.mdms.catalog.ResponseStatus;
import org.testbench.mdms.catalog.SchemaComponents;
import org.testbench.mdms.catalog.SchemaDialect;
import org.testbench.mdms.catalog.SecurityRequirement;
import org.testbench.mdms.catalog.SecurityScheme;
import org.testbench.mdms.catalog.SpecSource;
import org.testbench.mdms.catalog.SpecVersion;
import org.testbench.mdms.internal.LocatedTree;
import org.testbench.mdms.internal.LocatedTreeReader;

/**
 * Turns swagger-parser's model into an {@link ApiCatalog}. Schemas become JSON trees (the validator and
 * the pointer checks work on JSON Schema, not on swagger's classes); references to components that the
 * parser leaves in place ({@code resolve}, not {@code resolveFully}) are followed here.
 */
final class CatalogBuilder {

    private final OpenAPI model;
    private final SpecVersion version;
    private final LocatedTree tree;
    private final ObjectMapper mapper;
    private final Components components;
    private final SchemaComponents schemas;
    private final List<String> warnings;

    CatalogBuilder(OpenAPI model, SpecVersion version, LocatedTree tree, List<String> warnings) {
        this.model = model;
        this.version = version;
        this.tree = tree;
        this.warnings = new ArrayList<>(warnings);
        this.mapper = version.dialect() == SchemaDialect.OPENAPI_3_1 ? Json31.mapper() : Json.mapper();
        this.components = model.getComponents() == null ? new Components() : model.getComponents();
        this.schemas = new SchemaComponents(namedSchemas(), version.dialect());
    }

    ApiCatalog build(SpecSource source) {
        List<SecurityRequirement> globalSecurity = security(model.getSecurity());
        List<ApiOperation> operations = new ArrayList<>();
        if (model.getPaths() != null) {
            model.getPaths().forEach((path, item) -> operations.addAll(operations(path, item, globalSecurity)));
        }
        var info = model.getInfo();
        return new ApiCatalog(source, version,
                info == null ? "" : info.getTitle(), info == null ? "" : info.getVersion(),
                info == null ? "" : info.getDescription(),
                servers(), operations, securitySchemes(), globalSecurity, schemas, warnings);
    }

    private ObjectNode namedSchemas() {
        ObjectNode named = JsonNodeFactory.instance.objectNode();
        if (components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> named.set(name, toJson(schema)));
        }
        return named;
    }

    private JsonNode toJson(Object value) {
        return mapper.valueToTree(value);
    }

    private List<ApiServer> servers() {
        List<ApiServer> servers = new ArrayList<>();
        if (model.getServers() != null) {
            model.getServers().forEach(s -> servers.add(new ApiServer(s.getUrl(), s.getDescription())));
        }
        return servers;
    }

    private List<SecurityScheme> securitySchemes() {
        List<SecurityScheme> result = new ArrayList<>();
        if (components.getSecuritySchemes() == null) {
            return result;
        }
        components.getSecuritySchemes().forEach((name, s) -> {
            var type = s.getType();
            if (type == null) {
                warnings.add("security scheme '" + name + "' has no type");
                return;
            }
            switch (type) {
                case HTTP -> {
                    String scheme = s.getScheme() == null ? "" : s.getScheme().toLowerCase(Locale.ROOT);
                    SecurityScheme.Type t = switch (scheme) {
                        case "bearer" -> SecurityScheme.Type.HTTP_BEARER;
                        case "basic" -> SecurityScheme.Type.HTTP_BASIC;
                        default -> SecurityScheme.Type.HTTP_OTHER;
                    };
                    String detail = scheme + (s.getBearerFormat() == null ? "" : " " + s.getBearerFormat());
                    result.add(new SecurityScheme(name, t, detail.strip(), s.getDescription()));
                }
                case APIKEY -> result.add(new SecurityScheme(name, SecurityScheme.Type.API_KEY,
                        s.getIn() + " " + s.getName(), s.getDescription(),
                        Optional.ofNullable(s.getIn()).map(in -> in.toString().toLowerCase(Locale.ROOT)),
                        Optional.ofNullable(s.getName()), Optional.empty(), List.of()));
                case OAUTH2 -> {
                    var flow = s.getFlows() == null ? null : s.getFlows().getClientCredentials();
                    Optional<String> tokenUrl = flow == null ? Optional.empty() : Optional.ofNullable(flow.getTokenUrl());
                    List<String> scopes = flow == null || flow.getScopes() == null ? List.of()
                            : List.copyOf(flow.getScopes().keySet());
                    result.add(new SecurityScheme(name, SecurityScheme.Type.OAUTH2,
                            tokenUrl.map(url -> "client credentials, token URL " + url).orElse(""), s.getDescription(),
                            Optional.empty(), Optional.empty(), tokenUrl, scopes));
                }
                case OPENIDCONNECT -> result.add(new SecurityScheme(name, SecurityScheme.Type.OPENID_CONNECT,
                        s.getOpenIdConnectUrl(), s.getDescription()));
                case MUTUALTLS -> result.add(new SecurityScheme(name, SecurityScheme.Type.MUTUAL_TLS, "", s.getDescription()));
            }
        });
        return result;
    }

    private static List<SecurityRequirement> security(List<io.swagger.v3.oas.models.security.SecurityRequirement> list) {
        List<SecurityRequirement> result = new ArrayList<>();
        if (list != null) {
            list.forEach(r -> result.add(new SecurityRequirement(r)));
        }
        return result;
    }

    private List<ApiOperation> operations(String path, PathItem item, List<SecurityRequirement> globalSecurity) {
        List<ApiOperation> result = new ArrayList<>();
        if (item == null) {
            return result;
        }
        item.readOperationsMap().forEach((method, operation) -> {
            HttpMethod httpMethod = HttpMethod.parse(method.name());
            OperationKey key = new OperationKey(httpMethod, path);
            String pointer = "/paths/" + LocatedTreeReader.escape(path) + "/" + method.name().toLowerCase(Locale.ROOT);
            List<SecurityRequirement> security = operation.getSecurity() != null
                    ? security(operation.getSecurity()) : globalSecurity;
            result.add(new ApiOperation(key, Optional.ofNullable(blankToNull(operation.getOperationId())),
                    operation.getSummary(), operation.getDescription(),
                    operation.getTags() == null ? List.of() : operation.getTags(),
                    Boolean.TRUE.equals(operation.getDeprecated()),
                    parameters(item, operation, key), requestBody(operation.getRequestBody(), key),
                    responses(operation, key), security,
                    Optional.ofNullable(tree.locations().get(pointer))));
        });
        return result;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private List<ApiParameter> parameters(PathItem item, Operation operation, OperationKey key) {
        // Operation-level parameters override path-level ones with the same name and location.
        Map<String, ApiParameter> merged = new LinkedHashMap<>();
        for (List<Parameter> list : Arrays.asList(item.getParameters(), operation.getParameters())) {
            if (list == null) {
                continue;
            }
            for (Parameter raw : list) {
                Parameter p = resolve(raw, raw.get$ref(), components.getParameters(), "parameter", key);
                if (p == null || p.getName() == null || p.getIn() == null) {
                    continue;
                }
                ParameterLocation location;
                try {
                    location = ParameterLocation.parse(p.getIn());
                } catch (IllegalArgumentException e) {
                    warnings.add(key + ": " + e.getMessage());
                    continue;
                }
                Optional<ApiSchema> schema = schema(p.getSchema());
                if (schema.isEmpty() && p.getContent() != null) {
                    schema = p.getContent().values().stream().findFirst().flatMap(m -> schema(m.getSchema()));
                }
                boolean example = p.getExample() != null || (p.getExamples() != null && !p.getExamples().isEmpty())
                        || (p.getSchema() != null && p.getSchema().getExample() != null);
                boolean required = Boolean.TRUE.equals(p.getRequired()) || location == ParameterLocation.PATH;
                merged.put(location + ":" + p.getName(),
                        new ApiParameter(p.getName(), location, required, p.getDescription(), schema, example));
            }
        }
        return new ArrayList<>(merged.values());
    }

    private Optional<ApiRequestBody> requestBody(RequestBody raw, OperationKey key) {
        if (raw == null) {
            return Optional.empty();
        }
        RequestBody body = resolve(raw, raw.get$ref(), components.getRequestBodies(), "request body", key);
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(new ApiRequestBody(Boolean.TRUE.equals(body.getRequired()), body.getDescription(),
                content(body.getContent())));
    }

    private Map<ResponseStatus, ApiResponse> responses(Operation operation, OperationKey key) {
        Map<ResponseStatus, ApiResponse> result = new LinkedHashMap<>();
        if (operation.getResponses() == null) {
            return result;
        }
        operation.getResponses().forEach((code, raw) -> {
            ResponseStatus status;
            try {
                status = ResponseStatus.parse(code);
            } catch (IllegalArgumentException e) {
                warnings.add(key + ": " + e.getMessage());
                return;
            }
            io.swagger.v3.oas.models.responses.ApiResponse response =
                    resolve(raw, raw.get$ref(), components.getResponses(), "response", key);
            if (response != null) {
                result.put(status, new ApiResponse(status, response.getDescription(), content(response.getContent())));
            }
        });
        return result;
    }

    private Map<String, ApiMediaType> content(Content content) {
        Map<String, ApiMediaType> result = new LinkedHashMap<>();
        if (content != null) {
            content.forEach((type, media) -> result.put(type, mediaType(type, media)));
        }
        return result;
    }

    private ApiMediaType mediaType(String type, MediaType media) {
        if (media == null) {
            return new ApiMediaType(type, Optional.empty(), List.of());
        }
        List<JsonNode> examples = new ArrayList<>();
        if (media.getExample() != null) {
            examples.add(toJson(media.getExample()));
        }
        if (media.getExamples() != null) {
            media.getExamples().values().forEach(raw -> {
                Example example = resolve(raw, raw.get$ref(), components.getExamples(), "example", null);
                if (example != null && example.getValue() != null) {
                    examples.add(toJson(example.getValue()));
                }
            });
        }
        Schema<?> schema = media.getSchema();
        if (schema != null && schema.getExample() != null) {
            examples.add(toJson(schema.getExample()));
        }
        if (schema != null && schema.getExamples() != null) {
            schema.getExamples().forEach(e -> examples.add(toJson(e)));
        }
        return new ApiMediaType(type, schema(schema), examples);
    }

    private Optional<ApiSchema> schema(Schema<?> schema) {
        return schema == null ? Optional.empty() : Optional.of(new ApiSchema(toJson(schema), schemas));
    }

    /** Follows a {@code #/components/<kind>/<name>} reference the parser left in place. */
    private <T> T resolve(T value, String ref, Map<String, T> named, String what, OperationKey key) {
        Function<String, T> lookup = name -> named == null ? null : named.get(name);
        String current = ref;
        T result = value;
        for (int hops = 0; current != null && hops < 16; hops++) {
            String name = current.substring(current.lastIndexOf('/') + 1);
            T next = lookup.apply(name);
            if (next == null) {
                warnings.add((key == null ? "" : key + ": ") + what + " " + current + " could not be followed");
                return null;
            }
            result = next;
            current = refOf(next);
        }
        return result;
    }

    private static String refOf(Object value) {
        if (value instanceof Parameter p) {
            return p.get$ref();
        }
        if (value instanceof RequestBody b) {
            return b.get$ref();
        }
        if (value instanceof io.swagger.v3.oas.models.responses.ApiResponse r) {
            return r.get$ref();
        }
        if (value instanceof Example e) {
            return e.get$ref();
        }
        return null;
    }
}
