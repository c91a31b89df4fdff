package io.drplatform.manifest.loading;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.ContainerHealthCheck;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.HealthProbe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Container health checks as the environments see them: defaults fill the timings, environments change single keys. */
class ContainerHealthCheckLoadingTest {
    private static final ApplicationManifest MANIFEST = ManifestLoader.parse(
            Path.of("health.yaml"),
            String.join(
                    "\n",
                    "name: shop",
                    "account: \"111122223333\"",
                    "regions: { primary: eu-west-1 }",
                    "dns: { hostedZoneName: example.org, hostedZoneId: Z1ABCDEF, domainName: shop.example.org }",
                    "alarms: { page: { email: [ops@example.org] }, ticket: { email: [ops@example.org] } }",
                    "services:",
                    "  - name: web",
                    "    image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine }",
                    "    containerPort: 80",
                    "    healthCheck: { path: /healthz, probe: wget, retries: 5 }",
                    "  - name: worker",
                    "    image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine }",
                    "    routes: [\"/work/*\"]",
                    "environments:",
                    "  production:",
                    "    services:",
                    "      - name: web",
                    "        healthCheck: { startPeriodSeconds: 120 }",
                    ""));

    @Test
    void platformDefaultsFillTheTimingsTheManifestLeavesOut() {
        ContainerHealthCheck staging = healthCheck(EnvironmentName.STAGING);

        assertThat(staging.intervalSeconds()).isEqualTo(30);
        assertThat(staging.timeoutSeconds()).isEqualTo(10);
        assertThat(staging.retries()).as("the manifest's own value").isEqualTo(5);
        assertThat(staging.startPeriodSeconds()).isEqualTo(60);
        assertThat(staging.ecsCommand(80))
                .containsExactly(
                        "CMD", "wget", "-q", "-t", "1", "-T", "10", "-O", "/dev/null", "http://127.0.0.1:80/healthz");
    }

    @Test
    void anEnvironmentChangesOneKeyAndKeepsTheRest() {
        ContainerHealthCheck production = healthCheck(EnvironmentName.PRODUCTION);

        assertThat(production.startPeriodSeconds()).isEqualTo(120);
        assertThat(production.path()).isEqualTo("/healthz");
        assertThat(production.probe()).isEqualTo(HealthProbe.WGET);
        assertThat(production.retries()).isEqualTo(5);
        assertThat(healthCheck(EnvironmentName.DEVELOPMENT).startPeriodSeconds())
                .isEqualTo(60);
    }

    @Test
    void aServiceWithoutAHealthCheckGetsNone() {
        for (EnvironmentName environment : EnvironmentName.values()) {
            assertThat(MANIFEST.deployment(environment)
                            .service("worker")
                            .orElseThrow()
                            .healthCheck())
                    .as("worker in " + environment)
                    .isNull();
        }
    }

    @Test
    void aCommandIsPassedToEcsAsWritten() {
        ContainerHealthCheck command = new ContainerHealthCheck(
                java.util.List.of("CMD-SHELL", "pg_isready -U postgres"), null, null, 30, 10, 3, 60);

        assertThat(command.ecsCommand(5432)).containsExactly("CMD-SHELL", "pg_isready -U postgres");
    }

    private static ContainerHealthCheck healthCheck(EnvironmentName environment) {
        return MANIFEST.deployment(environment).service("web").orElseThrow().healthCheck();
    }
}
