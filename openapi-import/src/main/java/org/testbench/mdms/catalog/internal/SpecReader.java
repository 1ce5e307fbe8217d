package org.testbench.mdms.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.SourceLocation;
import org.testbench.mdms.Utf8Text;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImportException.Problem;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecSource;
import org.testbench.mdms.catalog.SpecVersion;
import org.testbench.mdms.internal.LocatedTree;
import org.testbench.mdms.internal.LocatedTreeReader;
import org.testbench.mdms.internal.TextSyntaxException;

/**
 * Reads a specification file into a catalog and the parser's model.
 *
 * <p>The text is parsed here first (YAML or JSON, with line numbers, with the caller's size limit),
 * checked (is it OpenAPI, do its references lead somewhere), and only then handed to swagger-parser
 * as JSON. JSON keeps swagger-parser's SnakeYAML, and its 3 MiB code-point limit, out of the way
 * without touching its global options; the parser still resolves references ({@code resolve}, never
 * {@code resolveFully}, which takes minutes and gigabytes on large 3.1 documents).
 */
public final class SpecReader {

    private static final Logger LOG = LoggerFactory.getLogger(SpecReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code /paths/{path}/{method}} and {@code /components/{kind}/{name}}: enough to place every message. */
    private static final int REMEMBER_DEPTH = 3;

    private final long maxFileSize;
    private final boolean allowRemoteReferences;

    public SpecReader(long maxFileSize, boolean allowRemoteReferences) {
        if (maxFileSize <= 0 || maxFileSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maximum file size must be between 1 byte and 2 GiB, got " + maxFileSize);
        }
        this.maxFileSize = maxFileSize;
        this.allowRemoteReferences = allowRemoteReferences;
    }

    public ParsedSpec read(Path file) throws SpecImportException {
        long started = System.nanoTime();
        byte[] bytes = readBytes(file);
        SpecSource source = new SpecSource(file, sha256(bytes), bytes.length);
        String text = decode(file, bytes);
        LocatedTree tree;
        try {
            tree = new LocatedTreeReader((int) maxFileSize, REMEMBER_DEPTH).read(text);
        } catch (TextSyntaxException e) {
            throw new SpecImportException(Problem.SYNTAX, file, e.location().orElse(null),
                    "not well-formed " + (LocatedTreeReader.looksLikeJson(text) ? "JSON" : "YAML") + ": " + e.problem(),
                    List.of(), e);
        }
        List<String> warnings = new ArrayList<>();
        SpecVersion version = detectVersion(file, tree, warnings);
        new ReferenceChecker(file, allowRemoteReferences).check(tree);
        OpenAPI model = parse(file, version, tree, warnings);
        ApiCatalog catalog = new CatalogBuilder(model, version, tree, warnings).build(source);
        LOG.debug("Imported {} in {} ms: {} operations, {} warnings", file,
                (System.nanoTime() - started) / 1_000_000, catalog.operations().size(), catalog.warnings().size());
        catalog.warnings().forEach(w -> LOG.debug("{}: {}", file.getFileName(), w));
        return new ParsedSpec(catalog, model);
    }

