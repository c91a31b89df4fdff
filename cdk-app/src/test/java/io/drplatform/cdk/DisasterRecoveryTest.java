package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The reference app's disaster recovery as it synthesizes: standby region, replica, failover, alarms. */
class DisasterRecoveryTest {
    private static final EnvironmentName PROD = EnvironmentName.PRODUCTION;

    @Test
    void stacksPerEnvironmentFollowTheStrategy() {
        List<String> names =
                ReferenceApp.get().stacks.stream().map(Stack::getStackName).toList();
        assertThat(names)
                .containsExactly(
                        "tco-calculator-development-auth",
                        "tco-calculator-development-us-east-1-storage",
                        "tco-calculator-development-us-east-1",
                        "tco-calculator-staging-auth",
                        "tco-calculator-staging-us-west-2-storage",
                        "tco-calculator-staging-us-east-1-storage",
                        "tco-calculator-staging-us-east-1",
                        "tco-calculator-staging-us-west-2",
                        "tco-calculator-staging-global",
                        "tco-calculator-production-auth",
                        "tco-calculator-production-us-west-2-storage",
                        "tco-calculator-production-us-east-1-storage",
                        "tco-calculator-production-us-east-1",
                        "tco-calculator-production-us-west-2",
                        "tco-calculator-production-global");
        assertThat(ReferenceApp.get().standby(PROD).getRegion()).isEqualTo("us-west-2");
        assertThat(ReferenceApp.get().global(PROD).getRegion()).isEqualTo("us-east-1");
    }

