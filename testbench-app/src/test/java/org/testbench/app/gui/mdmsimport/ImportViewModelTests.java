package org.testbench.app.gui.mdmsimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.app.runs.BundledSamples;
import org.testbench.app.runs.MdmsFiles;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.diff.ApiDiff;
import org.testbench.mdms.diff.ApiDiffReport;

/** The MDMS import screen's logic on the shipped APIs: v1 is in use, v2 is imported. */
class ImportViewModelTests {

    @TempDir
    Path dir;

    private final ImportViewModel model = new ImportViewModel();

    private ImportResult importV2AgainstV1() throws Exception {
        MdmsFiles v1 = MdmsFiles.extract(dir);
        Path v2 = BundledSamples.openApi("mdms-v2.yaml", dir);
        return ImportViewModel.importSpec(v2, Optional.of(new ImportResult.InUse("the lab", v1.spec(), v1.binding())));
    }

    @Test
    void theChangesFromTheApiInUseAreShownInSentences() throws Exception {
        ImportResult result = importV2AgainstV1();
        model.show(result);

        ApiCatalog v1 = SpecImporter.defaults().importFile(dir.resolve("openapi").resolve("mdms-v1.yaml"));
        ApiDiffReport expected = ApiDiff.compare(v1, result.catalog());
        assertThat(model.diffSummaryProperty().get()).contains(expected.changes().size() + " endpoint(s) differ")
                .contains(expected.breakingChanges().size() + " breaking").contains("the lab");
        assertThat(model.changes()).hasSize(expected.changes().size());
        assertThat(model.operations()).hasSize(result.catalog().operations().size());
    }

    @Test
    void theBindingInUseIsCheckedAgainstTheNewApi() throws Exception {
        ImportResult result = importV2AgainstV1();
        model.show(result);
        assertThat(model.validate()).as(model.bindingStatusProperty().get()).isTrue();

        model.loadBindingInUse();

        boolean usable = Binding.load(result.inUse().get().binding()).validate(result.catalog()).isUsable();
        assertThat(model.validate()).isEqualTo(usable);
        assertThat(model.bindingStatusProperty().get()).startsWith(usable ? "Binding usable" : "Binding NOT usable");
        assertThat(model.bindingProblems()).isNotEmpty();
    }

    @Test
    void theEditedBindingIsSavedAsWrittenAndAnUnreadableOneIsNot() throws Exception {
        model.show(importV2AgainstV1());
        String edited = model.bindingTextProperty().get() + "# checked by the engineer\n";
        model.bindingTextProperty().set(edited);
        Path file = dir.resolve("out").resolve("mdms-v2.binding.yaml");

        model.save(file);

        assertThat(Files.readString(file)).isEqualTo(edited);
        Binding.load(file); // loads back

        model.bindingTextProperty().set("capabilities: [");
        assertThatThrownBy(() -> model.save(file)).isInstanceOf(BindingException.class);
        assertThat(Files.readString(file)).isEqualTo(edited);
    }
}
