package io.drplatform.manifest.loading;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.ReferenceManifest;
import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmOverride;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.AlarmTargets;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.ConnectionNaming;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.DrStrategy;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestLoaderTest {
    private static final Path REFERENCE = ReferenceManifest.PATH;

    @Test
    void productionFollowsThePlatformDefaults() {
        Deployment production = ManifestLoader.load(REFERENCE).deployment(EnvironmentName.PRODUCTION);

        assertThat(production.qualifiedName()).isEqualTo("tco-calculator-production");
        assertThat(production.database().multiAz()).isTrue();
        assertThat(production.database().deletionProtection()).isTrue();
        assertThat(production.database().backupRetentionDays()).isEqualTo(30);
        assertThat(production.network().maxAzs()).isEqualTo(3);
        assertThat(production.network().natGateways()).isEqualTo(3);
        assertThat(production.network().zonesOf("us-east-1")).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
    }

    @Test
    void stagingKeepsSevenDaysOfBackupsInTwoZones() {
        Deployment staging = ManifestLoader.load(REFERENCE).deployment(EnvironmentName.STAGING);

        assertThat(staging.database().backupRetentionDays()).isEqualTo(7);
        assertThat(staging.network().maxAzs()).isEqualTo(2);
        assertThat(staging.network().zonesOf("us-east-1")).containsExactly("us-east-1a", "us-east-1b");
    }

    @Test
    void developmentIsSingleAzAndSmallest() {
        Deployment development = ManifestLoader.load(REFERENCE).deployment(EnvironmentName.DEVELOPMENT);

        assertThat(development.database().multiAz()).isFalse();
        assertThat(development.database().deletionProtection()).isFalse();
        assertThat(development.database().instanceClass()).isEqualTo("db.t4g.micro");
        assertThat(development.cache().nodeType()).isEqualTo("cache.t4g.micro");
        assertThat(development.network().natGateways()).isEqualTo(1);
        assertThat(development.hasStandby()).isFalse();
    }

    @Test
    void environmentOverridesMergeServicesByName() {
        ApplicationManifest manifest = ManifestLoader.load(REFERENCE);
        ServiceSpec productionApi =
                manifest.deployment(EnvironmentName.PRODUCTION).service("api").orElseThrow();
        ServiceSpec productionWeb =
                manifest.deployment(EnvironmentName.PRODUCTION).service("web").orElseThrow();
        ServiceSpec stagingApi =
                manifest.deployment(EnvironmentName.STAGING).service("api").orElseThrow();

        assertThat(productionApi.cpu()).isEqualTo(1024);
        assertThat(productionApi.memory()).isEqualTo(2048);
        assertThat(productionApi.routes())
                .as("untouched keys survive the override")
                .contains("/api/*");
        assertThat(productionWeb.cpu()).isEqualTo(256);
        assertThat(stagingApi.cpu()).isEqualTo(512);
    }

    @Test
    void onlyServicesThatOptInEmitResilienceSignals() {
        for (EnvironmentName environment : EnvironmentName.values()) {
            Deployment d = ManifestLoader.load(REFERENCE).deployment(environment);
            assertThat(d.service("api").orElseThrow().emitsResilienceSignals())
                    .as("api in " + environment)
                    .isTrue();
            ServiceSpec web = d.service("web").orElseThrow();
            assertThat(web.resilienceSignals())
                    .as("the default is written out, not left null")
                    .isFalse();
            assertThat(web.emitsResilienceSignals()).isFalse();
        }
    }

    @Test
    void theApiIsHardenedInEveryEnvironmentAndTheWebKeepsItsImagesDefaults() {
        for (EnvironmentName environment : EnvironmentName.values()) {
            Deployment d = ManifestLoader.load(REFERENCE).deployment(environment);
            ServiceSpec api = d.service("api").orElseThrow();
            assertThat(api.hasReadOnlyRootFilesystem())
                    .as("api in " + environment)
                    .isTrue();
            assertThat(api.user()).isEqualTo("10001:10001");
            assertThat(api.scratchPaths()).containsExactly("/tmp");
            ServiceSpec web = d.service("web").orElseThrow();
            assertThat(web.readOnlyRootFilesystem())
                    .as("the default is written out, not left null")
                    .isFalse();
            assertThat(web.user()).as("the image's own USER").isNull();
            assertThat(web.scratchVolumes()).isEmpty();
        }
    }

    @Test
    void defaultsCompleteServicesButNeverAddSections() throws URISyntaxException {
        Path minimal =
                Path.of(getClass().getResource("/manifests/valid-minimal.yaml").toURI());

        Deployment staging = ManifestLoader.load(minimal).deployment(EnvironmentName.STAGING);

        assertThat(staging.database())
                .as("no database unless the manifest asks for one")
                .isNull();
        assertThat(staging.cache()).isNull();
        ServiceSpec web = staging.services().get(0);
        assertThat(web.cpu()).isEqualTo(256);
        assertThat(web.memory()).isEqualTo(512);
        assertThat(web.healthCheckPath()).isEqualTo("/actuator/health/readiness");
        assertThat(staging.dr().strategy()).isEqualTo(DrStrategy.NONE);
        assertThat(staging.activeRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void servicesUseSpringNamesUnlessTheyAskForNeutralOnesRenamedAsTheyList() {
        ApplicationManifest manifest = ManifestLoader.parse(
                Path.of("naming.yaml"),
                String.join(
                        "\n",
                        "name: shop",
                        "account: \"111122223333\"",
                        "regions: { primary: eu-west-1 }",
                        "dns: { hostedZoneName: example.org, hostedZoneId: Z1ABCDEF, domainName: shop.example.org }",
                        "database: {}",
                        "services:",
                        "  - { name: web, image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine },",
                        "      routes: [/web/*], connectsTo: [database] }",
                        "  - { name: node, image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine },",
                        "      connectsTo: [database], connectionNaming: neutral,",
                        "      connectionVariables: { DATABASE_USER: PGUSER } }",
                        "alarms: { page: { email: [ops@example.org] }, ticket: { email: [ops@example.org] } }",
                        ""));
        List<ServiceSpec> services =
                manifest.deployment(EnvironmentName.STAGING).services();

        assertThat(services.get(0).connectionNaming()).isEqualTo(ConnectionNaming.SPRING);
        assertThat(services.get(0).variable("DATABASE_USER"))
                .as("renames apply to neutral names only")
                .isEqualTo("DATABASE_USER");
        assertThat(services.get(1).connectionNaming()).isEqualTo(ConnectionNaming.NEUTRAL);
        assertThat(services.get(1).variable("DATABASE_USER")).isEqualTo("PGUSER");
        assertThat(services.get(1).variable("DATABASE_PASSWORD")).isEqualTo("DATABASE_PASSWORD");
    }

    @Test
    void alarmOverridesLayerEnvironmentOverManifestOverPlatformDefault() {
        ApplicationManifest manifest = ManifestLoader.parse(
                Path.of("alarms.yaml"),
                String.join(
                        "\n",
                        "name: shop",
                        "account: \"111122223333\"",
                        "regions: { primary: eu-west-1 }",
                        "dns: { hostedZoneName: example.org, hostedZoneId: Z1ABCDEF, domainName: shop.example.org }",
                        "services:",
                        "  - { name: web, image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine } }",
                        "alarms:",
                        "  page: { email: [ops@example.org] }",
                        "  ticket: { email: [ops@example.org] }",
                        "  overrides:",
                        "    rds-cpu: { threshold: 85, evaluationPeriods: 6, datapointsToAlarm: 4 }",
                        "environments:",
                        "  production:",
                        "    alarms:",
                        "      overrides:",
                        "        rds-cpu: { threshold: 90 }",
                        "        ecs-memory: { enabled: false, reason: batch jobs fill the heap by design }",
                        ""));
        AlarmTargets production =
                manifest.deployment(EnvironmentName.PRODUCTION).alarms();
        AlarmTargets staging = manifest.deployment(EnvironmentName.STAGING).alarms();

        AlarmOverride productionCpu = production.override(AlarmKind.RDS_CPU).orElseThrow();
        assertThat(productionCpu.threshold())
                .as("the environment beats the manifest")
                .isEqualTo(90.0);
        assertThat(productionCpu.evaluationPeriods())
                .as("keys the environment leaves alone come from the manifest")
                .isEqualTo(6);
        assertThat(productionCpu.datapointsToAlarm()).isEqualTo(4);
        assertThat(staging.override(AlarmKind.RDS_CPU).orElseThrow().threshold())
                .isEqualTo(85.0);
        assertThat(production.override(AlarmKind.ECS_MEMORY).orElseThrow().switchedOff())
                .isTrue();
        assertThat(staging.override(AlarmKind.ECS_MEMORY))
                .as("switched off in production only")
                .isEmpty();
        assertThat(staging.override(AlarmKind.ALB_5XX_RATE))
                .as("no override: the platform default")
                .isEmpty();
        assertThat(production.subscribers(AlarmSeverity.PAGE).emails())
                .as("the recipients survive the merge")
                .containsExactly("ops@example.org");
        assertThat(AlarmKind.RDS_CPU.evaluationPeriods()).isEqualTo(3);
    }

    @Test
    void alarmSeveritiesLayerAndEachHasItsOwnSubscribers() {
        ApplicationManifest manifest = ManifestLoader.parse(
                Path.of("severities.yaml"),
                String.join(
                        "\n",
                        "name: shop",
                        "account: \"111122223333\"",
                        "regions: { primary: eu-west-1 }",
                        "dns: { hostedZoneName: example.org, hostedZoneId: Z1ABCDEF, domainName: shop.example.org }",
                        "services:",
                        "  - { name: web, image: { registry: public.ecr.aws/nginx/nginx:1.27-alpine } }",
                        "alarms:",
                        "  page: { https: [\"https://events.example.org/enqueue\"] }",
                        "  ticket: { email: [team@example.org] }",
                        "  overrides:",
                        "    rds-cpu: { severity: page }",
                        "environments:",
                        "  development:",
                        "    alarms:",
                        "      page: { https: [] }",
                        "      overrides:",
                        "        rds-cpu: { severity: info }",
                        ""));
        AlarmTargets production =
                manifest.deployment(EnvironmentName.PRODUCTION).alarms();
        AlarmTargets development =
                manifest.deployment(EnvironmentName.DEVELOPMENT).alarms();

        assertThat(production.severity(AlarmKind.RDS_CPU)).isEqualTo(AlarmSeverity.PAGE);
        assertThat(development.severity(AlarmKind.RDS_CPU))
                .as("the environment beats the manifest")
                .isEqualTo(AlarmSeverity.INFO);
        assertThat(production.severity(AlarmKind.ECS_CPU))
                .as("no override: the kind's default")
                .isEqualTo(AlarmKind.ECS_CPU.defaultSeverity())
                .isEqualTo(AlarmSeverity.TICKET);
        assertThat(production.kindsOf(AlarmSeverity.PAGE)).contains(AlarmKind.RDS_CPU, AlarmKind.ALB_5XX_RATE);
        assertThat(production.kindsOf(AlarmSeverity.TICKET)).doesNotContain(AlarmKind.RDS_CPU);
        assertThat(production.subscribers(AlarmSeverity.PAGE).endpoints())
                .containsExactly("https://events.example.org/enqueue");
        assertThat(production.subscribers(AlarmSeverity.TICKET).emails()).containsExactly("team@example.org");
        assertThat(production.subscribers(AlarmSeverity.INFO).isEmpty())
                .as("a severity left out has no subscribers")
                .isTrue();
        assertThat(development.subscribers(AlarmSeverity.PAGE).isEmpty())
                .as("development pages nobody: an empty list replaces the manifest's")
                .isTrue();
    }
}
