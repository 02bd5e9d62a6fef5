package org.vigilvms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The console and the API are a thin shell over the services: together with them they form no
 * package cycle, and they never touch the database themselves, so every decision stays in the
 * EJB layer where access control is.
 */
class WebArchitectureTest {

    private static final String[] WEB = {"org.vigilvms.api", "org.vigilvms.console", "org.vigilvms.login", "org.vigilvms.push"};

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vigilvms");

    @Test
    void webAndServicesTogetherHaveNoPackageCycle() {
        slices().matching("org.vigilvms.(**)").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void theWebLayerNeverQueriesTheDatabase() {
        noClasses().that().resideInAnyPackage(WEB)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                .because("rights are enforced in the EJB layer, which owns every query")
                .check(ALL);
    }

    @Test
    void noServiceDependsOnTheWebLayer() {
        noClasses().that().resideOutsideOfPackages(WEB)
                .should().dependOnClassesThat().resideInAnyPackage(WEB)
                .check(ALL);
    }
}