    @Test
    void standbyDatabaseIsACrossRegionReplicaOfThePrimaryArnEncryptedWithAStandbyKey() {
        Template standby = ReferenceApp.get().template(ReferenceApp.get().standby(PROD));
        standby.hasResource(
                "AWS::RDS::DBInstance",
                Match.objectLike(Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Match.objectLike(Map.ofEntries(
                                Map.entry("DBInstanceIdentifier", "tco-calculator-production-us-west-2"),
                                Map.entry(
                                        "SourceDBInstanceIdentifier",
                                        "arn:aws:rds:us-east-1:123456789012:db:tco-calculator-production-us-east-1"),
                                Map.entry("SourceRegion", "us-east-1"),
                                Map.entry(
                                        "KmsKeyId",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of(
                                                        logicalId(
                                                                standby,
                                                                "AWS::KMS::Key",
                                                                "tco-calculator-production-us-west-2 storage"),
                                                        "Arn"))),
                                Map.entry("DBInstanceClass", "db.r6g.large"),
                                Map.entry("MultiAZ", true),
                                Map.entry("EnablePerformanceInsights", true),
                                Map.entry("MonitoringInterval", 60),
                                Map.entry("EnableCloudwatchLogsExports", List.of("postgresql", "upgrade")),
                                Map.entry("DeletionProtection", true))))));
        assertThat(standby.findResources("AWS::RDS::DBInstance"))
                .as("no in-region replica in a standby")
                .hasSize(1);
        standby.findResources("AWS::RDS::DBInstance")
                .values()
                .forEach(instance -> assertThat(properties(instance)).doesNotContainKey("StorageEncrypted"));
    }

    @Test
    void standbyTasksReadTheReplicatedSecretAndTheLocalReplica() {
        Template standby = ReferenceApp.get().template(ReferenceApp.get().standby(PROD));
        String json = standby.toJSON().toString();
        assertThat(json).contains("secret:tco-calculator-production-us-east-1/credentials");
        standby.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "ContainerDefinitions",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Name",
                                "api",
                                "Environment",
                                Match.arrayWith(List.of(
                                        Match.objectLike(Map.of("Name", "AWS_REGION", "Value", "us-west-2")),
                                        Match.objectLike(
                                                Map.of("Name", "PLATFORM_REGION_ROLE", "Value", "standby")))))))))));
        Template primary = ReferenceApp.get().template(PROD);
        primary.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Match.objectLike(Map.of(
                        "Name",
                        "tco-calculator-production-us-east-1/credentials",
                        "ReplicaRegions",
                        List.of(Map.of("Region", "us-west-2")))));
        assertThat(standby.findResources(
                        "AWS::SecretsManager::Secret",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of("Name", "tco-calculator-production/redis-auth-token"))))))
                .as("a Redis of its own")
                .hasSize(1);
        standby.resourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
    }

    @Test
    void warmStandbyRunsTheCappedMinimumAndPilotLightRunsNothing() {
        Template warm = ReferenceApp.get().template(ReferenceApp.get().standby(PROD));
        warm.hasResourceProperties(
                "AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "api", "DesiredCount", 2)));
        warm.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("MinCapacity", 2, "MaxCapacity", 20)));
        Template pilot = ReferenceApp.get().template(ReferenceApp.get().standby(EnvironmentName.STAGING));
        pilot.resourcePropertiesCountIs("AWS::ECS::Service", Match.objectLike(Map.of("DesiredCount", 0)), 2);
        pilot.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
        pilot.hasResourceProperties(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of(
                        "Name", "/dr-platform/tco-calculator/staging/us-west-2/ecs/failover-desired-counts",
                        "Value", "api=2,web=2")));
    }

    @Test
    void failoverRecordsAliasTheRegionalNamesWithAnHttpsDeepHealthCheck() {
        Template global = ReferenceApp.get().template(ReferenceApp.get().global(PROD));
        global.resourcePropertiesCountIs(
                "AWS::Route53::HealthCheck",
                Match.objectLike(Map.of(
                        "HealthCheckConfig",
                        Match.objectLike(Map.of(
                                "Type",
                                "HTTPS",
                                "Port",
                                443,
                                "ResourcePath",
                                "/health/deep",
                                "RequestInterval",
                                10,
                                "FailureThreshold",
                                3)))),
                2);
        global.hasResourceProperties(
                "AWS::Route53::RecordSetGroup",
                Match.objectLike(Map.of(
                        "HostedZoneId",
                        "Z0123456789ABCDEFGHIJ",
                        "RecordSets",
                        List.of(
                                Map.of(
                                        "Name",
                                        "tco.example.com.",
                                        "Type",
                                        "A",
                                        "SetIdentifier",
                                        "us-east-1",
                                        "Failover",
                                        "PRIMARY",
                                        "HealthCheckId",
                                        Map.of("Fn::GetAtt", List.of("HealthCheckuseast1", "HealthCheckId")),
                                        "AliasTarget",
                                        Map.of(
                                                "DNSName",
                                                "us-east-1.tco.example.com.",
                                                "HostedZoneId",
                                                "Z0123456789ABCDEFGHIJ",
                                                "EvaluateTargetHealth",
                                                true)),
                                Map.of(
                                        "Name",
                                        "tco.example.com.",
                                        "Type",
                                        "A",
                                        "SetIdentifier",
                                        "us-west-2",
                                        "Failover",
                                        "SECONDARY",
                                        "AliasTarget",
                                        Map.of(
                                                "DNSName",
                                                "us-west-2.tco.example.com.",
                                                "HostedZoneId",
                                                "Z0123456789ABCDEFGHIJ",
                                                "EvaluateTargetHealth",
                                                true))))));
        assertThat(global.toJSON().toString()).as("alias records carry no TTL").doesNotContain("\"TTL\"");
        for (String region : List.of("us-east-1", "us-west-2")) {
            global.hasResourceProperties(
                    "AWS::SSM::Parameter",
                    Match.objectLike(Map.of(
                            "Name",
                            "/dr-platform/tco-calculator/production/global/route53/health-check-id/" + region,
                            "Value",
                            Map.of("Fn::GetAtt", List.of("HealthCheck" + region.replace("-", ""), "HealthCheckId")))));
        }
        for (RegionStack region :
                List.of(ReferenceApp.get().primary(PROD), ReferenceApp.get().standby(PROD))) {
            Template template = ReferenceApp.get().template(region);
            template.hasResourceProperties(
                    "AWS::Route53::RecordSet",
                    Match.objectLike(Map.of(
                            "Name",
                            region.getRegion() + ".tco.example.com.",
                            "AliasTarget",
                            Match.objectLike(Map.of("EvaluateTargetHealth", true)))));
            template.hasResourceProperties(
                    "AWS::ElasticLoadBalancingV2::ListenerRule",
                    Match.objectLike(Map.of(
                            "Priority",
                            1,
                            "Conditions",
                            List.of(Match.objectLike(
                                    Map.of("PathPatternConfig", Map.of("Values", List.of("/health/deep"))))))));
            template.hasResourceProperties(
                    "AWS::CertificateManager::Certificate",
                    Match.objectLike(Map.of(
                            "DomainName",
                            "tco.example.com",
                            "SubjectAlternativeNames",
                            List.of(region.getRegion() + ".tco.example.com"))));
        }
    }

    @Test
    void drAlarmsNotifyTopicsInBothRegionsAndUsEast1() {
        Map<String, Set<String>> expected = Map.of(
                ReferenceApp.get().standby(PROD).getStackName(),
                        Set.of("dr-replica-lag", "dr-replica-cpu", "dr-replica-storage", "dr-standby-running-tasks"),
                ReferenceApp.get().primary(PROD).getStackName(), Set.of("dr-s3-replication-failures"),
                ReferenceApp.get().global(PROD).getStackName(), Set.of("dr-route53-health-check"));
        for (Stack stack : List.of(
                ReferenceApp.get().standby(PROD),
                ReferenceApp.get().primary(PROD),
                ReferenceApp.get().global(PROD))) {
            Template template = ReferenceApp.get().template(stack);
            AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(template);
            Set<String> kinds = new TreeSet<>();
            template.findResources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
                Map<String, Object> p = properties(alarm);
                String description = (String) p.get("AlarmDescription");
                assertThat(topics.severityOf(alarm))
                        .as("alarm %s", p.get("AlarmName"))
                        .isEqualTo(AlarmKind.fromAnchor(description.substring(description.lastIndexOf('#') + 1))
                                .orElseThrow()
                                .defaultSeverity());
                assertThat(description)
                        .contains("On-call: ")
                        .containsPattern("Runbook: ops-runbooks/alarm-guide\\.md#[a-z0-9-]+$");
                kinds.add(description.substring(description.lastIndexOf('#') + 1));
            });
            assertThat(kinds).as(stack.getStackName()).containsAll(expected.get(stack.getStackName()));
        }
        Template standby = ReferenceApp.get().template(ReferenceApp.get().standby(PROD));
        standby.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "MetricName",
                        "ReplicaLag",
                        "Threshold",
                        60,
                        "ComparisonOperator",
                        "GreaterThanThreshold",
                        "Dimensions",
                        List.of(Map.of(
                                "Name", "DBInstanceIdentifier", "Value", "tco-calculator-production-us-west-2")))));
        standby.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "MetricName", "RunningTaskCount", "Threshold", 2, "ComparisonOperator", "LessThanThreshold")));
        ReferenceApp.get()
                .template(ReferenceApp.get().global(PROD))
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(
                                Map.of("Namespace", "AWS/Route53", "MetricName", "HealthCheckStatus", "Threshold", 1)));
        ReferenceApp.get()
                .template(PROD)
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of("Namespace", "AWS/S3", "MetricName", "OperationsFailedReplication")));
    }

    @Test
    void reportBucketReplicatesToTheStandbyWithItsOwnRoleAndKey() {
        Template source = ReferenceApp.get().template(ReferenceApp.get().storage(PROD, "us-east-1"));
        source.hasResourceProperties(
                "AWS::S3::Bucket",
                Match.objectLike(
                        Map.of(
                                "BucketName", "tco-calculator-production-reports-123456789012-us-east-1",
                                "VersioningConfiguration", Map.of("Status", "Enabled"),
                                "ReplicationConfiguration",
                                        Match.objectLike(
                                                Map.of(
                                                        "Role", Match.anyValue(),
                                                        "Rules",
                                                                List.of(
                                                                        Match.objectLike(
                                                                                Map.of(
                                                                                        "Id", "to-us-west-2",
                                                                                        "Status", "Enabled",
                                                                                        "Destination",
                                                                                                Match.objectLike(
                                                                                                        Map.of(
                                                                                                                "Bucket",
                                                                                                                "arn:aws:s3:::tco-calculator-production-reports-123456789012-us-west-2",
                                                                                                                "EncryptionConfiguration",
                                                                                                                Map.of(
                                                                                                                        "ReplicaKmsKeyID",
                                                                                                                        "arn:aws:kms:us-west-2:123456789012:alias/tco-calculator-production-reports-bucket")))))))))));
        source.hasResourceProperties(
                "AWS::S3::Bucket",
                Match.objectLike(Map.of(
                        "LifecycleConfiguration",
                        Match.objectLike(Map.of(
                                "Rules",
                                List.of(Match.objectLike(Map.of(
                                        "ExpirationInDays",
                                        365,
                                        "Transitions",
                                        List.of(
                                                Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                                                Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", 90))))))))));
        Template destination = ReferenceApp.get().template(ReferenceApp.get().storage(PROD, "us-west-2"));
        destination.hasResourceProperties(
                "AWS::S3::Bucket",
                Match.objectLike(Map.of(
                        "BucketName",
                        "tco-calculator-production-reports-123456789012-us-west-2",
                        "VersioningConfiguration",
                        Map.of("Status", "Enabled"))));
        destination.hasResourceProperties(
                "AWS::KMS::Alias",
                Map.of("AliasName", "alias/tco-calculator-production-reports-bucket", "TargetKeyId", Match.anyValue()));
        assertThat(destination.toJSON().toString()).doesNotContain("ReplicationConfiguration");
    }

    @Test
    void noStackReferencesAnother() {
        for (Stack stack : ReferenceApp.get().stacks) {
            Map<String, Object> json = ReferenceApp.get().template(stack).toJSON();
            assertThat(json).as(stack.getStackName()).doesNotContainKey("Outputs");
            assertThat(json.toString())
                    .as(stack.getStackName())
                    .doesNotContain("Fn::ImportValue", "ExportsReader", "crossRegion");
        }
    }

    @Test
    void cdkNagIsCleanInEveryStackOfBothRegions() {
        for (Stack stack : ReferenceApp.get().stacks) {
            assertThat(ReferenceApp.get().nagFindings(stack))
                    .as("cdk-nag findings in %s", stack.getStackName())
                    .isEmpty();
        }
    }

    static String logicalId(Template template, String type, String descriptionFragment) {
        return template.findResources(type).entrySet().stream()
                .filter(e -> String.valueOf(properties(e.getValue()).get("Description"))
                        .contains(descriptionFragment))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " described " + descriptionFragment));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Object resource) {
        return (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
    }
}
