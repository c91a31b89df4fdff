package io.drplatform.manifest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The manifest module's packages by concern, each readable on its own: no package depends on itself in a circle. */
class PackageStructureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.drplatform.manifest");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.drplatform.manifest.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    /** As ARCHITECTURE.md lists them: the model first, each package building only on those before it. */
    @Test
    void eachPackageBuildsOnlyOnThoseBeforeIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("model")
                .definedBy("io.drplatform.manifest.model..")
                .layer("contract")
                .definedBy("io.drplatform.manifest.contract..")
                .layer("validation")
                .definedBy("io.drplatform.manifest.validation..")
                .layer("loading")
                .definedBy("io.drplatform.manifest.loading..")
                .layer("plan")
                .definedBy("io.drplatform.manifest.plan..")
                .layer("describe")
                .definedBy("io.drplatform.manifest.describe..")
                .whereLayer("describe")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("plan")
                .mayOnlyBeAccessedByLayers("describe")
                .whereLayer("loading")
                .mayOnlyBeAccessedByLayers("describe")
                .whereLayer("validation")
                .mayOnlyBeAccessedByLayers("loading", "describe")
                .whereLayer("contract")
                .mayOnlyBeAccessedByLayers("validation", "plan", "describe")
                .check(classes);
    }

    @Test
    void everyClassIsInAPackageByConcern() {
        noClasses()
                .should()
                .resideInAPackage("io.drplatform.manifest")
                .because("the root package would depend on, and be depended on by, every concern")
                .check(classes);
    }
}
