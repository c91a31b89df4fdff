package io.drplatform.contract;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The stand-ins ({@code standin}) and the synthesis ({@code template}) know nothing of the tests that use them, so
 * each can be read, and reused, alone.
 */
class PackageCyclesTest {
    private static final JavaClasses TESTS = new ClassFileImporter().importPackages("io.drplatform.contract");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.drplatform.contract.(*)..")
                .should()
                .beFreeOfCycles()
                .check(TESTS);
    }
}
