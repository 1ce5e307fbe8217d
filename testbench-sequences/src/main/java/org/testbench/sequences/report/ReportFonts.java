package org.testbench.sequences.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of every PDF the project writes: DejaVu Sans (regular, bold, oblique) and DejaVu Sans Mono, shipped
 * in the jar ({@code fonts/} beside this class, with their licence) and embedded in the document as subsets. A
 * report thus looks the same on every machine and in every reader, and PDFBox never substitutes a system font
 * for a standard one it does not have.
 */
public final class ReportFonts {

    /** The faces a report is drawn with. */
    public enum Face {
        REGULAR("DejaVuSans.ttf"),
        BOLD("DejaVuSans-Bold.ttf"),
        ITALIC("DejaVuSans-Oblique.ttf"),
        MONO("DejaVuSansMono.ttf");

        private final String file;

        Face(String file) {
            this.file = file;
        }
    }

    /** The font files, read from the jar once; each document parses its own copy (PDFBox fonts are per document). */
    private static final Map<Face, byte[]> FILES = new ConcurrentHashMap<>();

    private final Map<Face, PDType0Font> fonts = new EnumMap<>(Face.class);
    private final Map<Integer, Boolean> showable = new HashMap<>();

    private ReportFonts(PDDocument doc) throws IOException {
        for (Face face : Face.values()) {
            // Subset embedding: only the glyphs the document uses are written when it is saved.
            fonts.put(face, PDType0Font.load(doc, new ByteArrayInputStream(file(face)), true));
        }
    }

    /** The four faces, ready to draw with in {@code doc}; saving the document embeds the glyphs used. */
    public static ReportFonts embedIn(PDDocument doc) throws IOException {
        return new ReportFonts(doc);
    }

    public PDFont get(Face face) {
        return fonts.get(face);
    }

    /**
     * The text as every face can draw it: a character that a face lacks becomes '?', a control character a
     * space; line breaks stay (the layout splits on them).
     */
    public String showable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append('\n');
            } else if (Character.isISOControl(c)) {
                sb.append(' ');
            } else if (showable.computeIfAbsent(c, this::everyFaceHas)) {
                sb.appendCodePoint(c);
            } else {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private boolean everyFaceHas(int codePoint) {
        if (Character.isSupplementaryCodePoint(codePoint)) {
            return false; // the layout breaks lines between chars, which would split a surrogate pair
        }
        String s = new String(Character.toChars(codePoint));
        for (PDType0Font font : fonts.values()) {
            try {
                font.encode(s);
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
        return true;
    }

    private static byte[] file(Face face) {
        return FILES.computeIfAbsent(face, f -> {
            try (InputStream in = ReportFonts.class.getResourceAsStream("fonts/" + f.file)) {
                if (in == null) {
                    throw new IllegalStateException("the report font fonts/" + f.file + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the report font fonts/" + f.file, e);
            }
        });
    }
}
