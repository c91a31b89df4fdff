package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.plan.RegionRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The {@code dr.activeRegion} switch: the reference production environment before a failover (the shared
 * reference app) and after one (the same manifest with {@code activeRegion: us-west-2}), synthesized once here.
 */
class FailoverSwitchTest {
    private static final EnvironmentName PROD = EnvironmentName.PRODUCTION;
    private static ReferenceApp before;
    private static ReferenceApp after;

    @BeforeAll
    static void synthesizeBothStates() throws Exception {
        before = ReferenceApp.get();
        // Same manifest, written elsewhere: image build contexts become absolute so they still resolve.
        Path manifests = ReferenceApp.MANIFEST.toAbsolutePath().getParent();
        String text = java.util.regex.Pattern.compile("directory: (\\S+)")
                .matcher(Files.readString(ReferenceApp.MANIFEST))
                .replaceAll(m -> "directory: " + manifests.resolve(m.group(1)).normalize())
                .replace("\n  production:\n", "\n  production:\n    dr: { activeRegion: us-west-2 }\n");
        Path manifest = Files.createTempDirectory("failover").resolve("tco-calculator.yaml");
        Files.writeString(manifest, text);
        after = new ReferenceApp(manifest, EnumSet.of(PROD));
    }

    @Test
    void stacksSwapRolesAndKeepTheirNames() {
        assertThat(after.stacks.stream().map(Stack::getStackName))
                .containsExactly(
                        // The user pool stays in the manifest's primary region: the pool and its users do not move.
                        "tco-calculator-production-auth",
                        "tco-calculator-production-us-east-1-storage",
                        "tco-calculator-production-us-west-2-storage",
                        "tco-calculator-production-us-west-2",
                        "tco-calculator-production-us-east-1",
                        "tco-calculator-production-global");
        assertThat(after.primary(PROD).getRegion()).isEqualTo("us-west-2");
        assertThat(after.standby(PROD).getRegion()).isEqualTo("us-east-1");
    }

    @Test
    void theReadOnlyAlarmFollowsTheWritableDatabase() {
        assertThat(alarmNames(after.template(after.primary(PROD))))
                .contains(
                        "tco-calculator-production-us-west-2-service-read-only-api",
                        "tco-calculator-production-us-west-2-service-breaker-open-api");
        assertThat(alarmNames(after.template(after.standby(PROD))))
                .contains("tco-calculator-production-us-east-1-service-breaker-open-api")
                .noneMatch(name -> name.contains("service-read-only"));
    }

