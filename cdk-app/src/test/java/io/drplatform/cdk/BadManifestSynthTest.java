package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drplatform.manifest.loading.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** A bad manifest stops the app before any construct exists: no partial synthesis. */
class BadManifestSynthTest {

    @Test
    void invalidManifestBuildsNoStacks(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("bad.yaml");
        Files.writeString(
                manifest,
                String.join(
                        "\n",
                        "name: shop",
                        "account: \"111122223333\"",
                        "regions: { primary: eu-west-1, standby: eu-west-1 }",
                        "dns: { hostedZoneName: example.org, hostedZoneId: Z1ABCDEF, domainName: shop.example.org }",
                        "services:",
                        "  - { name: web, image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine }, cpu: 3000 }",
                        "alarms: { page: { email: [ops@example.org] }, ticket: { email: [ops@example.org] } }",
                        ""));
        App app = new App(AppProps.builder()
                .context(Map.of("manifest", manifest.toString()))
                .build());

        ManifestException failure = catchThrowableOfType(ManifestException.class, () -> PlatformApp.build(app));

        assertThat(failure.problems())
                .extracting(p -> p.path())
                .containsExactlyInAnyOrder("regions.standby", "services[0].cpu");
        assertThat(app.getNode().getChildren()).as("no stack was created").isEmpty();
    }

    @Test
    void environmentsSharingADomainNameBuildNoStacks(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("shared-domain.yaml");
        Files.writeString(
                manifest,
                String.join(
                        "\n",
                        "name: shop",
                        "account: \"111122223333\"",
                        "regions: { primary: eu-west-1 }",
                        "dns: { hostedZoneName: example.org, hostedZoneId: Z1ABCDEF, domainName: shop.example.org }",
                        "services:",
                        "  - { name: web, image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine } }",
                        "alarms: { page: { email: [ops@example.org] }, ticket: { email: [ops@example.org] } }",
                        "environments:",
                        "  staging: { dns: { domainName: shop-staging.example.org } }",
                        ""));
        App app = new App(AppProps.builder()
                .context(Map.of("manifest", manifest.toString()))
                .build());

        IllegalArgumentException failure =
                catchThrowableOfType(IllegalArgumentException.class, () -> PlatformApp.build(app));

        assertThat(failure.getMessage())
                .contains("environments development and production both use dns.domainName shop.example.org");
        assertThat(app.getNode().getChildren()).as("no stack was created").isEmpty();
    }
}
