package io.nfidentity.impl.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The implementation's packages form a graph that flows one way (rest -> session -> store), so a rule always has one
 * home; and the API never leans on the implementation. Checked on the compiled classes.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.nfidentity");

    @Test
    void theImplementationsPackagesHaveNoCycles() {
        slices().matching("io.nfidentity.impl.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theStoreKnowsNothingOfMailTokensLimitsOrTheFlowsAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("io.nfidentity.impl.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.nfidentity.impl.mail..",
                        "io.nfidentity.impl.token..",
                        "io.nfidentity.impl.limit..",
                        "io.nfidentity.impl.session..",
                        "io.nfidentity.impl.admin..",
                        "io.nfidentity.impl.user..",
                        "io.nfidentity.impl.mechanism..",
                        "io.nfidentity.impl.rest..",
                        "io.nfidentity.impl.boot..")
                .check(CLASSES);
    }

    @Test
    void nothingButTheCompositionRootDependsOnIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.nfidentity.impl.boot..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.nfidentity.impl.boot..")
                .check(CLASSES);
    }

    @Test
    void theApiNeverDependsOnTheImplementation() {
        noClasses()
                .that()
                .resideInAnyPackage("io.nfidentity", "io.nfidentity.event")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.nfidentity.impl..")
                .check(CLASSES);
    }
}