    private static List<String> alarmNames(Template template) {
        return template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> String.valueOf(((Map<?, ?>) a.get("Properties")).get("AlarmName")))
                .toList();
    }

    @Test
    void thePromotedReplicaIsAdoptedInPlaceNotRecreated() {
        Map.Entry<String, Map<String, Object>> replica =
                instance(before.template(before.standby(PROD)), "tco-calculator-production-us-west-2");
        Map.Entry<String, Map<String, Object>> promoted =
                instance(after.template(after.primary(PROD)), "tco-calculator-production-us-west-2");

        assertThat(promoted.getKey()).as("same logical id").isEqualTo(replica.getKey());
        Map<String, Object> was = properties(replica.getValue());
        Map<String, Object> is = properties(promoted.getValue());
        assertThat(was).containsKeys("SourceDBInstanceIdentifier", "SourceRegion");
        assertThat(is).doesNotContainKeys("SourceDBInstanceIdentifier", "SourceRegion", "StorageEncrypted");
        Map<String, Object> unchanged = new HashMap<>(was);
        unchanged.remove("SourceDBInstanceIdentifier");
        unchanged.remove("SourceRegion");
        unchanged.remove("Tags"); // RegionRole: standby -> primary, an in-place tag update
        Map<String, Object> now = new HashMap<>(is);
        now.remove("Tags");
        assertThat(now).as("only the source properties go away").isEqualTo(unchanged);
        assertThat(promoted.getValue().get("DeletionPolicy")).isEqualTo("Retain");
    }

    @Test
    void theOldPrimaryIsRetainedUnchangedAndANewReplicaFollowsThePromotedDatabase() {
        Template old = before.template(PROD);
        Template rebuilt = after.template(after.standby(PROD));
        Map.Entry<String, Map<String, Object>> original = instance(old, "tco-calculator-production-us-east-1");
        Map.Entry<String, Map<String, Object>> retired = instance(rebuilt, "tco-calculator-production-us-east-1");
        assertThat(retired.getKey()).isEqualTo(original.getKey());
        Map<String, Object> was = new HashMap<>(properties(original.getValue()));
        Map<String, Object> is = new HashMap<>(properties(retired.getValue()));
        was.remove("Tags");
        is.remove("Tags");
        assertThat(is).as("CloudFormation leaves the old instance alone").isEqualTo(was);
        assertThat(retired.getValue().get("DeletionPolicy"))
                .isEqualTo(original.getValue().get("DeletionPolicy"));

        rebuilt.hasResourceProperties(
                "AWS::RDS::DBInstance",
                Match.objectLike(Map.of(
                        "DBInstanceIdentifier", "tco-calculator-production-us-east-1-r1",
                        "SourceDBInstanceIdentifier",
                                "arn:aws:rds:us-west-2:123456789012:db:tco-calculator-production-us-west-2",
                        "SourceRegion", "us-west-2",
                        "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn")))))));
        rebuilt.resourceCountIs("AWS::SecretsManager::RotationSchedule", 0);
        rebuilt.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Match.objectLike(Map.of(
                        "Name",
                        "tco-calculator-production-us-east-1/credentials",
                        "ReplicaRegions",
                        List.of(Map.of("Region", "us-west-2")))));
        rebuilt.hasResourceProperties(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of(
                        "Name", "/dr-platform/tco-calculator/production/us-east-1/database/instance-id",
                        "Value", "tco-calculator-production-us-east-1-r1")));
    }

    @Test
    void trafficCapacityAndReplicationFollowTheActiveRegion() {
        Template global = after.template(after.global(PROD));
        global.hasResourceProperties(
                "AWS::Route53::RecordSetGroup",
                Match.objectLike(Map.of(
                        "RecordSets",
                        List.of(
                                Match.objectLike(Map.of(
                                        "SetIdentifier",
                                        "us-west-2",
                                        "Failover",
                                        "PRIMARY",
                                        "HealthCheckId",
                                        Map.of("Fn::GetAtt", List.of("HealthCheckuswest2", "HealthCheckId")))),
                                Match.objectLike(Map.of("SetIdentifier", "us-east-1", "Failover", "SECONDARY"))))));
        after.template(after.primary(PROD))
                .hasResourceProperties(
                        "AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "api", "DesiredCount", 3)));
        after.template(after.standby(PROD))
                .hasResourceProperties(
                        "AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "api", "DesiredCount", 2)));
        after.template(after.storage(PROD, "us-west-2"))
                .hasResourceProperties(
                        "AWS::S3::Bucket",
                        Match.objectLike(Map.of(
                                "ReplicationConfiguration",
                                Match.objectLike(
                                        Map.of("Rules", List.of(Match.objectLike(Map.of("Id", "to-us-east-1"))))))));
        assertThat(after.template(after.storage(PROD, "us-east-1")).toJSON().toString())
                .doesNotContain("ReplicationConfiguration");
        RegionStack promoted = after.region(PROD, RegionRole.PRIMARY);
        assertThat(promoted.getReplica().isReplica()).isFalse();
    }

    @Test
    void thePromotedRegionReadsTheCredentialsTheRetiredOriginalStillOwns() {
        // The secrets keep the original instance's names (its region now holds the replica "-r1").
        String promoted = after.template(after.primary(PROD)).toJSON().toString();
        assertThat(promoted)
                .contains(
                        "secret:tco-calculator-production-us-east-1/credentials",
                        "secret:tco-calculator-production-us-east-1/application-credentials")
                .doesNotContain("tco-calculator-production-us-east-1-r1/");
    }

    private static Map.Entry<String, Map<String, Object>> instance(Template template, String identifier) {
        return template.findResources(
                        "AWS::RDS::DBInstance",
                        Match.objectLike(
                                Map.of("Properties", Match.objectLike(Map.of("DBInstanceIdentifier", identifier)))))
                .entrySet()
                .iterator()
                .next();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
