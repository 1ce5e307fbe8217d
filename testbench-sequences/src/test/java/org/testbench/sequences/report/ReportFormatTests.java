package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFormatTests {

    private final RunReport report = ReportFixtures.report();

    @Test
    void parsesTheFormatNames() {
        assertThat(ReportFormat.parse("PDF")).isEqualTo(ReportFormat.PDF);
        assertThat(ReportFormat.parse("junit")).isEqualTo(ReportFormat.JUNIT);
        assertThatThrownBy(() -> ReportFormat.parse("html")).hasMessage(
                "unknown report format 'html' (expected: pdf, json, junit, atml)");
    }

    @Nested
    class Json {
        @Test
        void followsTheDocumentedSchema() throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode schemaNode = mapper.readTree(Path.of("..", "docs", "report.schema.json").toFile());
            Schema schema = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012()).getSchema(schemaNode);
            JsonNode json = mapper.readTree(ReportFormat.JSON.render(report));

            assertThat(schema.validate(json)).isEmpty();
            assertThat(json.get("positions")).hasSize(4);
            JsonNode current = json.get("positions").get(1).get("steps").get(2).get("measurements").get(1);
            assertThat(current.get("value").asDouble()).isEqualTo(4.98);
            assertThat(current.get("unit").asText()).isEqualTo("A");
            assertThat(current.get("limit").asText()).isEqualTo("open < 0.05 A, closed within 5 %");
            assertThat(json.get("mdms").get("specSha256").asText()).hasSize(64);
            assertThat(json.get("positions").get(1).get("findings").get(0).get("evidence")).hasSize(2);
        }

        @Test
        void schemaListsEveryFindingTypeTheStoreCanHold() throws Exception {
            JsonNode schemaNode = new ObjectMapper().readTree(Path.of("..", "docs", "report.schema.json").toFile());
            java.util.List<String> listed = new java.util.ArrayList<>();
            schemaNode.get("$defs").get("finding").get("properties").get("type").get("enum")
                    .forEach(t -> listed.add(t.asText()));

            assertThat(listed).containsExactlyInAnyOrder(java.util.Arrays.stream(
                    org.testbench.sequences.outcome.FindingType.values()).map(Enum::name).toArray(String[]::new));
        }
    }

    @Nested
    class Junit {
        @Test
        void hasATestCasePerPositionAndStepWithVerdictsMapped() throws Exception {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(ReportFormat.JUNIT.render(report)));
            Element root = doc.getDocumentElement();

            assertThat(root.getTagName()).isEqualTo("testsuites");
            assertThat(root.getAttribute("tests")).isEqualTo("16");
            assertThat(root.getAttribute("failures")).isEqualTo("1");
            assertThat(root.getAttribute("errors")).isEqualTo("1");
            assertThat(root.getAttribute("skipped")).isEqualTo("1");
            NodeList suites = doc.getElementsByTagName("testsuite");
            assertThat(suites.getLength()).isEqualTo(4);
            assertThat(((Element) suites.item(1)).getAttribute("name")).isEqualTo("position 2 meter 26000002");
            Element failure = (Element) doc.getElementsByTagName("failure").item(0);
            assertThat(failure.getAttribute("message")).isEqualTo("the bench still measures 4.98 A after open");
            assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("02 witnesses after open");
            assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
            assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        }

        @Test
        void escapesControlCharactersXmlCannotCarry() {
            assertThat(JunitReport.clean("/TBL5\u0002EM3")).isEqualTo("/TBL5\\u0002EM3");
        }
    }

    @Nested
    class Pdf {
        @Test
        void hasASummaryPageThenAPagePerMeter() throws Exception {
            byte[] pdf = ReportFormat.PDF.render(report);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(5);
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(1);
                stripper.setEndPage(1);
                String summary = stripper.getText(doc);
                assertThat(summary).contains("Test report: e2e-load-switch").contains("Run verdict: ABORTED")
                        .contains("bench B (MTE PTS 3.3, SN 4711)").contains("qa-anna").contains("2.4.1")
                        .contains(report.sequenceSha256()).containsPattern("2\\s+26000002\\s+FAIL");
                stripper.setStartPage(3);
                stripper.setEndPage(3);
                String meter = stripper.getText(doc);
                assertThat(meter).contains("Position 2: meter 26000002").contains("Bench current through each load-switch step")
                        .contains("bench current = 4.98 A").contains("limit: open < 0.05 A")
                        .contains("DATA_INCONSISTENCY").contains("bench: 4.98 A")
                        .doesNotContain(ReportFixtures.KEY);
            }
        }
    }
}
