package io.drplatform.dr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `dr status` tells on-call what a region outage does to sign-in, from the manifest's auth section. */
class SignInTest {
    @Test
    void aPlatformUserPoolStopsSignInWithItsRegionButNotTokenVerification() {
        var production = ManifestLoader.load(Path.of("..", "manifests", "tco-calculator.yaml"))
                .deployment(EnvironmentName.PRODUCTION);

        assertThat(SignIn.describe(production))
                .startsWith("sign-in: Cognito user pool in us-east-1 (not replicated)")
                .contains("sign-in, sign-up and token refresh stop in every region")
                .contains("verify them with the signing keys they cached");
    }

    @Test
    void anApplicationWithoutAuthSaysSo() {
        var drillApp = ManifestLoader.load(Path.of(DrCommandTest.MANIFEST)).deployment(EnvironmentName.PRODUCTION);

        assertThat(SignIn.describe(drillApp)).isEqualTo("sign-in: none (the manifest declares no auth)");
    }
}
