package org.testbench.mdms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingException;

/** The project's published samples ({@code samples/} beside this module), tested here so they stay true. */
public final class Samples {

    private Samples() {
    }

    public static Path bindingFile() {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path file = module.resolveSibling("samples").resolve("bindings").resolve("mdms-v1.binding.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("sample binding missing: " + file);
        }
        return file;
    }

    public static Binding binding() {
        try {
            return Binding.load(bindingFile());
        } catch (BindingException e) {
            throw new AssertionError("the sample binding does not load: " + e.getMessage(), e);
        }
    }
}
