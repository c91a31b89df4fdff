package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The production region stack of the reference application: what production needs of its database, cache, services,
 * load balancer, network, tags and published identifiers.
 */
class ProductionRegionStackTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = ReferenceApp.get().template(EnvironmentName.PRODUCTION);
    }

    @Test
    void databaseIsMultiAzEncryptedProtectedAndMonitored() {
        template.hasResource(
                "AWS::RDS::DBInstance",
                Match.objectLike(Map.of(
                        "DeletionPolicy",
                        "Snapshot",
                        "Properties",
                        Match.objectLike(Map.ofEntries(
                                Map.entry("DBInstanceIdentifier", "tco-calculator-production-us-east-1"),
                                Map.entry("Engine", "postgres"),
                                Map.entry("EngineVersion", "16.4"),
                                Map.entry("DBInstanceClass", "db.r6g.large"),
                                Map.entry("MultiAZ", true),
                                Map.entry("DeletionProtection", true),
                                Map.entry("StorageEncrypted", true),
                                Map.entry("KmsKeyId", Match.anyValue()),
                                Map.entry("StorageType", "gp3"),
                                Map.entry("AllocatedStorage", "100"),
                                Map.entry("MaxAllocatedStorage", 1000),
                                Map.entry("BackupRetentionPeriod", 30),
                                Map.entry("EnablePerformanceInsights", true),
                                Map.entry("MonitoringInterval", 60),
                                Map.entry("EnableCloudwatchLogsExports", List.of("postgresql", "upgrade")),
                                Map.entry("PubliclyAccessible", false))))));
    }

    @Test
    void databaseForcesTlsAndRotatesItsCredentials() {
        template.hasResourceProperties(
                "AWS::RDS::DBParameterGroup",
                Match.objectLike(Map.of("Parameters", Match.objectLike(Map.of("rds.force_ssl", "1")))));
        template.hasResourceProperties(
                "AWS::SecretsManager::RotationSchedule",
                Match.objectLike(
                        Map.of("RotationRules", Match.objectLike(Map.of("ScheduleExpression", "rate(30 days)")))));
    }

    @Test
    void inRegionReadReplicaFollowsThePrimary() {
        template.hasResourceProperties(
                "AWS::RDS::DBInstance",
                Match.objectLike(Map.of(
                        "DBInstanceIdentifier",
                        "tco-calculator-production-us-east-1-read-1",
                        "SourceDBInstanceIdentifier",
                        Match.anyValue(),
                        "MultiAZ",
                        true)));
    }

    @Test
    void redisIsEncryptedAuthenticatedAndFailsOverAutomatically() {
        template.hasResourceProperties(
                "AWS::ElastiCache::ReplicationGroup",
                Match.objectLike(Map.of(
                        "AtRestEncryptionEnabled", true,
                        "TransitEncryptionEnabled", true,
                        "AutomaticFailoverEnabled", true,
                        "MultiAZEnabled", true,
                        "ReplicasPerNodeGroup", 2,
                        "AuthToken", Match.anyValue())));
        String authToken = template.findResources("AWS::ElastiCache::ReplicationGroup").values().stream()
                .map(r -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) r).get("Properties")).get("AuthToken")))
                .findFirst()
                .orElseThrow();
        assertThat(authToken)
                .as("the token is a Secrets Manager dynamic reference, never a literal")
                .contains("{{resolve:secretsmanager:");
    }

    @Test
    void servicesRollBackFailedDeploymentsAndClusterHasContainerInsights() {
        template.resourcePropertiesCountIs(
                "AWS::ECS::Service",
                Match.objectLike(Map.of(
                        "DeploymentConfiguration",
                        Match.objectLike(Map.of(
                                "DeploymentCircuitBreaker",
                                Map.of("Enable", true, "Rollback", true),
                                "MinimumHealthyPercent",
                                100)))),
                2);
        template.hasResourceProperties(
                "AWS::ECS::Cluster",
                Match.objectLike(
                        Map.of("ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
    }

    @Test
    void containersAreCheckedWithAToolTheirImageShipsOnThePlatformTimings() {
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                ContainerHealthChecks.taskWith(
                        "tco-calculator-production-api",
                        Map.of(
                                "Command",
                                List.of(
                                        "CMD",
                                        "curl",
                                        "--fail",
                                        "--silent",
                                        "--max-time",
                                        "10",
                                        "--output",
                                        "/dev/null",
                                        "http://127.0.0.1:8080/actuator/health/liveness"),
                                "Interval",
                                30,
                                "Timeout",
                                10,
                                "Retries",
                                3,
                                "StartPeriod",
                                60)));
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                ContainerHealthChecks.taskWith(
                        "tco-calculator-production-web",
                        Match.objectLike(Map.of(
                                "Command",
                                List.of(
                                        "CMD",
                                        "wget",
                                        "-q",
                                        "-t",
                                        "1",
                                        "-T",
                                        "10",
                                        "-O",
                                        "/dev/null",
                                        "http://127.0.0.1:80/")))));
        template.resourcePropertiesCountIs(
                "AWS::ECS::Service", Match.objectLike(Map.of("HealthCheckGracePeriodSeconds", 90)), 2);
    }

    @Test
    void loadBalancerServesHttpsAndRedirectsHttp() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(Map.of(
                        "Port",
                        443,
                        "Protocol",
                        "HTTPS",
                        "Certificates",
                        Match.anyValue(),
                        "SslPolicy",
                        Match.stringLikeRegexp("ELBSecurityPolicy-TLS13.*"))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(Map.of(
                        "Port",
                        80,
                        "Protocol",
                        "HTTP",
                        "DefaultActions",
                        List.of(Match.objectLike(Map.of(
                                "Type",
                                "redirect",
                                "RedirectConfig",
                                Match.objectLike(
                                        Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301"))))))));
        template.hasResourceProperties(
                "AWS::CertificateManager::Certificate",
                Match.objectLike(Map.of(
                        "DomainName", "tco.example.com",
                        "ValidationMethod", "DNS")));
    }

    @Test
    void apiIsRoutedByPathAndCheckedShallowly() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(Map.of(
                        "Conditions",
                        List.of(Match.objectLike(Map.of(
                                "Field",
                                "path-pattern",
                                "PathPatternConfig",
                                Map.of("Values", List.of("/api/*", "/v3/api-docs*", "/swagger-ui*"))))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Match.objectLike(Map.of("HealthCheckPath", "/actuator/health/readiness", "Port", 8080)));
    }

    @Test
    void apiTasksGetDatabaseAndCacheSettingsWithSecretsFromSecretsManager() {
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "Cpu", "1024",
                        "Memory", "2048",
                        "ContainerDefinitions",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Name", "api",
                                        "Environment",
                                                Match.arrayWith(List.of(
                                                        Match.objectLike(
                                                                Map.of("Name", "AWS_REGION", "Value", "us-east-1")),
                                                        Match.objectLike(Map.of("Name", "SPRING_R2DBC_URL")),
                                                        Match.objectLike(Map.of(
                                                                "Name",
                                                                "SPRING_DATA_REDIS_SSL_ENABLED",
                                                                "Value",
                                                                "true")))),
                                        "Secrets",
                                                Match.arrayWith(List.of(
                                                        Match.objectLike(Map.of("Name", "SPRING_R2DBC_PASSWORD")),
                                                        Match.objectLike(
                                                                Map.of("Name", "SPRING_DATA_REDIS_PASSWORD")))))))))));
    }

    @Test
    void autoscalingFollowsTheManifest() {
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("MinCapacity", 3, "MaxCapacity", 20)));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "TargetTrackingScalingPolicyConfiguration",
                        Match.objectLike(Map.of(
                                "PredefinedMetricSpecification",
                                Map.of(
                                        "PredefinedMetricType",
                                        "ALBRequestCountPerTarget",
                                        "ResourceLabel",
                                        Match.anyValue()),
                                "TargetValue",
                                1000)))));
    }

    @Test
    void networkSpansThreeZonesWithANatGatewayEachFlowLogsAndEndpoints() {
        template.resourceCountIs("AWS::EC2::NatGateway", 3);
        template.resourceCountIs("AWS::EC2::Subnet", 9);
        template.hasResourceProperties("AWS::EC2::Subnet", Match.objectLike(Map.of("AvailabilityZone", "us-east-1c")));
        template.hasResourceProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of("TrafficType", "ALL")));
        for (String service : List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager")) {
            template.hasResourceProperties(
                    "AWS::EC2::VPCEndpoint",
                    Match.objectLike(Map.of(
                            "ServiceName", "com.amazonaws.us-east-1." + service, "VpcEndpointType", "Interface")));
        }
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of("VpcEndpointType", "Gateway")));
    }

    @Test
    void everythingIsTagged() {
        template.hasResourceProperties(
                "AWS::EC2::VPC",
                Match.objectLike(Map.of(
                        "Tags",
                        Match.arrayWith(List.of(
                                Map.of("Key", "Environment", "Value", "production"),
                                Map.of("Key", "ManagedBy", "Value", "dr-platform-cdk"),
                                Map.of("Key", "Project", "Value", "tco-calculator"))))));
    }

    @Test
    void identifiersArePublishedAsSsmParametersNotExports() {
        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Match.objectLike(
                        Map.of("Name", "/dr-platform/tco-calculator/production/us-east-1/database/instance-id")));
        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of("Name", "/dr-platform/tco-calculator/production/us-east-1/alb/dns-name")));
        assertThat(template.toJSON()).doesNotContainKey("Outputs");
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }
}
