package org.vigilvms;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the services, enforced: dependencies point one way (no cycles), the
 * foundation and the security core depend on no feature, the message contracts on nothing, and
 * the recorder role reaches nothing of users, rights or the audit trail. A change that breaks
 * one of these fails the build with the offending classes named.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vigilvms");

    /** What every service may use: the clock, paths, keys, logging, video helpers, the evidence format, the message contracts. */
    private static final String[] FOUNDATION = {"org.vigilvms.platform", "org.vigilvms.logging", "org.vigilvms.persistence",
            "org.vigilvms.keys", "org.vigilvms.video", "org.vigilvms.evidence..", "org.vigilvms.jms.."};

    @Test
    void noPackageCycles() {
        slices().matching("org.vigilvms.(**)").should().beFreeOfCycles().check(SERVICES);
    }

    @Test
    void theFoundationUsesNoFeature() {
        mayOnlyUse("org.vigilvms.platform", FOUNDATION).check(SERVICES);
        mayOnlyUse("org.vigilvms.keys", FOUNDATION).check(SERVICES);
        mayOnlyUse("org.vigilvms.video", FOUNDATION).check(SERVICES);
        mayOnlyUse("org.vigilvms.logging", FOUNDATION).check(SERVICES);
        mayOnlyUse("org.vigilvms.persistence", FOUNDATION).check(SERVICES);
    }

    @Test
    void theMessageContractsDependOnNothingOfTheServices() {
        mayOnlyUse("org.vigilvms.jms..", "org.vigilvms.jms..").check(SERVICES);
    }

    @Test
    void auditAndAccessControlSitBelowEveryFeature() {
        mayOnlyUse("org.vigilvms.audit", FOUNDATION).check(SERVICES);
        mayOnlyUse("org.vigilvms.security", with(FOUNDATION, "org.vigilvms.audit")).check(SERVICES);
        mayOnlyUse("org.vigilvms.messaging", with(FOUNDATION, "org.vigilvms.audit", "org.vigilvms.security")).check(SERVICES);
    }

    /** X.1453's storage server holds no user, rights or audit-write credentials: its code cannot reach them either. */
    @Test
    void theRecorderRoleReachesNoUsersRightsOrAuditTrail() {
        noClasses().that().resideInAPackage("org.vigilvms.recording")
                .should().dependOnClassesThat().resideInAnyPackage("org.vigilvms.security", "org.vigilvms.rights",
                        "org.vigilvms.directory", "org.vigilvms.approval", "org.vigilvms.audit..", "org.vigilvms.alarm",
                        "org.vigilvms.event", "org.vigilvms.export", "org.vigilvms.playback", "org.vigilvms.view",
                        "org.vigilvms.notification", "org.vigilvms.device")
                .because("a recorder node holds no user, rights or audit credentials (X.1453 storage server, issue 18)")
                .check(SERVICES);
    }

    private static ArchRule mayOnlyUse(String packages, String... allowed) {
        return classes().that().resideInAPackage(packages)
                .should().onlyDependOnClassesThat(not(resideInAPackage("org.vigilvms..")).or(resideInAnyPackage(with(allowed, packages))))
                .allowEmptyShould(false);
    }

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Arrays.stream(base), Arrays.stream(more)).toArray(String[]::new);
    }
}
