package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReportFontsTests {

    @Test
    void everyFontOfEveryPageOfAReportIsEmbedded() throws Exception {
        byte[] pdf = ReportFormat.PDF.render(ReportFixtures.report());

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                PDResources resources = page.getResources();
                List<PDFont> onPage = new ArrayList<>();
                for (COSName name : resources.getFontNames()) {
                    onPage.add(resources.getFont(name));
                }
                assertThat(onPage).as("fonts of a page").isNotEmpty();
                fonts.addAll(onPage);
            }
            assertThat(fonts).allSatisfy(f -> {
                assertThat(f.isEmbedded()).as(f.getName() + " embedded").isTrue();
                assertThat(f).isInstanceOf(PDType0Font.class);
                // A subset's name starts with a six-letter tag: only the glyphs used are in the file.
                assertThat(f.getName()).matches("[A-Z]{6}\\+DejaVuSans(-Bold|-Oblique|Mono)?");
            });
            assertThat(fonts).extracting(PDFont::getName).map(n -> n.substring(7))
                    .contains("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono");
        }
    }

    @Test
    void aReportLogsNoWarningAboutFonts() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            ReportFormat.PDF.render(ReportFixtures.report());
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void showsAccentsGreekAndCyrillicAndMarksWhatNoFaceHas() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.embedIn(doc);

            assertThat(fonts.showable("Zähler Счётчик 5 Ω ± 0,5 %")).isEqualTo("Zähler Счётчик 5 Ω ± 0,5 %");
            assertThat(fonts.showable("/TBL5\u0002EM3\ttab\nnext")).isEqualTo("/TBL5 EM3 tab\nnext");
            assertThat(fonts.showable("meter \uD83D\uDE00 \u4E2D")).as("an emoji and a CJK ideograph")
                    .isEqualTo("meter ? ?");
        }
    }
}
