package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The other manifests in {@code manifests/}, one application shape each, each synthesized once in production (where
 * every feature they declare is on) and checked for the resources that shape needs. The reference app has its own
 * tests ({@link DisasterRecoveryTest}).
 */
class SeedManifestsTest {
    private static final EnvironmentName PROD = EnvironmentName.PRODUCTION;

    static ReferenceApp synthesize(String file) {
        return new ReferenceApp(Path.of("..", "manifests", file), EnumSet.of(PROD));
    }

    static void nagClean(ReferenceApp app) {
        for (Stack stack : app.stacks) {
            assertThat(app.nagFindings(stack))
                    .as("cdk-nag findings in %s", stack.getStackName())
                    .isEmpty();
        }
    }

    /** A URL around an endpoint the template resolves: no credentials in it, only what is written here. */
    static Object urlJoin(String scheme, String rest) {
        return Map.of("Fn::Join", List.of("", List.of(scheme, Match.anyValue(), rest)));
    }

    static Set<String> alarmKinds(Template template) {
        Set<String> kinds = new TreeSet<>();
        template.findResources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            String description = (String) DisasterRecoveryTest.properties(alarm).get("AlarmDescription");
            kinds.add(description.substring(description.lastIndexOf('#') + 1));
        });
        return kinds;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Seed001CalculatorWebApp {
        ReferenceApp app;

        @BeforeAll
        void synthesize() {
            app = SeedManifestsTest.synthesize("calculator-web-app.yaml");
        }

        @Test
        void theApiGetsNeutralSettingsWithTheCredentialsWhereNodePostgresReadsThem() {
            Template primary = app.template(app.primary(PROD));
            String family = "calcapp-production-api";
            ContainerConnections.sets(
                    primary,
                    family,
                    Map.of(
                            "DATABASE_HOST", Match.anyValue(),
                            "DATABASE_PORT", "5432",
                            "DATABASE_NAME", "calcapp",
                            "DATABASE_SSLMODE", "require",
                            "DATABASE_URL", urlJoin("postgresql://", ":5432/calcapp?sslmode=require"),
                            "REDIS_HOST", Match.anyValue(),
                            "REDIS_PORT", "6380",
                            "REDIS_TLS", "true",
                            "REDIS_URL", urlJoin("rediss://", ":6380")),
                    List.of("PGUSER", "PGPASSWORD", "REDIS_AUTH_TOKEN"));
            ContainerConnections.lacks(
                    primary,
                    family,
                    List.of("DATABASE_USER", "DATABASE_PASSWORD", "SPRING_R2DBC_URL", "SPRING_DATA_REDIS_HOST"));
        }

        @Test
        void staticFrontEndOnCloudFrontAndS3WithWafAndTheApiAsOrigin() {
            Template global = app.template(app.global(PROD));
            assertThat(app.global(PROD).getRegion()).isEqualTo("us-east-1");
            global.hasResourceProperties(
                    "AWS::CloudFront::Distribution",
                    Match.objectLike(Map.of(
                            "DistributionConfig",
                            Match.objectLike(Map.of(
                                    "Aliases", List.of("app.calcapp.com"),
                                    "WebACLId", Match.anyValue(),
                                    "DefaultRootObject", "index.html",
                                    "CacheBehaviors", List.of(Match.objectLike(Map.of("PathPattern", "/v1/*"))),
                                    "Origins",
                                            Match.arrayWith(List.of(
                                                    Match.objectLike(Map.of("DomainName", "api.calcapp.com")))))))));
            global.hasResourceProperties(
                    "AWS::WAFv2::WebACL",
                    Match.objectLike(Map.of(
                            "Scope",
                            "CLOUDFRONT",
                            "Rules",
                            Match.arrayWith(List.of(
                                    Match.objectLike(Map.of("Name", "AWSManagedRulesCommonRuleSet")),
                                    Match.objectLike(Map.of(
                                            "Name",
                                            "per-ip-rate-limit",
                                            "Statement",
                                            Map.of(
                                                    "RateBasedStatement",
                                                    Map.of("AggregateKeyType", "IP", "Limit", 2000)))))))));
            global.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Match.anyValue());
            global.hasResourceProperties(
                    "AWS::CertificateManager::Certificate", Match.objectLike(Map.of("DomainName", "app.calcapp.com")));
        }

        @Test
        void apiServiceInPlaceOfLambdaWithPostgresReplicaInEuWest1AndRedis() {
            Template primary = app.template(app.primary(PROD));
            primary.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "api")));
            primary.resourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
            primary.hasResourceProperties(
                    "AWS::RDS::DBInstance",
                    Match.objectLike(Map.of(
                            "DBInstanceIdentifier", "calcapp-production-us-east-1", "BackupRetentionPeriod", 35)));
            assertThat(app.standby(PROD).getRegion()).isEqualTo("eu-west-1");
            Template standby = app.template(app.standby(PROD));
            standby.hasResourceProperties(
                    "AWS::RDS::DBInstance",
                    Match.objectLike(Map.of(
                            "SourceDBInstanceIdentifier",
                            "arn:aws:rds:us-east-1:210987654321:db:calcapp-production-us-east-1")));
            standby.resourcePropertiesCountIs("AWS::ECS::Service", Match.objectLike(Map.of("DesiredCount", 0)), 1);
            standby.resourceCountIs("AWS::EC2::NatGateway", 1); // pilot light: one NAT gateway until failover
            primary.resourceCountIs("AWS::EC2::NatGateway", 3);
        }

        @Test
        void theSeedsAlarmListAndNagIsClean() {
            assertThat(alarmKinds(app.template(app.primary(PROD))))
                    .contains("alb-5xx-rate", "target-p99-latency", "rds-cpu", "rds-connections", "rds-free-storage");
            nagClean(app);
        }

        /**
         * The seed's tiers: critical alarms page the on-call engineer now, high-priority ones are investigated within
         * an hour (ticket), medium within four hours (info).
         */
        @Test
        void theSeedsAlarmTiersAreSeveritiesWithTheirOwnSubscribers() {
            Template primary = app.template(app.primary(PROD));
            AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(primary);
            Map<String, AlarmSeverity> severities = new java.util.TreeMap<>();
            primary.findResources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
                String description =
                        String.valueOf(DisasterRecoveryTest.properties(alarm).get("AlarmDescription"));
                severities.put(description.substring(description.lastIndexOf('#') + 1), topics.severityOf(alarm));
            });
            assertThat(severities)
                    .containsEntry("alb-5xx-rate", AlarmSeverity.PAGE) // API 5xx rate > 5%: critical
                    .containsEntry("rds-cpu", AlarmSeverity.PAGE) // RDS CPU: critical
                    .containsEntry("rds-connections", AlarmSeverity.PAGE) // RDS connections: critical
                    .containsEntry("target-p99-latency", AlarmSeverity.TICKET) // p99 latency: high priority
                    .containsEntry("rds-free-storage", AlarmSeverity.TICKET); // RDS storage: high priority
            primary.hasResourceProperties(
                    "AWS::SNS::Subscription",
                    Match.objectLike(Map.of(
                            "Endpoint",
                            "oncall@calcapp.com",
                            "TopicArn",
                            Map.of("Ref", topics.topic(AlarmSeverity.PAGE)))));
            for (AlarmSeverity severity : List.of(AlarmSeverity.TICKET, AlarmSeverity.INFO)) {
                primary.hasResourceProperties(
                        "AWS::SNS::Subscription",
                        Match.objectLike(Map.of(
                                "Endpoint",
                                "engineering@calcapp.com",
                                "TopicArn",
                                Map.of("Ref", topics.topic(severity)))));
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Seed002DpcCostComparator {
        ReferenceApp app;

        @BeforeAll
        void synthesize() {
            app = SeedManifestsTest.synthesize("dpc-cost-comparator.yaml");
        }

        @Test
        void theBackendGetsTheSeedsNamesAndTheFrontendNoConnectionSettings() {
            Template primary = app.template(app.primary(PROD));
            ContainerConnections.sets(
                    primary,
                    "dpc-comparator-production-backend",
                    Map.of(
                            "DATABASE_HOST", Match.anyValue(),
                            "DATABASE_NAME", "dpc",
                            "DATABASE_SSL", "true",
                            "REDIS_HOST", Match.anyValue(),
                            "REDIS_PORT", "6380"),
                    List.of("DATABASE_USER", "DATABASE_PASSWORD", "REDIS_PASSWORD"));
            ContainerConnections.lacks(primary, "dpc-comparator-production-backend", List.of("REDIS_AUTH_TOKEN"));
            ContainerConnections.lacks(
                    primary,
                    "dpc-comparator-production-frontend",
                    List.of("DATABASE_HOST", "DATABASE_USER", "REDIS_HOST", "SPRING_R2DBC_URL"));
        }

        @Test
        void frontendAndBackendShareOneLoadBalancerWithPathRoutingAndScale2To10() {
            Template primary = app.template(app.primary(PROD));
            primary.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
            primary.resourcePropertiesCountIs("AWS::ECS::Service", Match.objectLike(Map.of("DesiredCount", 2)), 2);
            primary.hasResourceProperties(
                    "AWS::ElasticLoadBalancingV2::ListenerRule",
                    Match.objectLike(Map.of(
                            "Conditions",
                            List.of(Match.objectLike(
                                    Map.of("PathPatternConfig", Map.of("Values", List.of("/api/*"))))))));
            primary.resourcePropertiesCountIs(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    Match.objectLike(Map.of("MinCapacity", 2, "MaxCapacity", 10)),
                    2);
        }

        @Test
        void bothContainersRunTheSeedsNodeHealthCheck() {
            Template primary = app.template(app.primary(PROD));
            for (String service : List.of("backend", "frontend")) {
                primary.hasResourceProperties(
                        "AWS::ECS::TaskDefinition",
                        ContainerHealthChecks.taskWith(
                                "dpc-comparator-production-" + service,
                                Map.of(
                                        "Command",
                                        Match.arrayWith(List.of("CMD", "node", "-e")),
                                        "Interval",
                                        30,
                                        "Timeout",
                                        3,
                                        "Retries",
                                        3,
                                        "StartPeriod",
                                        40)));
            }
        }

        @Test
        void multiAzDatabaseWithTwoReadReplicasAndRedis() {
            Template primary = app.template(app.primary(PROD));
            primary.hasResourceProperties(
                    "AWS::RDS::DBInstance",
                    Match.objectLike(
                            Map.of("DBInstanceIdentifier", "dpc-comparator-production-us-east-1", "MultiAZ", true)));
            primary.resourcePropertiesCountIs(
                    "AWS::RDS::DBInstance",
                    Match.objectLike(Map.of("SourceDBInstanceIdentifier", Match.anyValue())),
                    2);
            primary.resourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
        }

        @Test
        void backupAndAuditBucketsMoveToGlacierAndExpireAfterSixYears() {
            Template storage = app.template(app.storage(PROD, "us-east-1"));
            for (String[] bucket : new String[][] {{"backups", "90"}, {"audit-logs", "365"}}) {
                storage.hasResourceProperties(
                        "AWS::S3::Bucket",
                        Match.objectLike(Map.of(
                                "BucketName", "dpc-comparator-production-" + bucket[0] + "-345678901234-us-east-1",
                                "VersioningConfiguration", Map.of("Status", "Enabled"),
                                "LifecycleConfiguration",
                                        Match.objectLike(Map.of(
                                                "Rules",
                                                List.of(Match.objectLike(Map.of(
                                                        "ExpirationInDays",
                                                        2190,
                                                        "Transitions",
                                                        List.of(Map.of(
                                                                "StorageClass",
                                                                "GLACIER",
                                                                "TransitionInDays",
                                                                Integer.parseInt(bucket[1])))))))))));
            }
        }

        @Test
        void theSeedsFourAlarmsAndDashboard() {
            Template primary = app.template(app.primary(PROD));
            assertThat(alarmKinds(primary)).contains("ecs-cpu", "ecs-memory", "rds-connections", "alb-5xx-rate");
            primary.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
            nagClean(app);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Seed003MonteCarloStreamlit {
        ReferenceApp app;

        @BeforeAll
        void synthesize() {
            app = SeedManifestsTest.synthesize("monte-carlo-streamlit.yaml");
        }

        @Test
        void oneStreamlitServiceOn8501CheckedOnItsReadinessPath() {
            assertThat(app.stacks).hasSize(1).allMatch(s -> s instanceof RegionStack);
            Template primary = app.template(app.primary(PROD));
            primary.resourceCountIs("AWS::ECS::Service", 1);
            primary.hasResourceProperties(
                    "AWS::ElasticLoadBalancingV2::TargetGroup",
                    Match.objectLike(Map.of("Port", 8501, "HealthCheckPath", "/ready")));
            primary.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(Map.of(
                            "ContainerDefinitions",
                            List.of(Match.objectLike(Map.of(
                                    "PortMappings", List.of(Match.objectLike(Map.of("ContainerPort", 8501)))))))));
        }

        @Test
        void theLivenessProbeIsAContainerHealthCheckRunByPythonAfterTheStartPeriod() {
            Template primary = app.template(app.primary(PROD));
            primary.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(Map.of(
                            "ContainerDefinitions",
                            List.of(Match.objectLike(Map.of(
                                    "HealthCheck",
                                    Map.of(
                                            "Command",
                                            Match.arrayWith(List.of("CMD", "python", "-c")),
                                            "Interval",
                                            30,
                                            "Timeout",
                                            10,
                                            "Retries",
                                            3,
                                            "StartPeriod",
                                            60)))))));
        }

        @Test
        void scales3To10At70PercentCpuAnd80PercentMemory() {
            Template primary = app.template(app.primary(PROD));
            primary.hasResourceProperties(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    Match.objectLike(Map.of("MinCapacity", 3, "MaxCapacity", 10)));
            primary.hasResourceProperties(
                    "AWS::ApplicationAutoScaling::ScalingPolicy",
                    Match.objectLike(Map.of(
                            "TargetTrackingScalingPolicyConfiguration",
                            Match.objectLike(Map.of(
                                    "PredefinedMetricSpecification",
                                    Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"),
                                    "TargetValue",
                                    70)))));
            primary.hasResourceProperties(
                    "AWS::ApplicationAutoScaling::ScalingPolicy",
                    Match.objectLike(Map.of(
                            "TargetTrackingScalingPolicyConfiguration",
                            Match.objectLike(Map.of(
                                    "PredefinedMetricSpecification",
                                    Map.of("PredefinedMetricType", "ECSServiceAverageMemoryUtilization"),
                                    "TargetValue",
                                    80)))));
        }

        @Test
        void redisAndTheOptionalPostgres() {
            Template primary = app.template(app.primary(PROD));
            primary.resourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
            primary.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of("BackupRetentionPeriod", 7)));
            nagClean(app);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Seed004Microservices {
        ReferenceApp app;

        @BeforeAll
        void synthesize() {
            app = SeedManifestsTest.synthesize("microservices.yaml");
        }

        @Test
        void theGatewayGetsTheCacheUnderNeutralNamesAndNothingOfTheDatabase() {
            Template primary = app.template(app.primary(PROD));
            ContainerConnections.sets(
                    primary,
                    "taskhub-production-api-gateway",
                    Map.of("REDIS_URL", urlJoin("rediss://", ":6380"), "REDIS_TLS", "true"),
                    List.of("REDIS_AUTH_TOKEN"));
            ContainerConnections.lacks(
                    primary,
                    "taskhub-production-api-gateway",
                    List.of("DATABASE_URL", "PGUSER", "DATABASE_CREDENTIALS_SECRET_ARN"));
        }

        @Test
        void fiveServicesWithTheirResourcesAndPathRoutes() {
            Template primary = app.template(app.primary(PROD));
            for (String name : List.of("api-gateway", "auth", "user", "task", "notification")) {
                primary.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", name)));
            }
            primary.hasResourceProperties(
                    "AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "user", "DesiredCount", 5)));
            primary.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(Map.of("Family", "taskhub-production-user", "Cpu", "1024", "Memory", "2048")));
            for (String route : List.of("/api/v1/auth", "/api/v1/users", "/api/v1/tasks", "/api/v1/notifications")) {
                primary.hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::ListenerRule",
                        Match.objectLike(Map.of(
                                "Conditions",
                                List.of(Match.objectLike(Map.of(
                                        "PathPatternConfig", Map.of("Values", List.of(route, route + "/*"))))))));
            }
            primary.resourcePropertiesCountIs(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    Match.objectLike(Map.of("MinCapacity", 2, "MaxCapacity", 10)),
                    5);
        }

        @Test
        void onlyTheApiGatewayHasTheSeedsContainerHealthCheck() {
            Template primary = app.template(app.primary(PROD));
            primary.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    ContainerHealthChecks.taskWith(
                            "taskhub-production-api-gateway",
                            Match.objectLike(Map.of(
                                    "Command",
                                    Match.arrayWith(List.of("wget", "http://127.0.0.1:3000/health")),
                                    "Timeout",
                                    3,
                                    "StartPeriod",
                                    5,
                                    "Retries",
                                    3))));
            primary.resourcePropertiesCountIs(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(Map.of(
                            "ContainerDefinitions", List.of(Match.objectLike(Map.of("HealthCheck", Match.absent()))))),
                    4);
        }

        @Test
        void postgresReplicatesAcrossRegionsAndRedisRunsInBoth() {
            assertThat(app.primary(PROD).getRegion()).isEqualTo("us-west-2");
            Template standby = app.template(app.standby(PROD));
            assertThat(app.standby(PROD).getRegion()).isEqualTo("us-east-1");
            standby.hasResourceProperties(
                    "AWS::RDS::DBInstance",
                    Match.objectLike(Map.of(
                            "DBInstanceIdentifier", "taskhub-production-us-east-1",
                            "SourceDBInstanceIdentifier",
                                    "arn:aws:rds:us-west-2:567890123456:db:taskhub-production-us-west-2",
                            "SourceRegion", "us-west-2")));
            standby.resourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
            app.template(app.primary(PROD)).resourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
            // Route 53 ARC: cluster, panel, a routing control per region, at least one on, records on their health
            // checks.
            io.drplatform.cdk.global.RoutingControlStack arc = app.stacks.stream()
                    .filter(s -> s instanceof io.drplatform.cdk.global.RoutingControlStack)
                    .map(io.drplatform.cdk.global.RoutingControlStack.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(arc.getRegion()).isEqualTo("us-west-2");
            Template routing = app.template(arc);
            routing.resourceCountIs("AWS::Route53RecoveryControl::Cluster", 1);
            routing.resourceCountIs("AWS::Route53RecoveryControl::ControlPanel", 1);
            routing.resourceCountIs("AWS::Route53RecoveryControl::RoutingControl", 2);
            routing.hasResourceProperties(
                    "AWS::Route53RecoveryControl::SafetyRule",
                    Match.objectLike(Map.of(
                            "RuleConfig", Map.of("Type", "ATLEAST", "Threshold", 1, "Inverted", false),
                            "AssertionRule", Match.objectLike(Map.of("AssertedControls", Match.anyValue())))));
            routing.resourcePropertiesCountIs(
                    "AWS::Route53::HealthCheck",
                    Match.objectLike(Map.of("HealthCheckConfig", Match.objectLike(Map.of("Type", "RECOVERY_CONTROL")))),
                    2);
            routing.hasResourceProperties(
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
                                            Match.anyValue())),
                                    Match.objectLike(Map.of(
                                            "SetIdentifier",
                                            "us-east-1",
                                            "Failover",
                                            "SECONDARY",
                                            "HealthCheckId",
                                            Match.anyValue()))))));
            // The DR tool switches through the cluster endpoints; the stack publishes them, read at deploy time.
            routing.hasResourceProperties(
                    "Custom::AWS", Match.objectLike(Map.of("Create", Match.anyValue(), "InstallLatestAwsSdk", false)));
            routing.hasResourceProperties(
                    "AWS::IAM::Policy",
                    Match.objectLike(Map.of(
                            "PolicyDocument",
                            Match.objectLike(Map.of(
                                    "Statement",
                                    Match.arrayWith(List.of(Match.objectLike(Map.of(
                                            "Action",
                                            "route53-recovery-control-config:DescribeCluster",
                                            "Resource",
                                            Map.of(
                                                    "Fn::GetAtt",
                                                    List.of(
                                                            Match.stringLikeRegexp("Cluster.*"),
                                                            "ClusterArn")))))))))));
            routing.hasResourceProperties(
                    "AWS::SSM::Parameter",
                    Match.objectLike(Map.of(
                            "Name",
                            io.drplatform.manifest.contract.PlatformParameters.arcClusterEndpoints(arc.getDeployment())
                                    .name())));
            app.template(app.global(PROD)).resourceCountIs("AWS::Route53::RecordSetGroup", 0);
            // The deep health path goes to the first service that can prove the database is writable.
            app.template(app.global(PROD))
                    .hasResourceProperties(
                            "AWS::Route53::HealthCheck",
                            Match.objectLike(Map.of(
                                    "HealthCheckConfig", Match.objectLike(Map.of("ResourcePath", "/health/deep")))));
            nagClean(app);
        }
    }
}
