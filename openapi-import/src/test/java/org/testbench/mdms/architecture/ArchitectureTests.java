package org.testbench.mdms.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module's shape: features that point one way, libraries kept where they belong, internals private. */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.testbench.mdms");
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("org.testbench.mdms.(*)..").should().beFreeOfCycles()
                .because("catalog, audit, diff, binding and client build on each other in one direction")
                .check(classes);
    }

    @Test
    void catalogKnowsNoOtherFeature() {
        noClasses().that().resideInAPackage("..mdms.catalog..").should().dependOnClassesThat()
                .resideInAnyPackage("..mdms.audit..", "..mdms.diff..", "..mdms.binding..", "..mdms.client..")
                .because("every feature reads the catalog; the catalog reads only the file").check(classes);
    }

    @Test
    void bindingDoesNotKnowHowItIsCalledOrCompared() {
        noClasses().that().resideInAPackage("..mdms.binding..").should().dependOnClassesThat()
                .resideInAnyPackage("..mdms.client..", "..mdms.diff..", "..mdms.audit..")
                .because("a binding is data about the API; the client and the diff use it").check(classes);
    }

    @Test
    void parserTypesStayInsideTheImportAndTheDiff() {
        noClasses().that().resideOutsideOfPackages("..mdms.catalog.internal..", "..mdms.diff..")
                .should().dependOnClassesThat().resideInAnyPackage("io.swagger..", "org.openapitools..")
                .because("the catalog is the API's model for the bench; swagger's classes are an implementation detail")
                .check(classes);
    }

    @Test
    void httpAndCryptographyStayInTheClient() {
        noClasses().that().resideOutsideOfPackages("..mdms.client..", "..mdms.tls..").should().dependOnClassesThat()
                .resideInAnyPackage("okhttp3..", "okio..", "org.bouncycastle..", "com.networknt..")
                .because("only the client talks to the MDMS, validates answers and opens key envelopes, "
                        + "and only the TLS audit probes its endpoint").check(classes);
    }

    @Test
    void internalsAreUsedOnlyByTheirFeature() {
        classes().that().resideInAPackage("..mdms.client.internal..").should().onlyBeAccessed()
                .byAnyPackage("..mdms.client..").because("the client's API is its public package").check(classes);
        classes().that().resideInAPackage("..mdms.binding.internal..").should().onlyBeAccessed()
                .byAnyPackage("..mdms.binding..").because("the binding's API is its public package").check(classes);
        classes().that().resideInAPackage("..mdms.tls.internal..").should().onlyBeAccessed()
                .byAnyPackage("..mdms.tls..").because("the TLS audit's API is its public package").check(classes);
        classes().that().resideInAPackage("..mdms.catalog.internal..").should().onlyBeAccessed()
                .byAnyPackage("..mdms.catalog..", "..mdms.diff..")
                .because("the diff needs the parser's model, which nothing else may see").check(classes);
    }

    @Test
    void nothingPrintsToTheConsole() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("a library logs through SLF4J; the CLI decides what to print").check(classes);
    }
}
