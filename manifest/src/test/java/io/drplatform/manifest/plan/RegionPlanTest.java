package io.drplatform.manifest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.ReferenceManifest;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topology of each region of the reference manifest ({@code manifests/tco-calculator.yaml}), in every environment
 * and after a failover; expected values from the manifest, the defaults table and the DR design in the READMEs.
 */
class RegionPlanTest {
    private static final Path REFERENCE = ReferenceManifest.PATH;
    private static final String ACCOUNT = "123456789012";
    private static ApplicationManifest reference;
    private static ApplicationManifest failedOver;

    @BeforeAll
    static void load() throws IOException {
        reference = ManifestLoader.load(REFERENCE);
        // The same manifest after a failover of production to the standby region.
        Path moved = ReferenceManifest.failedOver();
        failedOver = ManifestLoader.load(moved);
    }

    private static RegionPlan plan(ApplicationManifest manifest, EnvironmentName environment, String region) {
        return RegionPlan.of(manifest.deployment(environment), region);
    }

    @Test
    void productionPrimaryHoldsTheOriginalDatabaseAndRotatesItsCredentials() {
        RegionPlan plan = plan(reference, EnvironmentName.PRODUCTION, "us-east-1");

        assertThat(plan.role()).isEqualTo(RegionRole.PRIMARY);
        assertThat(plan.writable()).isTrue();
        assertThat(plan.name()).isEqualTo("tco-calculator-production-us-east-1");
        assertThat(plan.cidr()).isEqualTo("10.10.0.0/16");
        assertThat(plan.natGateways()).isEqualTo(3);
        assertThat(plan.pairedRegion()).contains("us-west-2");
        assertThat(plan.database())
                .isEqualTo(new RegionDatabase.OriginalPrimary(
                        "tco-calculator-production-us-east-1",
                        "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:tco-calculator-production-us-east-1",
                        homeCredentials("production")));
        assertThat(plan.database().shape()).isEqualTo(RegionDatabase.Shape.ORIGINAL_PRIMARY);
        assertThat(plan.originalDatabase()).contains("tco-calculator-production-us-east-1");
        assertThat(plan.rotatesCredentials()).isTrue();
        assertThat(plan.regionalDomain()).contains("us-east-1.tco.example.com");
        assertThat(plan.healthCheckedService().name()).isEqualTo("api");
        assertThat(plan.healthCheckedService().deepHealthCheckPath()).isEqualTo("/health/deep");
        assertThat(plan.services())
                .extracting(ServiceSpec::name, ServiceSpec::desiredCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api", 3), org.assertj.core.groups.Tuple.tuple("web", 2));
        assertThat(plan.standbyTaskMinimums()).isEmpty();
        assertThat(plan.parameters())
                .containsExactly(
                        Map.entry("ecs/service-names", "api,web"),
                        Map.entry("database/instance-id", "tco-calculator-production-us-east-1"),
                        Map.entry(
                                "database/instance-arn",
                                "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:tco-calculator-production-us-east-1"),
                        Map.entry("database/role", "primary"),
                        Map.entry("route53/regional-domain", "us-east-1.tco.example.com"),
                        Map.entry("dr/strategy", "warm-standby"),
                        Map.entry("dr/active-region", "us-east-1"),
                        Map.entry("ecs/failover-desired-counts", "api=3,web=2"),
                        Map.entry("s3/bucket-names", "tco-calculator-production-reports-" + ACCOUNT + "-us-east-1"));
    }

    @Test
    void productionStandbyReplicatesThePrimaryAtWarmStandbyCapacity() {
        RegionPlan plan = plan(reference, EnvironmentName.PRODUCTION, "us-west-2");

        assertThat(plan.role()).isEqualTo(RegionRole.STANDBY);
        assertThat(plan.writable()).isFalse();
        assertThat(plan.cidr()).isEqualTo("10.20.0.0/16");
        assertThat(plan.natGateways())
                .as("a warm standby runs tasks in every zone")
                .isEqualTo(3);
        assertThat(plan.pairedRegion()).contains("us-east-1");
        assertThat(plan.database())
                .isEqualTo(new RegionDatabase.CrossRegionReplica(
                        "tco-calculator-production-us-west-2",
                        "arn:aws:rds:us-west-2:" + ACCOUNT + ":db:tco-calculator-production-us-west-2",
                        homeCredentials("production"),
                        "us-east-1",
                        "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:tco-calculator-production-us-east-1"));
        assertThat(plan.originalDatabase()).isEmpty();
        assertThat(plan.rotatesCredentials()).isFalse();
        assertThat(plan.regionalDomain()).contains("us-west-2.tco.example.com");
        // minCount capped at 2, at least 1; the primary's maxCount stays the ceiling.
        assertThat(plan.services())
                .extracting(ServiceSpec::name, ServiceSpec::desiredCount, ServiceSpec::maxCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api", 2, 20),
                        org.assertj.core.groups.Tuple.tuple("web", 2, 6));
        assertThat(plan.standbyTaskMinimums()).containsExactly(Map.entry("api", 2), Map.entry("web", 2));
        assertThat(plan.parameters())
                .containsEntry("database/instance-id", "tco-calculator-production-us-west-2")
                .containsEntry("database/role", "replica")
                .containsEntry(
                        "database/source-arn",
                        "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:tco-calculator-production-us-east-1")
                .containsEntry("route53/regional-domain", "us-west-2.tco.example.com")
                .containsEntry("dr/active-region", "us-east-1")
                .containsEntry("ecs/failover-desired-counts", "api=3,web=2")
                .containsEntry("s3/bucket-names", "tco-calculator-production-reports-" + ACCOUNT + "-us-west-2");
    }

    @Test
    void aPilotLightStandbyRunsNoTasksBehindOneNatGateway() {
        RegionPlan primary = plan(reference, EnvironmentName.STAGING, "us-east-1");
        RegionPlan standby = plan(reference, EnvironmentName.STAGING, "us-west-2");

        assertThat(primary.natGateways()).isEqualTo(1);
        assertThat(standby.natGateways()).isEqualTo(1);
        assertThat(standby.services()).extracting(ServiceSpec::desiredCount).containsOnly(0);
        assertThat(standby.standbyTaskMinimums())
                .as("no running-task alarm without running tasks")
                .isEmpty();
        assertThat(standby.regionalDomain()).contains("us-west-2.tco-staging.example.com");
        assertThat(standby.database().shape()).isEqualTo(RegionDatabase.Shape.CROSS_REGION_REPLICA);
        assertThat(standby.parameters())
                .containsEntry("dr/strategy", "pilot-light")
                .containsEntry("ecs/failover-desired-counts", "api=2,web=2");
    }

    @Test
    void developmentIsOneRegionWithoutRegionalName() {
        Deployment development = reference.deployment(EnvironmentName.DEVELOPMENT);
        RegionPlan plan = RegionPlan.of(
                development,
                StackPlan.of(development).stream()
                        .filter(stack -> stack.kind() == StackPlan.Kind.PRIMARY)
                        .findFirst()
                        .orElseThrow());

        assertThat(plan.region()).isEqualTo("us-east-1");
        assertThat(plan.role()).isEqualTo(RegionRole.PRIMARY);
        assertThat(plan.natGateways()).isEqualTo(1);
        assertThat(plan.pairedRegion()).isEmpty();
        assertThat(plan.regionalDomain()).isEmpty();
        assertThat(plan.database())
                .isEqualTo(new RegionDatabase.OriginalPrimary(
                        "tco-calculator-development-us-east-1",
                        "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:tco-calculator-development-us-east-1",
                        homeCredentials("development")));
        assertThat(plan.rotatesCredentials()).isTrue();
        assertThat(plan.parameters())
                .containsOnlyKeys(
                        "ecs/service-names",
                        "database/instance-id",
                        "database/instance-arn",
                        "database/role",
                        "s3/bucket-names");
    }

    @Test
    void afterAFailoverTheStandbyIsPromotedInPlace() {
        RegionPlan plan = plan(failedOver, EnvironmentName.PRODUCTION, "us-west-2");

        assertThat(plan.role()).isEqualTo(RegionRole.PRIMARY);
        assertThat(plan.cidr()).as("networks belong to regions, not roles").isEqualTo("10.20.0.0/16");
        assertThat(plan.natGateways()).isEqualTo(3);
        assertThat(plan.database().shape()).isEqualTo(RegionDatabase.Shape.PROMOTED);
        RegionDatabase.Instance database = (RegionDatabase.Instance) plan.database();
        assertThat(database.identifier())
                .as("the replica's identifier: adopted, not recreated")
                .isEqualTo("tco-calculator-production-us-west-2");
        assertThat(plan.originalDatabase()).isEmpty();
        assertThat(plan.rotatesCredentials()).isFalse();
        assertThat(plan.services()).extracting(ServiceSpec::desiredCount).containsExactly(3, 2);
        assertThat(plan.parameters())
                .containsEntry("database/role", "primary")
                .containsEntry("dr/active-region", "us-west-2")
                .doesNotContainKey("database/source-arn");
    }

    @Test
    void afterAFailoverTheOriginalIsRetiredAndANewReplicaFollowsThePromotedDatabase() {
        RegionPlan plan = plan(failedOver, EnvironmentName.PRODUCTION, "us-east-1");

        assertThat(plan.role()).isEqualTo(RegionRole.STANDBY);
        assertThat(plan.cidr()).isEqualTo("10.10.0.0/16");
        assertThat(plan.originalDatabase()).as("kept for forensics").contains("tco-calculator-production-us-east-1");
        assertThat(plan.rotatesCredentials())
                .as("the secret now belongs to the promoted instance")
                .isFalse();
        RegionDatabase.CrossRegionReplica replica = (RegionDatabase.CrossRegionReplica) plan.database();
        assertThat(replica.identifier())
                .as("a fresh identifier, dr.replicaGeneration 1")
                .isEqualTo("tco-calculator-production-us-east-1-r1");
        assertThat(replica.arn())
                .isEqualTo("arn:aws:rds:us-east-1:" + ACCOUNT + ":db:tco-calculator-production-us-east-1-r1");
        assertThat(replica.sourceRegion()).isEqualTo("us-west-2");
        assertThat(replica.sourceArn())
                .isEqualTo("arn:aws:rds:us-west-2:" + ACCOUNT + ":db:tco-calculator-production-us-west-2");
        assertThat(plan.standbyTaskMinimums()).containsExactly(Map.entry("api", 2), Map.entry("web", 2));
        assertThat(plan.parameters())
                .containsEntry("database/instance-id", "tco-calculator-production-us-east-1-r1")
                .containsEntry("database/role", "replica")
                .containsEntry(
                        "database/source-arn",
                        "arn:aws:rds:us-west-2:" + ACCOUNT + ":db:tco-calculator-production-us-west-2");
    }

    @Test
    void afterAFailoverBothRegionsReadTheCredentialsGeneratedWithTheOriginal() {
        // The retired original "still owns the credentials secret and its replica" (cdk-app/README.md): the promoted
        // instance's services and the new replica's region read them under the original's names.
        for (String region : List.of("us-west-2", "us-east-1")) {
            RegionDatabase.Instance database = (RegionDatabase.Instance)
                    plan(failedOver, EnvironmentName.PRODUCTION, region).database();
            assertThat(database.credentials()).as(region).isEqualTo(homeCredentials("production"));
        }
    }

    @Test
    void theGlobalStacksRouteBetweenBothRegionsInManifestOrder() {
        List<RegionPlan> pair = RegionPlan.pair(failedOver.deployment(EnvironmentName.PRODUCTION));

        assertThat(pair)
                .extracting(RegionPlan::region, RegionPlan::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("us-east-1", RegionRole.STANDBY),
                        org.assertj.core.groups.Tuple.tuple("us-west-2", RegionRole.PRIMARY));
        assertThat(pair)
                .extracting(p -> p.regionalDomain().orElseThrow())
                .containsExactly("us-east-1.tco.example.com", "us-west-2.tco.example.com");
    }

    /** The secrets generated with the original instance in the manifest's primary region (cdk-app/README.md). */
    private static RegionDatabase.Credentials homeCredentials(String environment) {
        String home = "tco-calculator-" + environment + "-us-east-1";
        return new RegionDatabase.Credentials(home + "/credentials", home + "/application-credentials");
    }
}
