package org.testbench.mdms.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testbench.mdms.audit.Coverage.Figure;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiResponse;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.HttpMethod;
import org.testbench.mdms.catalog.ResponseStatus;
import org.testbench.mdms.internal.ErrorBodies;

/**
 * Audits the documentation of an imported API: per operation and overall, the checklist an engineer
 * hands back to the MDMS vendor. Stateless and thread-safe.
 */
public final class ApiAuditor {

    public AuditReport audit(ApiCatalog catalog) {
        List<AuditFinding> findings = new ArrayList<>();
        Map<Figure, int[]> tally = new EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) {
            tally.put(f, new int[2]);
        }
        for (String warning : catalog.warnings()) {
            findings.add(documentFinding(AuditRule.PARSER_WARNING, "the parser reports: " + warning));
        }
        if (catalog.securitySchemes().isEmpty()) {
            findings.add(documentFinding(AuditRule.NO_SECURITY_SCHEMES,
                    "the document declares no security schemes (components.securitySchemes)"));
        }
        for (ApiOperation op : catalog.operations()) {
            new OperationAudit(catalog, op, findings, tally).run();
        }
        List<Coverage> coverage = new ArrayList<>();
        tally.forEach((figure, counts) -> coverage.add(new Coverage(figure, counts[0], counts[1])));
        return new AuditReport(catalog.title(), catalog.version(), catalog.source(), catalog.operations().size(),
                findings, coverage);
    }

    private static AuditFinding documentFinding(AuditRule rule, String message) {
        return new AuditFinding(rule, rule.severity(), Optional.empty(), Optional.empty(), message);
    }

    /** The checks of one operation; adds its findings and counts it into the figures. */
    private static final class OperationAudit {
        private final ApiCatalog catalog;
        private final ApiOperation op;
        private final List<AuditFinding> findings;
        private final Map<Figure, int[]> tally;

        OperationAudit(ApiCatalog catalog, ApiOperation op, List<AuditFinding> findings, Map<Figure, int[]> tally) {
            this.catalog = catalog;
            this.op = op;
            this.findings = findings;
            this.tally = tally;
        }

        void run() {
            count(Figure.DESCRIPTION, check(!op.description().isBlank(), AuditRule.DESCRIPTION_MISSING,
                    op.summary().isBlank() ? "has no description and no summary" : "has a summary but no description"));
            count(Figure.OPERATION_ID, check(op.operationId().isPresent(), AuditRule.OPERATION_ID_MISSING,
                    "has no operationId"));
            op.requestBody().ifPresent(body -> count(Figure.REQUEST_EXAMPLES, check(body.hasExamples(),
                    AuditRule.REQUEST_EXAMPLE_MISSING, "has a request body without an example")));
            checkResponses();
            checkErrors();
            checkSecurity();
        }

        private void checkResponses() {
            if (op.responses().isEmpty()) {
                add(AuditRule.NO_SUCCESS_RESPONSE, "documents no responses at all");
                count(Figure.RESPONSE_SCHEMAS, false);
                return;
            }
            if (op.responses().keySet().stream().noneMatch(ResponseStatus::isSuccess)) {
                add(AuditRule.NO_SUCCESS_RESPONSE, "documents no 2xx response");
            }
            List<String> withoutSchema = new ArrayList<>();
            List<String> withoutExample = new ArrayList<>();
            int bodies = 0;
            for (ApiResponse response : op.responses().values()) {
                if (!expectsBody(response.status())) {
                    continue;
                }
                bodies++;
                if (response.schema().isEmpty()) {
                    withoutSchema.add(response.status().key());
                }
                if (response.hasBody() && !response.hasExamples()) {
                    withoutExample.add(response.status().key());
                }
            }
            count(Figure.RESPONSE_SCHEMAS, check(withoutSchema.isEmpty(), AuditRule.RESPONSE_SCHEMA_MISSING,
                    "documents no body schema for " + join(withoutSchema)));
            if (bodies > 0) {
                count(Figure.RESPONSE_EXAMPLES, check(withoutExample.isEmpty(), AuditRule.RESPONSE_EXAMPLE_MISSING,
                        "has no example for the " + join(withoutExample) + " response body"));
            }
        }

        /** 1xx, 204, 3xx and answers to HEAD carry no body by definition. */
        private boolean expectsBody(ResponseStatus status) {
            int c = status.statusClass();
            return op.method() != HttpMethod.HEAD && c != 1 && c != 3 && !status.key().equals("204");
        }

        private void checkErrors() {
            boolean client = op.responses().keySet().stream().anyMatch(ResponseStatus::isClientError);
            boolean server = op.responses().keySet().stream().anyMatch(ResponseStatus::isServerError);
            boolean fallback = op.responses().containsKey(ResponseStatus.DEFAULT);
            count(Figure.CLIENT_ERRORS, client);
            count(Figure.SERVER_ERRORS, server);
            count(Figure.DISTINCT_ERRORS, client && server);
            if (!client && !server && fallback) {
                add(AuditRule.ERRORS_NOT_DISTINCT, "documents its errors only as 'default': a rejected request"
                        + " cannot be told from an MDMS fault or an unreachable meter");
            } else {
                check(client, AuditRule.CLIENT_ERRORS_UNDOCUMENTED, "documents no 4xx response");
                check(server, AuditRule.SERVER_ERRORS_UNDOCUMENTED, "documents no 5xx response");
            }
            List<String> withoutMessage = new ArrayList<>();
            int errorSchemas = 0;
            for (ApiResponse response : op.responses().values()) {
                boolean error = response.status().isClientError() || response.status().isServerError()
                        || response.status().isDefault();
                Optional<ApiSchema> schema = response.schema();
                if (!error || schema.isEmpty()) {
                    continue;
                }
                errorSchemas++;
                if (!hasMessageField(schema.get())) {
                    withoutMessage.add(response.status().key() + " (" + describe(schema.get()) + ")");
                }
            }
            if (errorSchemas > 0) {
                count(Figure.ERROR_MESSAGE, check(withoutMessage.isEmpty(), AuditRule.ERROR_SCHEMA_WITHOUT_MESSAGE,
                        "error schema without a message field: " + String.join(", ", withoutMessage)));
            }
        }

        private static boolean hasMessageField(ApiSchema schema) {
            if (schema.type().filter("string"::equals).isPresent()) {
                return true; // a plain-text error body is the message
            }
            if (schema.propertyNames().stream().anyMatch(ErrorBodies::isMessageField)) {
                return true;
            }
            for (String wrapper : ErrorBodies.wrappers()) {
                Optional<ApiSchema> inner = schema.property(wrapper)
                        .map(p -> p.items().orElse(p));
                if (inner.isPresent() && (inner.get().type().filter("string"::equals).isPresent()
                        || inner.get().propertyNames().stream().anyMatch(ErrorBodies::isMessageField))) {
                    return true;
                }
            }
            return false;
        }

        private static String describe(ApiSchema schema) {
            String name = schema.componentName().orElse("inline schema");
            var properties = schema.propertyNames();
            return properties.isEmpty() ? name + " with no properties"
                    : name + " with " + properties.stream().collect(Collectors.joining(", "));
        }

        private void checkSecurity() {
            if (!op.security().isEmpty() && op.security().stream().noneMatch(r -> r.isAnonymous())) {
                count(Figure.SECURITY, true);
            } else if (!catalog.security().isEmpty() || !op.security().isEmpty()) {
                count(Figure.SECURITY, true);
                add(AuditRule.SECURITY_DISABLED, "is callable without credentials (security: [] or {})");
            } else {
                count(Figure.SECURITY, false);
                add(AuditRule.SECURITY_MISSING, "declares no security requirement, and the document has none");
            }
        }

        private boolean check(boolean met, AuditRule rule, String problem) {
            if (!met) {
                add(rule, problem);
            }
            return met;
        }

        private void add(AuditRule rule, String problem) {
            findings.add(new AuditFinding(rule, rule.severity(), Optional.of(op.key()), op.location(),
                    op + " " + problem));
        }

        private void count(Figure figure, boolean met) {
            int[] counts = tally.get(figure);
            counts[1]++;
            if (met) {
                counts[0]++;
            }
        }

        private static String join(List<String> statuses) {
            return String.join(", ", statuses);
        }
    }
}
