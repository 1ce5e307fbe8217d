package org.testbench.mdms.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Removes secrets from what the client records and logs, and cuts bodies to an excerpt. Works by
 * name (headers, query parameters and JSON fields that carry credentials or keys), by value (the
 * bearer token and other known secrets, wherever they appear) and by shape (long Base64 runs and PEM
 * private keys in text that is not JSON).
 */
public final class Redactor {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "api-key", "x-auth-token", "x-access-token");
    private static final Set<String> SECRET_FIELDS = Set.of("ek", "ak", "key", "keys", "apikey", "api_key",
            "envelope", "authorization", "credentials", "privatekey", "private_key", "masterkey", "kek");
    private static final Pattern SECRET_WORDS = Pattern.compile("(?i)(token|password|passwd|secret|private.?key)");
    /** A credential or key written as {@code name=value} or {@code name: value} in text. */
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)\\b(token|access_token|password|passwd|secret|api_?key|key|ek|ak|kek)(\\s*[=:]\\s*)(\"?)[^\\s\",;&]+");
    /** 16 bytes and more in hex: an AES key looks like this. */
    private static final Pattern LONG_HEX = Pattern.compile("\\b[0-9A-Fa-f]{32,}\\b");
    /** 16 bytes and more in Base64; long words and paths stay ({@link #CAMEL_CASE_WORD}, {@link #PATH_SEGMENT}). */
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/]{22,}={0,2}");
    /**
     * A word or identifier ({@code getMeterReadingsByInterval}): lower-case letters with single capitals, each
     * followed by a lower-case letter. Random Base64 without a digit (one key in forty) is one in ten thousand times.
     */
    private static final Pattern CAMEL_CASE_WORD = Pattern.compile("[A-Za-z][a-z]+(?:[A-Z][a-z]+)*");
    /**
     * A path segment as people write them: a number, or a lower-case word with digits and camel-case humps
     * ({@code v1}, {@code meters}, {@code loadSwitchCommands}). Random Base64 of a key almost never splits into
     * such segments only, so a run made of them is a path ({@code 8080/api/v1/meters/26000001}), not a secret.
     */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[0-9]*|[a-z][a-z0-9]*(?:[A-Z][a-z]{2,}[0-9]*)*");
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL);
    private static final String REDACTED = "<redacted>";

    private final List<String> secrets;
    private final java.util.function.Supplier<List<String>> laterSecrets;
    private final int excerptBytes;

    /** @param secrets values to remove wherever they appear (the bearer token, passwords) */
    public Redactor(List<String> secrets, int excerptBytes) {
        this(secrets, List::of, excerptBytes);
    }

    /**
     * @param laterSecrets asked each time: secrets learnt while running (an OAuth2 access token)
     */
    public Redactor(List<String> secrets, java.util.function.Supplier<List<String>> laterSecrets, int excerptBytes) {
        this.secrets = longestFirst(secrets);
        this.laterSecrets = laterSecrets;
        this.excerptBytes = excerptBytes;
    }

    private static List<String> longestFirst(List<String> secrets) {
        List<String> sorted = new ArrayList<>(secrets.stream().filter(s -> s != null && s.length() >= 4).toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }

    public String header(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SECRET_HEADERS.contains(lower) || SECRET_WORDS.matcher(lower).find()) {
            // The scheme stays readable ("Bearer"); the credential does not.
            int space = value.indexOf(' ');
            return lower.endsWith("authorization") && space > 0 ? value.substring(0, space) + " " + REDACTED : REDACTED;
        }
        return text(value);
    }

    public String url(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder();
        for (String name : url.queryParameterNames()) {
            if (isSecretField(name)) {
                b.setQueryParameter(name, REDACTED);
            }
        }
        return text(b.build().toString());
    }

    /**
     * Text with secrets removed: the known ones wherever they are, and whatever looks like a key or
     * credential (named values, long hex and Base64 runs, PEM private keys). Used for every message,
     * finding and text body the client records.
     */
    public String text(String value) {
        String result = value;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        for (String secret : longestFirst(laterSecrets.get())) {
            result = result.replace(secret, REDACTED);
        }
        result = PEM_PRIVATE_KEY.matcher(result).replaceAll("<private key removed>");
        result = NAMED_SECRET.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + m.group(3) + REDACTED));
        result = LONG_HEX.matcher(result).replaceAll(m -> "<hex removed, " + m.group().length() + " digits>");
        return LONG_BASE64.matcher(result).replaceAll(m -> isReadablePath(m.group()) || CAMEL_CASE_WORD.matcher(m.group()).matches() ? Matcher.quoteReplacement(m.group())
                : "<Base64 removed, " + m.group().length() + " characters>");
    }

    /** A run of Base64 characters that is a URL's port and path, not a key: see {@link #PATH_SEGMENT}. */
    private static boolean isReadablePath(String run) {
        if (run.indexOf('/') < 0 || run.indexOf('+') >= 0 || run.endsWith("=")) {
            return false;
        }
        for (String segment : run.split("/", -1)) {
            if (!PATH_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An excerpt of a body: JSON with secret fields blanked, or text with secrets and key-like runs removed. */
    public String body(byte[] body, long totalBytes, JsonNode parsedJson) {
        if (body.length == 0) {
            return "";
        }
        String excerpt;
        if (parsedJson != null && parsedJson.isContainerNode()) {
            JsonNode copy = parsedJson.deepCopy();
            blankSecrets(copy);
            excerpt = text(copy.toString());
        } else if (looksBinary(body)) {
            return "<" + totalBytes + " bytes of binary data>";
        } else {
            excerpt = text(new String(body, StandardCharsets.UTF_8));
        }
        return cut(excerpt, totalBytes);
    }

    /** A request body we built ourselves: always JSON or empty. */
    public String body(JsonNode requestBody) {
        if (requestBody == null) {
            return "";
        }
        JsonNode copy = requestBody.deepCopy();
        blankSecrets(copy);
        String text = text(copy.toString());
        return cut(text, text.length());
    }

    private String cut(String excerpt, long totalBytes) {
        if (excerpt.length() <= excerptBytes) {
            return excerpt;
        }
        return excerpt.substring(0, excerptBytes) + "… (" + totalBytes + " bytes in all)";
    }

    private static boolean looksBinary(byte[] body) {
        int n = Math.min(body.length, 512);
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecretField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_FIELDS.contains(lower) || SECRET_WORDS.matcher(lower).find();
    }

    private static void blankSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (isSecretField(name) && !value.isNull()) {
                    object.put(name, value.isTextual() ? "<redacted, " + value.asText().length() + " characters>" : REDACTED);
                } else {
                    blankSecrets(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Redactor::blankSecrets);
        }
    }

    /** Header map with secrets removed, in the given order. */
    public Map<String, String> headers(Headers headers) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            result.merge(headers.name(i), header(headers.name(i), headers.value(i)), (a, b) -> a + ", " + b);
        }
        return result;
    }
}
