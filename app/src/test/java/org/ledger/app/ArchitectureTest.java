package org.ledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the shape of DESIGN.md §8 honest: what each module may and may not depend on. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ledger");
    }

    @Test
    void theKernelDependsOnNothingOfSpringOrJpa() {
        noClasses().that().resideInAPackage("org.ledger.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "org.hibernate..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theKernelDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.ledger.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.ledger.command..", "org.ledger.query..", "org.ledger.app..")
                .check(classes);
    }

    @Test
    void theCommandSideNeverReadsProjections() {
        noClasses().that().resideInAPackage("org.ledger.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ledger.query..")
                .check(classes);
    }

    /**
     * The command side touches the database only through Axon, except for its own lookup tables (set-based
     * validation such as "the unit exists"), which live in {@code registry} packages and are written in the
     * same transaction as the events they follow.
     */
    @Test
    void theCommandSideUsesSqlOnlyForItsOwnRegistries() {
        noClasses().that().resideInAPackage("org.ledger.command..")
                .and().resideOutsideOfPackage("..registry..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..",
                        "org.springframework.data..", "org.springframework.jdbc..", "java.sql..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverHandlesOrSendsCommands() {
        methods().that().areDeclaredInClassesThat().resideInAPackage("org.ledger.query..")
                .should().notBeAnnotatedWith(org.axonframework.commandhandling.CommandHandler.class)
                .check(classes);
        noClasses().that().resideInAPackage("org.ledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ledger.command..",
                        "org.axonframework.commandhandling..")
                .check(classes);
    }

    @Test
    void aggregatesDoNoIoAndReadNoClock() {
        noClasses().that().resideInAnyPackage("org.ledger.command.issue..", "org.ledger.command.rectification..",
                        // the unit aggregate's package; its registry subpackage is the command side's lookup table
                        "org.ledger.command.unit")
                .and().haveSimpleNameNotEndingWith("Controller")
                .and().haveSimpleNameNotEndingWith("Policy")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.net..", "java.sql..")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(classes);
    }

    @Test
    void controllersArePackagePrivate() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().notBePublic()
                .check(classes);
    }
}
