package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.testbench.mdms.audit.ApiAuditor;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.diff.ApiDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports an MDMS's OpenAPI file (OpenAPI 3.0, 3.1 or Swagger 2.0, YAML or JSON) and prints "
                + "what the bench sees in it: title, version and operations; the documentation audit (what each "
                + "operation is missing, and the overall figures); the changes from a previous version "
                + "(--previous), breaking or compatible, in sentences; and the binding the bench suggests "
                + "(written to a file with --binding-out).",
                "With --binding, an existing binding is checked against the file: its validation problems and, "
                        + "with --previous, the entries the changes break."},
        footer = {"", "Exit codes: 0 imported (and the binding given with --binding still fits); 1 the binding "
                + "given with --binding is broken: by the changes from --previous, or, without --previous, it does "
                + "not validate against SPEC; 2 a file that cannot be read (file:line:column on stderr).",
                "", "Examples:",
                "  testbench import samples/openapi/mdms-v1.yaml",
                "  testbench import vendor-api.yaml --binding-out vendor.binding.yaml",
                "  testbench import samples/openapi/mdms-v2.yaml \\",
                "      --previous samples/openapi/mdms-v1.yaml \\",
                "      --binding samples/bindings/mdms-v1.binding.yaml --json"})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The OpenAPI file to import.")
    Path specFile;

    @Option(names = "--previous", paramLabel = "OLD",
            description = "The previous version of the API: report what changed from it.")
    Path previous;

    @Option(names = "--binding", paramLabel = "FILE",
            description = "An existing binding to check against SPEC (and, with --previous, against the changes).")
    Path binding;

    @Option(names = "--binding-out", paramLabel = "FILE",
            description = "Write the suggested binding to FILE, naming SPEC relative to it (spec:), for an engineer "
                    + "to confirm.")
    Path bindingOut;

    @Option(names = "--json", description = "Print one JSON object for machines: catalog, audit, diff, binding.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ApiCatalog catalog = importSpec(specFile);
        ApiCatalog old = previous == null ? null : importSpec(previous);
        Binding given = binding == null ? null : loadBinding(binding);
        SuggestedBinding suggested = Binding.suggest(catalog);
        ImportReport report = new ImportReport(specFile, catalog, new ApiAuditor().audit(catalog),
                Optional.ofNullable(previous), Optional.ofNullable(old).map(o -> diff(o, catalog)), suggested,
                Optional.ofNullable(bindingOut), Optional.ofNullable(binding), Optional.ofNullable(given));
        if (bindingOut != null) {
            writeSuggestion(suggested);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report.toJson()));
        } else {
            report.print(out);
        }
        if (report.bindingBroken()) {
            spec.commandLine().getErr().println("testbench import: verification failed: " + report.brokenSummary());
            return ExitCode.VERIFICATION_FAILED;
        }
        return ExitCode.OK;
    }

    /** The file is read twice (openapi-diff needs the parser's model); the second reading checks it did not change. */
    private static org.testbench.mdms.diff.ApiDiffReport diff(ApiCatalog old, ApiCatalog catalog) {
        try {
            return ApiDiff.compare(old, catalog);
        } catch (SpecImportException e) {
            throw new UserException(oneLine(e.getMessage()));
        }
    }

    static ApiCatalog importSpec(Path file) {
        try {
            return SpecImporter.defaults().importFile(file);
        } catch (SpecImportException e) {
            // Already "name:line:column: what" (the parser's own remarks in brackets); one line for the terminal.
            throw new UserException(oneLine(e.getMessage()));
        }
    }

    static Binding loadBinding(Path file) {
        try {
            return Binding.load(file);
        } catch (BindingException e) {
            throw new UserException(oneLine(e.getMessage()));
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().lines().map(String::strip).collect(Collectors.joining(" "));
    }

    /** The suggestion names SPEC relative to where it is written, so that {@code testbench mdms} finds it. */
    private void writeSuggestion(SuggestedBinding suggested) {
        Path dir = bindingOut.toAbsolutePath().getParent();
        Path relative = dir.relativize(specFile.toAbsolutePath().normalize());
        SuggestedBinding named = new SuggestedBinding(suggested.binding().withSpec(relative), suggested.suggestions(),
                suggested.unbound());
        try {
            Files.createDirectories(dir);
            Files.writeString(bindingOut, named.toYaml());
        } catch (IOException e) {
            throw new UserException("cannot write the suggested binding to " + bindingOut + ": " + e.getMessage());
        }
    }
}
