package vn.lienthong.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/ARCHITECTURE.md, each with its reason. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.lienthong");

    @Test
    void coreKnowsNoTransportBrokerOrAdapter() {
        noClasses().that().resideInAPackage("vn.lienthong.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.cxf..", "jakarta.servlet..", "jakarta.ws.rs..", "jakarta.xml.ws..",
                        "jakarta.jms..", "org.apache.activemq..", "org.springframework.web..",
                        "vn.lienthong.rest..", "vn.lienthong.soap..", "vn.lienthong.broker..", "vn.lienthong.dvcqg..",
                        "vn.lienthong.app..", "vn.lienthong.client..")
                .because("the core is the domain and the pipeline; it reaches HTTP, SOAP and the broker only "
                        + "through ports and channels that adapters implement")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("vn.lienthong.rest..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.lienthong.broker..", "vn.lienthong.soap..",
                        "vn.lienthong.dvcqg..", "vn.lienthong.app..")
                .because("adapters meet only in the core's ports; the application wires them")
                .check(CLASSES);
        noClasses().that().resideInAPackage("vn.lienthong.broker..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.lienthong.rest..", "vn.lienthong.soap..",
                        "vn.lienthong.dvcqg..", "vn.lienthong.app..")
                .because("adapters meet only in the core's ports; the application wires them")
                .check(CLASSES);
        noClasses().that().resideInAPackage("vn.lienthong.soap..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.lienthong.rest..", "vn.lienthong.broker..",
                        "vn.lienthong.dvcqg..", "vn.lienthong.app..")
                .because("adapters meet only in the core's ports; the application wires them")
                .check(CLASSES);
        noClasses().that().resideInAPackage("vn.lienthong.dvcqg..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.lienthong.rest..", "vn.lienthong.broker..",
                        "vn.lienthong.soap..", "vn.lienthong.app..")
                .because("adapters meet only in the core's ports; the application wires them")
                .check(CLASSES);
    }

    @Test
    void signatureProfileAndClientStayFreeOfSpring() {
        noClasses().that().resideInAnyPackage("vn.lienthong.signature..", "vn.lienthong.xml..", "vn.lienthong.client..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "vn.lienthong.core..")
                .because("department systems use these without Spring and without the gateway")
                .check(CLASSES);
    }

    @Test
    void portalSimulatorStandsAlone() {
        noClasses().that().resideInAPackage("vn.lienthong.dvcqg.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.slf4j..",
                        "vn.lienthong.core..", "vn.lienthong.dvcqg")
                .because("the simulator runs on its own from a jar of its classes and Jackson alone")
                .check(CLASSES);
        noClasses().that().resideInAPackage("vn.lienthong.dvcqg")
                .should().dependOnClassesThat().resideInAPackage("vn.lienthong.dvcqg.simulator..")
                .because("the portal client knows the real portal only by its settings, not by the simulator's code")
                .check(CLASSES);
    }

    @Test
    void nothingThrowsBareExceptions() {
        noClasses().that().areNotAssignableTo(Throwable.class).should().callConstructor(RuntimeException.class)
                .orShould().callConstructor(RuntimeException.class, String.class)
                .orShould().callConstructor(RuntimeException.class, String.class, Throwable.class)
                .orShould().callConstructor(Exception.class, String.class)
                .because("errors callers see carry a code from the catalogue; others say what failed by their type")
                .check(CLASSES);
        methods().that().areDeclaredInClassesThat().resideOutsideOfPackage("vn.lienthong.client.cli..")
                .should().notDeclareThrowableOfType(Exception.class)
                .because("a declared bare Exception tells the caller nothing (picocli's Callable commands are the exception)")
                .check(CLASSES);
    }

    @Test
    void onlyTheEmbeddedDatabasesFileKnowsH2() {
        noClasses().that().resideOutsideOfPackage("vn.lienthong.app.database..")
                .should().dependOnClassesThat().resideInAPackage("org.h2..")
                .because("the gateway speaks SQL to H2 and PostgreSQL alike; only syncing and compacting H2's file "
                        + "reach under its driver, in one place an H2 upgrade has to check")
                .check(CLASSES);
    }

    @Test
    void packagesAreNamedForWhatTheyDo() {
        classes().should().resideOutsideOfPackages("..util..", "..utils..", "..common..", "..manager..", "..helper..")
                .because("packages are capabilities of the domain, not dumping grounds")
                .check(CLASSES);
    }
}
