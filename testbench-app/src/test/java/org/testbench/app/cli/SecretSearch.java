package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Where a secret must never be found: every form it takes in text and its raw bytes, searched in what a process
 * printed, in a directory's files (a PDF also as its text and its decoded streams) and in every row of every table
 * of a database. A finding names where, which secret and in which form — never the secret itself.
 */
final class SecretSearch {

    private final Map<String, byte[]> raw = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> forms = new LinkedHashMap<>();

    /**
     * A key: hex in both cases, also as a dump with spaces or colons between the bytes (Gurux's FINEST log writes
     * "15 0F 0F 67 …"), and Base64 padded, unpadded and URL-safe.
     */
    SecretSearch key(String name, byte[] key) {
        raw.put(name, key.clone());
        Map<String, String> f = forms.computeIfAbsent(name, n -> new LinkedHashMap<>());
        f.put("hex", HexFormat.of().formatHex(key));
        f.put("HEX", HexFormat.of().withUpperCase().formatHex(key));
        f.put("hex dump", HexFormat.ofDelimiter(" ").formatHex(key));
        f.put("HEX dump", HexFormat.ofDelimiter(" ").withUpperCase().formatHex(key));
        f.put("hex:", HexFormat.ofDelimiter(":").formatHex(key));
        f.put("HEX:", HexFormat.ofDelimiter(":").withUpperCase().formatHex(key));
        base64(f, key);
        return this;
    }

    /** A password or a token: as written, Base64 padded and unpadded, URL-encoded. */
    SecretSearch text(String name, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        raw.put(name, bytes);
        Map<String, String> f = forms.computeIfAbsent(name, n -> new LinkedHashMap<>());
        f.put("text", secret);
        base64(f, bytes);
        f.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        return this;
    }

    /** One more form of a secret already named (a PEM block, HTTP basic credentials). */
    SecretSearch form(String name, String label, String text) {
        forms.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(label, text);
        return this;
    }

    private static void base64(Map<String, String> f, byte[] bytes) {
        f.put("Base64", Base64.getEncoder().encodeToString(bytes));
        f.put("Base64 unpadded", Base64.getEncoder().withoutPadding().encodeToString(bytes));
        f.put("Base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The names of the secrets searched for. */
    List<String> names() {
        return List.copyOf(forms.keySet());
    }

    /** The search finds what it looks for: each form of each secret, alone in a text. */
    void assertFindsEachForm() {
        forms.forEach((name, f) -> f.forEach((label, text) -> assertThat(find("probe",
                ("x " + text + " y").getBytes(StandardCharsets.UTF_8))).as("probe %s as %s", name, label)
                .isNotEmpty()));
    }

    List<String> find(String where, String text) {
        return find(where, text.getBytes(StandardCharsets.UTF_8));
    }

    List<String> find(String where, byte[] content) {
        List<String> found = new ArrayList<>();
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String utf8 = new String(content, StandardCharsets.UTF_8);
        forms.forEach((name, f) -> f.forEach((label, form) -> {
            if (text.contains(form) || utf8.contains(form)) {
                found.add(where + ": " + name + " as " + label);
            }
        }));
        raw.forEach((name, bytes) -> {
            if (indexOf(content, bytes) >= 0) {
                found.add(where + ": " + name + " as raw bytes");
            }
        });
        return found;
    }

    /** Every regular file under {@code dir} that {@code searched} accepts; a PDF also as text and streams. */
    List<String> inFiles(Path dir, Predicate<Path> searched) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(searched).toList();
        }
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            found.addAll(find(dir.relativize(f).toString(), Files.readAllBytes(f)));
            if (f.toString().endsWith(".pdf")) {
                found.addAll(inPdf(f));
            }
        }
        return found;
    }

    private List<String> inPdf(Path pdf) throws IOException {
        List<String> found = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).as("text extracted from %s", pdf.getFileName()).isNotBlank();
            found.addAll(find(pdf.getFileName() + " (text)", text));
            for (COSObject object : doc.getDocument().getXrefTable().keySet().stream()
                    .map(k -> doc.getDocument().getObjectFromPool(k)).toList()) {
                COSBase base = object.getObject();
                if (base instanceof COSStream stream) {
                    try (InputStream in = stream.createInputStream()) {
                        found.addAll(find(pdf.getFileName() + " (stream " + object.getObjectNumber() + ")",
                                in.readAllBytes()));
                    } catch (IOException undecodable) {
                        // an image filter PDFBox cannot decode: its raw bytes were searched with the file
                    }
                }
            }
        }
        return found;
    }

    /** The text of every column of every row of every table; at least {@code minimumRows} rows, or the search proves nothing. */
    List<String> inDatabase(String url, int minimumRows) throws Exception {
        List<String> found = new ArrayList<>();
        int rows = 0;
        try (Connection c = DriverManager.getConnection(url, "", "");
             Statement tables = c.createStatement();
             ResultSet t = tables.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                     + "WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            List<String> names = new ArrayList<>();
            while (t.next()) {
                names.add(t.getString(1));
            }
            assertThat(names).as("tables").isNotEmpty();
            for (String table : names) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        rows++;
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(r.getString(i)).append('\t');
                        }
                        found.addAll(find("table " + table, row.toString()));
                    }
                }
            }
        }
        assertThat(rows).as("rows searched").isGreaterThanOrEqualTo(minimumRows);
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
