package org.testbench.app.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The reference MDMS's OpenAPI file and its binding, shipped inside the jar, written next to the lab's
 * keystore so that the endpoints file can point at them wherever the jar runs. They keep the layout of
 * {@code samples/} ({@code openapi/}, {@code bindings/}) because the binding names its spec relative to
 * itself ({@code spec: ../openapi/mdms-v1.yaml}).
 */
public record MdmsFiles(Path spec, Path binding) {

    public static final String SPEC_RESOURCE = "/samples/openapi/mdms-v1.yaml";
    public static final String BINDING_RESOURCE = "/samples/bindings/mdms-v1.binding.yaml";

    public static MdmsFiles extract(Path dir) throws IOException {
        return extract(dir, "mdms-v1.yaml", "mdms-v1.binding.yaml");
    }

    /** The spec and binding of one of the lab MDMS's dialects, by their file names in {@code samples/}. */
    public static MdmsFiles extract(Path dir, String specFile, String bindingFile) throws IOException {
        return new MdmsFiles(copy("/samples/openapi/" + specFile, dir.resolve("openapi").resolve(specFile)),
                copy("/samples/bindings/" + bindingFile, dir.resolve("bindings").resolve(bindingFile)));
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = MdmsFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar (build with mvn package)");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
