package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.contract.standin.Commands;
import io.drplatform.contract.template.Synthesis;
import io.drplatform.dr.rehearsal.SeamCheck;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reference manifest's production assembly, which adds what staging lacks: an in-region reader beside the
 * primary. The region's own database is still the primary, and the deployment holds together.
 */
class ReferenceProductionAssemblyTest {
    static final Path ROOT = ReferenceStagingAssemblyTest.ROOT;
    static final Path WORK = ROOT.resolve("contract-tests/target/rehearsal-production");

    @Test
    void theReaderBesideThePrimaryIsNotTheRegionsDatabaseAndTheSeamsHold() throws Exception {
        Commands.deleteTree(WORK);
        Files.createDirectories(WORK);
        Deployment production =
                ManifestLoader.load(ReferenceStagingAssemblyTest.MANIFEST).deployment(EnvironmentName.PRODUCTION);
        EnvironmentTemplates templates = EnvironmentTemplates.read(
                Synthesis.assembly(
                        ReferenceStagingAssemblyTest.MANIFEST, EnvironmentName.PRODUCTION, WORK.resolve("cdk.out")),
                production);

        RegionStackTemplate primary = templates.regions().get(0).template();
        assertThat(primary.databases())
                .extracting(DatabaseInstance::role)
                .containsExactlyInAnyOrder(DatabaseInstance.Role.PRIMARY, DatabaseInstance.Role.IN_REGION_READ_REPLICA);
        assertThat(primary.regionDatabase().orElseThrow().role()).isEqualTo(DatabaseInstance.Role.PRIMARY);
        assertThat(templates
                        .regions()
                        .get(1)
                        .template()
                        .regionDatabase()
                        .orElseThrow()
                        .role())
                .isEqualTo(DatabaseInstance.Role.CROSS_REGION_REPLICA);
        assertThat(SeamCheck.problems(templates)).isEmpty();
    }
}
