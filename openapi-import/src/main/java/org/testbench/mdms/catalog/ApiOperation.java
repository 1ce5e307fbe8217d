package org.testbench.mdms.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.SourceLocation;

/**
 * One operation of the API as the bench sees it: identity, words, inputs and documented answers.
 *
 * @param parameters path-level and operation-level parameters merged (the operation's win)
 * @param responses  in document order
 * @param security   the requirements in force: the operation's own, else the document's; empty when none
 * @param location   where the operation starts in the file, when known
 */
public record ApiOperation(OperationKey key, Optional<String> operationId, String summary, String description,
                           List<String> tags, boolean deprecated, List<ApiParameter> parameters,
                           Optional<ApiRequestBody> requestBody, Map<ResponseStatus, ApiResponse> responses,
                           List<SecurityRequirement> security, Optional<SourceLocation> location) {

    public ApiOperation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operationId, "operationId");
        summary = summary == null ? "" : summary;
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(requestBody, "requestBody");
        responses = Collections.unmodifiableMap(new LinkedHashMap<>(responses));
        security = List.copyOf(security);
        Objects.requireNonNull(location, "location");
    }

    /** The operationId when there is one, else {@code METHOD /path}: what messages call the operation. */
    public String name() {
        return operationId.orElseGet(key::toString);
    }

    public HttpMethod method() {
        return key.method();
    }

    public String path() {
        return key.path();
    }

    public Optional<ApiParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The documented response for a status code: exact code first, then its range, then default. */
    public Optional<ApiResponse> responseFor(int code) {
        return responses.values().stream()
                .filter(r -> r.status().matches(code))
                .min((a, b) -> a.status().compareTo(b.status()));
    }

    /** Whether {@code code} is documented by an exact code or a range (default does not count). */
    public boolean documents(int code) {
        return responses.keySet().stream().anyMatch(s -> !s.isDefault() && s.matches(code));
    }

    /** The first documented 2xx answer (lowest code), the one the bench reads values from. */
    public Optional<ApiResponse> successResponse() {
        return responses.values().stream().filter(r -> r.status().isSuccess())
                .min((a, b) -> a.status().compareTo(b.status()));
    }

    /** operationId, summary and description in one string, for the heuristics that read them. */
    public String words() {
        return String.join(" ", operationId.orElse(""), summary, description);
    }

    @Override
    public String toString() {
        return operationId.map(id -> id + " (" + key + ")").orElseGet(key::toString);
    }
}
