package io.drplatform.tco;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service is organised by feature, one package each, and the packages depend on each other in one direction
 * only: a cycle would mean two features that can only be understood, changed and tested together.
 */
class ArchitectureTest {
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.drplatform.tco");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.drplatform.tco.(*)..").should().beFreeOfCycles().check(SERVICE);
    }
}
