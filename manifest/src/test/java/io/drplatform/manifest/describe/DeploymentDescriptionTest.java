package io.drplatform.manifest.describe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.ReferenceManifest;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the deploy workflow reads: each environment's own name, region and stacks, straight from the manifest. */
class DeploymentDescriptionTest {
    private static final Path REFERENCE = ReferenceManifest.PATH;

    @Test
    void stagingAndProductionEachHaveTheirOwnName() {
        ApplicationManifest manifest = ManifestLoader.load(REFERENCE);
        Map<String, Object> staging = DeploymentDescription.of(manifest.deployment(EnvironmentName.STAGING));
        Map<String, Object> production = DeploymentDescription.of(manifest.deployment(EnvironmentName.PRODUCTION));

        assertThat(staging)
                .containsEntry("domain", "tco-staging.example.com")
                .containsEntry("url", "https://tco-staging.example.com");
        assertThat(production)
                .containsEntry("domain", "tco.example.com")
                .containsEntry("activeRegion", "us-east-1")
                .containsEntry("activeParameterPrefix", "/dr-platform/tco-calculator/production/us-east-1");
        assertThat(production.get("stackNames"))
                .isEqualTo(List.of(
                        "tco-calculator-production-auth",
                        "tco-calculator-production-us-west-2-storage",
                        "tco-calculator-production-us-east-1-storage",
                        "tco-calculator-production-us-east-1",
                        "tco-calculator-production-us-west-2",
                        "tco-calculator-production-global"));
    }

    @Test
    void afterAFailoverTheActiveRegionAndItsParametersMove() throws IOException {
        Path moved = ReferenceManifest.failedOver();

        Map<String, Object> production =
                DeploymentDescription.of(ManifestLoader.load(moved).deployment(EnvironmentName.PRODUCTION));

        assertThat(production)
                .containsEntry("activeRegion", "us-west-2")
                .containsEntry("activeParameterPrefix", "/dr-platform/tco-calculator/production/us-west-2");
        // The user pool stays where it was created; the writable region's stack is now us-west-2's.
        assertThat(production.get("stackNames"))
                .isEqualTo(List.of(
                        "tco-calculator-production-auth",
                        "tco-calculator-production-us-east-1-storage",
                        "tco-calculator-production-us-west-2-storage",
                        "tco-calculator-production-us-west-2",
                        "tco-calculator-production-us-east-1",
                        "tco-calculator-production-global"));
    }
}
