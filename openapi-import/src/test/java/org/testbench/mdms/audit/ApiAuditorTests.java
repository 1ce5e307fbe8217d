package org.testbench.mdms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.audit.Coverage.Figure;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.testing.Specs;

class ApiAuditorTests {

    private final ApiAuditor auditor = new ApiAuditor();

    @Nested
    class WellDocumented {

        private final AuditReport report = auditor.audit(Specs.load("mdms-v1.yaml"));

        @Test
        void hasFullCoverageExceptTheHealthCheck() {
            assertThat(report.operationCount()).isEqualTo(12);
            assertThat(report.coverage(Figure.DESCRIPTION).percent()).isEqualTo(100.0);
            assertThat(report.coverage(Figure.OPERATION_ID).percent()).isEqualTo(100.0);
            assertThat(report.coverage(Figure.SERVER_ERRORS).percent()).isEqualTo(100.0);
            assertThat(report.coverage(Figure.RESPONSE_SCHEMAS).percent()).isEqualTo(100.0);
            assertThat(report.coverage(Figure.RESPONSE_EXAMPLES).percent()).isEqualTo(100.0);
            assertThat(report.coverage(Figure.ERROR_MESSAGE).percent()).isEqualTo(100.0);
            assertThat(report.coverage(Figure.REQUEST_EXAMPLES)).hasToString(
                    "3/3 (100.0 %) with request examples (of those with a body)");
            // GET /health answers 200 or 500 only: the one gap in the reference API.
            assertThat(report.coverage(Figure.CLIENT_ERRORS)).hasToString("11/12 (91.7 %) with a 4xx response");
        }

        @Test
        void listsOnlyTheHealthCheckAndItsDeliberateOpenAccess() {
            assertThat(report.findings()).extracting(AuditFinding::message).containsExactly(
                    "getHealth (GET /health) documents no 4xx response",
                    "getHealth (GET /health) is callable without credentials (security: [] or {})");
            assertThat(report.findingsFor(OperationKey.parse("GET /health")))
                    .extracting(AuditFinding::severity).containsExactly(Severity.ERROR, Severity.INFO);
        }
    }

    @Nested
    class BadlyDocumented {

        private final AuditReport report = auditor.audit(Specs.load("vendor-poor.yaml"));

        @Test
        void figuresShowTheGaps() {
            assertThat(report.coverage(Figure.CLIENT_ERRORS)).hasToString("1/4 (25.0 %) with a 4xx response");
            assertThat(report.coverage(Figure.SERVER_ERRORS).count()).isEqualTo(1);
            assertThat(report.coverage(Figure.DISTINCT_ERRORS).count()).isZero();
            assertThat(report.coverage(Figure.DESCRIPTION).count()).isEqualTo(2);
            assertThat(report.coverage(Figure.OPERATION_ID).count()).isEqualTo(2);
            assertThat(report.coverage(Figure.SECURITY).count()).isZero();
            assertThat(report.coverage(Figure.ERROR_MESSAGE)).hasToString(
                    "0/2 (0.0 %) whose error schemas have a message field (of those documenting errors)");
            assertThat(report.passes()).isFalse();
        }

        @Test
        void namesEachOperationAndWhatIsMissing() {
            assertThat(report.findingsFor(OperationKey.parse("GET /api/meter/{id}")))
                    .extracting(AuditFinding::message).contains(
                            "GET /api/meter/{id} has a summary but no description",
                            "GET /api/meter/{id} has no operationId",
                            "GET /api/meter/{id} documents its errors only as 'default': a rejected request cannot be"
                                    + " told from an MDMS fault or an unreachable meter",
                            "GET /api/meter/{id} error schema without a message field: default (ErrorDto with errCode, ts)");
            assertThat(report.findingsFor(OperationKey.parse("POST /api/meter/{id}/breaker")))
                    .extracting(AuditFinding::rule).contains(AuditRule.DESCRIPTION_MISSING,
                            AuditRule.REQUEST_EXAMPLE_MISSING, AuditRule.RESPONSE_SCHEMA_MISSING,
                            AuditRule.CLIENT_ERRORS_UNDOCUMENTED, AuditRule.SERVER_ERRORS_UNDOCUMENTED,
                            AuditRule.SECURITY_MISSING);
            assertThat(report.findingsFor(OperationKey.parse("GET /api/register")))
                    .extracting(AuditFinding::message).contains(
                            "readRegister (GET /api/register) documents no body schema for 200, 400");
            assertThat(report.documentFindings()).extracting(AuditFinding::rule)
                    .containsExactly(AuditRule.NO_SECURITY_SCHEMES);
        }

        @Test
        void checklistForTheVendorHasFiguresFindingsAndReasons() {
            String checklist = report.toMarkdown();
            assertThat(checklist)
                    .startsWith("# Documentation audit: AcmeGrid MDM REST 7.2.0-build4411")
                    .contains("| with a 4xx response | 1/4 | 25.0 % |")
                    .contains("### `POST /api/meter/{id}/breaker` (line 29)")
                    .contains("- [ ] **ERROR** 4xx answers are documented: POST /api/meter/{id}/breaker documents no 4xx response")
                    .contains("- 4xx and 5xx are documented separately: a single 'default' error cannot tell");
        }
    }
}