    private byte[] readBytes(Path file) throws SpecImportException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new SpecImportException(Problem.UNREADABLE, file, null,
                        Files.exists(file) ? "not a regular file" : "no such file (" + file.toAbsolutePath() + ")");
            }
            long size = Files.size(file);
            if (size > maxFileSize) {
                throw new SpecImportException(Problem.TOO_LARGE, file, null, String.format(
                        "%,d bytes is over the import limit of %,d bytes (raise it with SpecImporter.withMaxFileSize)",
                        size, maxFileSize));
            }
            if (size == 0) {
                throw new SpecImportException(Problem.SYNTAX, file, null, "the file is empty");
            }
            return Files.readAllBytes(file);
        } catch (SpecImportException e) {
            throw e;
        } catch (IOException e) {
            throw new SpecImportException(Problem.UNREADABLE, file, null, "cannot read: " + e, List.of(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static String decode(Path file, byte[] bytes) throws SpecImportException {
        try {
            return Utf8Text.decode(bytes);
        } catch (Utf8Text.Malformed e) {
            throw new SpecImportException(Problem.ENCODING, file, e.location(), e.getMessage(), List.of(), e);
        }
    }

    private static SpecVersion detectVersion(Path file, LocatedTree tree, List<String> warnings) throws SpecImportException {
        JsonNode root = tree.root();
        if (!root.isObject()) {
            throw new SpecImportException(Problem.NOT_OPENAPI, file, new SourceLocation(1, 1),
                    "not an OpenAPI document: the top level is " + describe(root) + ", not a mapping");
        }
        JsonNode openapi = root.get("openapi");
        JsonNode swagger = root.get("swagger");
        if (openapi == null && swagger == null) {
            List<String> names = new ArrayList<>();
            root.fieldNames().forEachRemaining(names::add);
            throw new SpecImportException(Problem.NOT_OPENAPI, file, new SourceLocation(1, 1),
                    "not an OpenAPI document: no top-level 'openapi' or 'swagger' field (found: "
                            + String.join(", ", names.subList(0, Math.min(10, names.size()))) + ")");
        }
        String field = openapi != null ? "openapi" : "swagger";
        JsonNode value = openapi != null ? openapi : swagger;
        SourceLocation at = tree.locations().get("/" + field);
        if (value.isNumber()) {
            // `openapi: 3.0` unquoted is a YAML number; the parser wants text. Read it as meant.
            warnings.add("'" + field + "' is written as a number (" + value.asText() + "); it should be a quoted string");
            ((ObjectNode) root).put(field, value.asText());
            value = root.get(field);
        }
        String text = value.asText("");
        if (openapi != null && (text.equals("3.0") || text.startsWith("3.0."))) {
            return SpecVersion.OPENAPI_3_0;
        }
        if (openapi != null && (text.equals("3.1") || text.startsWith("3.1."))) {
            return SpecVersion.OPENAPI_3_1;
        }
        if (openapi == null && text.equals("2.0")) {
            return SpecVersion.SWAGGER_2_0;
        }
        throw new SpecImportException(Problem.UNSUPPORTED_VERSION, file, at,
                field + " version '" + text + "' is not supported (expected OpenAPI 3.0.x, 3.1.x or Swagger 2.0)");
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "plain text";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static OpenAPI parse(Path file, SpecVersion version, LocatedTree tree, List<String> warnings)
            throws SpecImportException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(false);
        options.setFlatten(false);
        String json;
        try {
            json = JSON.writeValueAsString(tree.root());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree could not be written back as JSON", e);
        }
        SwaggerParseResult result;
        try {
            if (version == SpecVersion.SWAGGER_2_0) {
                // The 2.0 reader takes no base location with contents: with external references it must read the file.
                result = ReferenceChecker.hasExternalReferences(tree)
                        ? new SwaggerConverter().readLocation(file.toAbsolutePath().toString(), null, options)
                        : new SwaggerConverter().readContents(json, null, options);
            } else {
                result = new OpenAPIV3Parser().readContents(json, null, options, file.toAbsolutePath().toString());
            }
        } catch (RuntimeException e) {
            throw new SpecImportException(Problem.INVALID, file, null, "the OpenAPI parser failed: " + e,
                    List.of(), e);
        }
        List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
        if (result == null || result.getOpenAPI() == null) {
            throw new SpecImportException(Problem.INVALID, file, null,
                    "the OpenAPI parser could not build a model", messages, null);
        }
        for (String message : messages) {
            if (message == null) {
                continue;
            }
            // OpenAPI 3.1 made `responses` optional; the parser still reports it missing.
            if (version == SpecVersion.OPENAPI_3_1 && message.endsWith(".responses is missing")) {
                continue;
            }
            warnings.add(message);
        }
        return result.getOpenAPI();
    }
}
