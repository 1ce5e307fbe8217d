package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The ATML export against IEEE's published schemas (see src/test/resources/atml/README.md for which ones, and
 * why the 6.01 TestResults type is read from its 3.06 draft), and what it says about each position.
 */
class AtmlReportTests {

    private static Schema schema;
    private static Document atml;
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    @BeforeAll
    static void render() throws Exception {
        schema = testResultsSchema();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        atml = f.newDocumentBuilder().parse(new ByteArrayInputStream(ReportFormat.ATML.render(ReportFixtures.report())));
        XPATH.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "trc" -> AtmlReport.TRC;
                    case "tr" -> AtmlReport.TR;
                    case "c" -> AtmlReport.C;
                    case "xsi" -> AtmlReport.XSI;
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
    }

    /** The schema of the 6.01 TestResults element: the official one with -Datml.schemas=DIR, else the draft's. */
    private static Schema testResultsSchema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        String official = System.getProperty("atml.schemas");
        if (official != null) {
            return factory.newSchema(Path.of(official, "TestResults.xsd").toFile());
        }
        URL draft = AtmlReportTests.class.getResource("/atml/TestResults-draft-3.06.xsd");
        String text = new String(draft.openStream().readAllBytes(), StandardCharsets.UTF_8)
                .replace("urn:IEEE-1671:2009.04:TestResults", AtmlReport.TR);
        StreamSource source = new StreamSource(new StringReader(text), draft.toExternalForm());
        return factory.newSchema(new Source[] {source});
    }

    private static List<Element> testResults(Document d) {
        NodeList nodes = d.getDocumentElement().getElementsByTagNameNS(AtmlReport.TRC, "TestResults");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** One TestResults element as the root of a document of its own, so that the schema's root element applies. */
    private static void validate(Element testResults) throws Exception {
        Document single = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
        Element root = (Element) single.importNode(testResults, true);
        single.appendChild(root);
        single.renameNode(root, AtmlReport.TR, "tr:TestResults");
        for (String[] ns : new String[][] {{"tr", AtmlReport.TR}, {"c", AtmlReport.C}, {"xsi", AtmlReport.XSI}}) {
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + ns[0], ns[1]);
        }
        schema.newValidator().validate(new DOMSource(single));
    }

    @Test
    void everyPositionIsAValidTestResultsDocument() throws Exception {
        List<Element> all = testResults(atml);
        assertThat(all).hasSize(4);
        for (Element e : all) {
            validate(e);
        }
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() throws Exception {
        Element first = testResults(atml).get(0);
        Element outcome = (Element) first.getElementsByTagNameNS(AtmlReport.TR, "Outcome").item(0);
        Element broken = (Element) first.cloneNode(true);
        ((Element) broken.getElementsByTagNameNS(AtmlReport.TR, "Outcome").item(0)).setAttribute("value", "Error");
        assertThat(outcome.getAttribute("value")).isEqualTo("Passed");
        assertThatThrownBy(() -> validate(broken)).isInstanceOf(SAXException.class).hasMessageContaining("Error");
    }

    @Test
    void eachPositionIsTheMeterAsUnitUnderTestWithItsOutcome() throws Exception {
        assertThat(text("//trc:TestResults[1]/tr:UUT/c:SerialNumber")).isEqualTo("26000001");
        assertThat(text("//trc:TestResults[2]/tr:UUT/c:SerialNumber")).isEqualTo("26000002");
        assertThat(text("//trc:TestResults[1]/tr:ResultSet/tr:Outcome/@value")).isEqualTo("Passed");
        assertThat(text("//trc:TestResults[2]/tr:ResultSet/tr:Outcome/@value")).isEqualTo("Failed");
        // ERROR is not a failure of the meter: Aborted, qualified, never Failed.
        assertThat(text("//trc:TestResults[3]/tr:ResultSet/tr:Outcome/@value")).isEqualTo("Aborted");
        assertThat(text("//trc:TestResults[3]/tr:ResultSet/tr:Outcome/@qualifier")).isEqualTo("ERROR");
        assertThat(text("//trc:TestResults[4]/tr:ResultSet/tr:Outcome/@qualifier")).isEqualTo("ABORTED");
        assertThat(text("//trc:TestResults[1]/tr:Personnel/tr:SystemOperator/@ID")).isEqualTo("qa-anna");
        assertThat(text("//trc:TestResults[1]/tr:TestStation/c:SerialNumber")).isEqualTo("bench B (MTE PTS 3.3, SN 4711)");
        assertThat(text("//trc:TestResults[1]/tr:TestProgram/c:Definition/c:Identification/c:ModelName"))
                .isEqualTo("e2e-load-switch");
        assertThat(text("//trc:TestResults[1]/tr:ResultSet/@startDateTime")).isEqualTo("2026-11-21T08:00:01Z");
        assertThat(text("//trc:TestResults[1]/@uuid")).isNotEqualTo(text("//trc:TestResults[2]/@uuid"));
    }

    @Test
    void stepsAreTestsAndMeasurementsCarryUnitsAndLimits() throws Exception {
        String step = "//trc:TestResults[2]/tr:ResultSet/tr:Test";
        assertThat(((NodeList) XPATH.evaluate(step, atml, XPathConstants.NODESET)).getLength()).isEqualTo(4);
        assertThat(text(step + "[3]/@name")).isEqualTo("witnesses after open");
        assertThat(text(step + "[3]/tr:Outcome/@value")).isEqualTo("Failed");
        assertThat(text(step + "[3]/tr:Description")).isEqualTo("the bench still measures 4.98 A after open");
        assertThat(text(step + "[3]/tr:Events/tr:Event/@name")).isEqualTo("DATA_INCONSISTENCY");
        String current = step + "[3]/tr:TestResult[@name='bench current']";
        assertThat(text(current + "/tr:TestData/c:Datum/@value")).isEqualTo("4.98");
        assertThat(text(current + "/tr:TestData/c:Datum/@standardUnit")).isEqualTo("A");
        assertThat(text(current + "/tr:Description")).isEqualTo("limit: open < 0.05 A, closed within 5 %");
        String latency = step + "[2]/tr:TestResult[@name='latency']";
        assertThat(text(latency + "/tr:TestData/c:Datum/@nonStandardUnit")).isEqualTo("ms");
        assertThat(text(latency + "/tr:TestLimits/tr:Limits/c:SingleLimit/@comparator")).isEqualTo("LE");
        assertThat(text(latency + "/tr:TestLimits/tr:Limits/c:SingleLimit/c:Datum/@value")).isEqualTo("2000.0");
        String voltage = step + "[2]/tr:TestResult[@name='voltage']/tr:TestLimits/tr:Limits/c:LimitPair";
        assertThat(text(voltage + "/c:Limit[1]/@comparator")).isEqualTo("GE");
        assertThat(text(voltage + "/c:Limit[1]/c:Datum/@value")).isEqualTo("207.0");
        assertThat(text(voltage + "/c:Limit[2]/c:Datum/@standardUnit")).isEqualTo("V");
        assertThat(text(step + "[1]/tr:TestResult[@name='serial']/tr:TestData/c:Datum/c:Value")).isEqualTo("26000002");
    }

    @Test
    void keysInEvidenceAreFingerprintedAsInEveryReport() {
        String xml = new String(ReportFormat.ATML.render(ReportFixtures.report()), StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain(ReportFixtures.KEY).contains("urn:IEEE-1636.1:2013:TestResults");
    }

    private static String text(String xpath) throws Exception {
        return XPATH.evaluate(xpath, atml);
    }
}
