package io.drplatform.dr;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The tool's packages depend one way: {@code engine} runs steps, {@code provider} names the operations as steps of
 * the engine, {@code drill} composes them, the providers implement them, {@code cli} wires everything.
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.drplatform.dr");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.drplatform.dr.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
