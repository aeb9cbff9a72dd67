package io.nfidentity.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * An application uses nf-identity through {@code identity-api} only. The sample is such an application: none of its
 * classes may touch {@code io.nfidentity.impl}, even if someone puts the implementation on its class path.
 */
class ApiBoundaryTest {
    @Test
    void theApplicationNeverDependsOnTheImplementation() {
        noClasses()
                .that()
                .resideInAPackage("io.nfidentity.sample..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.nfidentity.impl..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.nfidentity.sample"));
    }
}
