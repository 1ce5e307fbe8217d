package org.testbench.mdms.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large, realistic OpenAPI 3.0 document: groups of five operations (list, create, get,
 * replace, delete) on generated resources, each with parameters, a described schema and error
 * responses. 2000 operations make about 4 MB of YAML, past SnakeYAML's default 3 MiB limit.
 */
public final class GeneratedSpec {

    private GeneratedSpec() {
    }

    public static Path write(Path directory, int operations) throws IOException {
        Path file = directory.resolve("generated-" + operations + ".yaml");
        Files.writeString(file, yaml(operations), StandardCharsets.UTF_8);
        return file;
    }

    public static String yaml(int operations) {
        int groups = Math.max(1, operations / 5);
        StringBuilder b = new StringBuilder(operations * 2200);
        b.append("openapi: 3.0.3\ninfo:\n  title: Generated MDMS\n  version: 9.9.").append(operations).append('\n');
        b.append("servers:\n  - url: https://mdms.example.net\nsecurity:\n  - bearerAuth: []\npaths:\n");
        for (int g = 0; g < groups; g++) {
            String r = "resource" + g;
            b.append("  /").append(r).append("s:\n");
            operation(b, "get", "list" + g, "List the " + r + " records, a page at a time.", false, "200", r + "Page");
            operation(b, "post", "create" + g, "Create a " + r + " record from the body.", true, "201", "R" + g);
            b.append("  /").append(r).append("s/{id}:\n");
            b.append("    parameters:\n      - name: id\n        in: path\n        required: true\n")
                    .append("        description: Identifier of the ").append(r).append(".\n")
                    .append("        schema:\n          type: string\n          pattern: '^[A-Za-z0-9-]{1,64}$'\n");
            operation(b, "get", "get" + g, "Read one " + r + " record by its identifier.", false, "200", "R" + g);
            operation(b, "put", "replace" + g, "Replace one " + r + " record with the body.", true, "200", "R" + g);
            operation(b, "delete", "delete" + g, "Delete one " + r + " record.", false, "204", null);
        }
        b.append("components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n");
        b.append("  responses:\n");
        for (String[] e : new String[][] {{"BadRequest", "The request is not valid."},
                {"NotFound", "No such record."}, {"InternalError", "A fault of the server."}}) {
            b.append("    ").append(e[0]).append(":\n      description: ").append(e[1])
                    .append("\n      content:\n        application/json:\n          schema:\n")
                    .append("            $ref: '#/components/schemas/Error'\n");
        }
        b.append("  schemas:\n    Error:\n      type: object\n      required: [code, message]\n      properties:\n")
                .append("        code:\n          type: string\n        message:\n          type: string\n");
        for (int g = 0; g < groups; g++) {
            b.append("    R").append(g).append(":\n      type: object\n      description: A generated record with ten fields.\n")
                    .append("      required: [id, name]\n      properties:\n");
            for (int f = 0; f < 10; f++) {
                b.append("        field").append(f).append(":\n          type: ").append(f % 3 == 0 ? "integer" : "string")
                        .append("\n          description: Field ").append(f).append(" of record ").append(g).append(".\n")
                        .append("          example: ").append(f % 3 == 0 ? Integer.toString(f * 7) : "'value-" + f + "'").append('\n');
            }
            b.append("        id:\n          type: string\n        name:\n          type: string\n");
            b.append("    resource").append(g).append("Page:\n      type: object\n      properties:\n")
                    .append("        items:\n          type: array\n          items:\n            $ref: '#/components/schemas/R")
                    .append(g).append("'\n        total:\n          type: integer\n");
        }
        return b.toString();
    }

    private static void operation(StringBuilder b, String method, String id, String description, boolean body,
                                  String success, String schema) {
        b.append("    ").append(method).append(":\n      operationId: ").append(id)
                .append("\n      summary: ").append(id).append("\n      description: |\n        ").append(description)
                .append("\n        Generated to measure the importer on documents of vendor size. The text is as long as\n")
                .append("        a vendor's usually is: it says what the operation does, which rights it needs, how it\n")
                .append("        pages, and which errors it answers with, so that the size per operation is realistic.\n");
        b.append("      parameters:\n        - name: X-Request-Id\n          in: header\n          required: false\n")
                .append("          description: Correlates the request with the server's logs.\n")
                .append("          schema:\n            type: string\n            format: uuid\n");
        if (body) {
            b.append("      requestBody:\n        required: true\n        content:\n          application/json:\n")
                    .append("            schema:\n              $ref: '#/components/schemas/").append(schema).append("'\n")
                    .append("            example:\n              id: abc-1\n              name: example\n");
        }
        b.append("      responses:\n        '").append(success).append("':\n          description: Success.\n");
        if (schema != null) {
            b.append("          content:\n            application/json:\n              schema:\n")
                    .append("                $ref: '#/components/schemas/").append(schema).append("'\n")
                    .append("              examples:\n                typical:\n                  value:\n");
            for (int f = 0; f < 10; f++) {
                b.append("                    field").append(f).append(": ").append(f % 3 == 0 ? Integer.toString(f * 7) : "value-" + f).append('\n');
            }
        }
        b.append("        '400':\n          $ref: '#/components/responses/BadRequest'\n")
                .append("        '404':\n          $ref: '#/components/responses/NotFound'\n")
                .append("        '401':\n          $ref: '#/components/responses/BadRequest'\n")
                .append("        '403':\n          $ref: '#/components/responses/BadRequest'\n")
                .append("        '500':\n          $ref: '#/components/responses/InternalError'\n")
                .append("        '503':\n          $ref: '#/components/responses/InternalError'\n");
    }
}
