package org.testbench.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and package rules of docs/architecture.md, checked on the compiled classes. */
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

    /**
     * The engine runs steps against the instruments' interfaces (bench, meters, MDMS, broker); how they talk
     * (serial ports, sockets, HTTP, MQTT, DLMS, a database, a PDF) is the drivers', the store's and the
     * reports' business, so the engine is tested with any instrument and no wire.
     */
    @Test
    void theSequenceEngineAndLanguageUseNoInputOutputLibrary() {
        noClasses().that().resideInAnyPackage("org.testbench.sequences.engine..", "org.testbench.sequences.language..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..",
                        "java.nio.channels..", "com.fazecast..", "gurux..", "okhttp3..", "okio..",
                        "org.eclipse.paho..", "io.moquette..", "org.h2..", "org.postgresql..", "com.zaxxer..",
                        "org.flywaydb..", "org.apache.pdfbox..", "org.bouncycastle..", "javafx..",
                        "org.testbench.sequences.results..", "org.testbench.sequences.report..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .because("the engine decides what to do and judges it; the drivers do the input and output")
                .check(classes);
    }

    /**
     * The one exception, and why: the diff compares two parsed OpenAPI models, which the catalog keeps internal
     * so that nothing else depends on swagger-parser's model.
     */
    private static final Map<String, List<String>> ALSO_USED_BY = Map.of(
            "org.testbench.mdms.catalog", List.of("org.testbench.mdms.diff"));

    /**
     * A package named {@code internal} is the implementation of its parent package: only the parent and the
     * parent's other subpackages use it, whatever module it lives in ({@link #ALSO_USED_BY} names the exception).
     */
    @Test
    void everyInternalPackageIsUsedOnlyByItsParentPackage() {
        classes().that().resideInAPackage("..internal..")
                .should(beUsedOnlyFromTheirParentPackage())
                .because("internal packages hide how a feature works, so it can change without breaking callers")
                .check(classes);
    }

    private static ArchCondition<JavaClass> beUsedOnlyFromTheirParentPackage() {
        return new ArchCondition<>("be used only from their parent package") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String name = internal.getPackageName();
                String parent = name.substring(0, name.indexOf(".internal"));
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    String user = dependency.getOriginClass().getPackageName();
                    boolean allowed = ALSO_USED_BY.getOrDefault(parent, List.of()).stream()
                            .anyMatch(p -> user.equals(p) || user.startsWith(p + "."));
                    if (!allowed && !user.equals(parent) && !user.startsWith(parent + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ": " + user + " is outside " + parent));
                    }
                }
            }
        };
    }
}
