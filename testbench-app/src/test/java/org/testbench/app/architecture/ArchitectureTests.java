package org.testbench.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules DESIGN.md and STYLE.md set for the whole code base, checked on the compiled classes. */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.testbench");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.testbench.(*).(*)..").should().beFreeOfCycles()
                .because("packages by feature depend one way, so each can be understood and tested alone")
                .check(classes);
    }

    @Test
    void driversDoNotKnowTheVirtualLab() {
        noClasses().that().resideInAPackage("org.testbench.drivers..")
                .should().dependOnClassesThat().resideInAPackage("org.testbench.lab..")
                .because("a simulator that shares the driver's code would share its bugs (docs/decisions/0002)")
                .check(classes);
    }

    @Test
    void theVirtualLabDoesNotKnowTheDrivers() {
        noClasses().that().resideInAPackage("org.testbench.lab..")
                .should().dependOnClassesThat().resideInAPackage("org.testbench.drivers..")
                .because("the lab is an independent implementation of the same standards (docs/decisions/0002)")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrintsToTheConsole() {
        noClasses().that().resideOutsideOfPackage("org.testbench.app.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("libraries log with SLF4J; only the CLI prints for people")
                .check(classes);
    }

    @Test
    void driversDoNotDependOnTheApp() {
        noClasses().that().resideInAnyPackage("org.testbench.drivers..", "org.testbench.lab..")
                .should().dependOnClassesThat().resideInAPackage("org.testbench.app..")
                .because("dependencies point from the app to the drivers, never back")
                .check(classes);
    }
}
