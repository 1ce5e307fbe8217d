package org.testbench.mdms.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.testbench.mdms.Utf8Text;

/** Reads an answer's body up to a limit and says what it is: JSON, HTML, text, broken JSON. */
public final class BodyReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    /** What the body turned out to be. */
    public enum Kind { EMPTY, JSON, HTML, TEXT, INVALID_JSON }

    /**
     * @param bytes     the body, at most the limit
     * @param total     bytes received (more than {@code bytes.length} when cut)
     * @param json      the parsed JSON, or null
     * @param problem   for anything but JSON and EMPTY: what it is, for people
     */
    public record Body(byte[] bytes, long total, boolean truncated, Kind kind, JsonNode json, String problem) {

        /** The body as text, for patterns that match raw bodies. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private BodyReader() {
    }

    /** Reads at most {@code limit} bytes; an {@link IOException} here is a timeout or a broken connection. */
    public static Body read(ResponseBody body, long limit, ReadProgress progress) throws IOException {
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        long total = 0;
        while (total <= limit) {
            long n = source.read(buffer, 8192);
            if (n == -1) {
                break;
            }
            total += n;
            progress.received(total);
        }
        boolean truncated = total > limit;
        byte[] bytes = buffer.readByteArray(Math.min(buffer.size(), limit));
        String contentType = body.contentType() == null ? "" : body.contentType().toString();
        return classify(bytes, total, truncated, contentType);
    }

    /** Called as bytes arrive, so that a failure can say how much came. */
    @FunctionalInterface
    public interface ReadProgress {
        void received(long bytes);
    }

    static Body classify(byte[] bytes, long total, boolean truncated, String contentType) {
        if (bytes.length == 0) {
            return new Body(bytes, total, truncated, Kind.EMPTY, null, "an empty body");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String start = text.stripLeading().replace("\uFEFF", "");
        String lowerType = contentType.toLowerCase(Locale.ROOT);
        String lowerStart = start.length() > 64 ? start.substring(0, 64).toLowerCase(Locale.ROOT) : start.toLowerCase(Locale.ROOT);
        if (lowerType.contains("html") || lowerStart.startsWith("<!doctype html") || lowerStart.startsWith("<html")) {
            Matcher title = TITLE.matcher(text);
            String named = title.find() ? " titled '" + title.group(1).strip().replaceAll("\\s+", " ") + "'" : "";
            return new Body(bytes, total, truncated, Kind.HTML, null, "an HTML page" + named);
        }
        boolean jsonType = lowerType.contains("json");
        if (jsonType || start.startsWith("{") || start.startsWith("[")) {
            try {
                // JSON between systems is UTF-8 (RFC 8259, 8.1): a lenient decoder would turn a bad byte into
                // U+FFFD and make a damaged answer look like JSON with other names and values.
                JsonNode node = JSON.readTree(Utf8Text.decode(bytes));
                return new Body(bytes, total, truncated, Kind.JSON, node, null);
            } catch (Utf8Text.Malformed e) {
                return new Body(bytes, total, truncated, Kind.INVALID_JSON, null, "invalid JSON: " + e.getMessage()
                        + (truncated ? " (cut at the body limit of " + bytes.length + " bytes)" : ""));
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column "
                        + e.getLocation().getColumnNr();
                String first = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
                return new Body(bytes, total, truncated, Kind.INVALID_JSON, null, "invalid JSON" + where + ": " + first
                        + (truncated ? " (cut at the body limit of " + bytes.length + " bytes)" : ""));
            }
        }
        String shown = text.strip().replaceAll("\\s+", " ");
        return new Body(bytes, total, truncated, Kind.TEXT, null, "plain text '"
                + (shown.length() > 80 ? shown.substring(0, 80) + "…" : shown) + "'");
    }
}
