package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What the production primary region hands the reference `api` service: its environment, its migration task that runs
 * before new tasks take traffic, and the application user's credentials with alternating-users rotation.
 */
class ServiceContractTest {
    private static final String ISSUER_PARAMETER = "/dr-platform/tco-calculator/production/us-east-1/auth/issuer-uri";
    private static Template template;
    private static Map<String, Object> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesize() {
        template = ReferenceApp.get().template(EnvironmentName.PRODUCTION);
        resources = (Map<String, Object>) template.toJSON().get("Resources");
    }

    @Test
    void theApiGetsPlacementConnectionsAndTheIssuerAndNoProfileName() {
        Map<String, Object> api = container("api", false);
        assertThat(names(api, "Environment"))
                .containsExactlyInAnyOrder(
                        ContainerVariables.AWS_REGION,
                        ContainerVariables.PLATFORM_ENVIRONMENT,
                        ContainerVariables.PLATFORM_REGION_ROLE,
                        ContainerVariables.R2DBC_URL,
                        ContainerVariables.DATABASE_CREDENTIALS_SECRET_ARN,
                        ContainerVariables.REDIS_HOST,
                        ContainerVariables.REDIS_PORT,
                        ContainerVariables.REDIS_SSL_ENABLED,
                        ContainerVariables.JWT_ISSUER_URI,
                        ContainerVariables.JWT_JWK_SET_URI,
                        // the reference manifest traces the api (observability.tracing)
                        ContainerVariables.OTLP_TRACES_ENDPOINT,
                        ContainerVariables.TRACING_SAMPLING_PROBABILITY,
                        ContainerVariables.METRICS_NAMESPACE,
                        "JAVA_TOOL_OPTIONS");
        assertThat(names(api, "Secrets"))
                .containsExactlyInAnyOrder(
                        ContainerVariables.R2DBC_USERNAME,
                        ContainerVariables.R2DBC_PASSWORD,
                        ContainerVariables.REDIS_PASSWORD);
        assertThat(value(api, "Environment", ContainerVariables.PLATFORM_ENVIRONMENT))
                .isEqualTo("production");
        // Read from this region's parameter when the stack deploys: the issuer is never a cross-stack reference.
        Object issuer = value(api, "Environment", ContainerVariables.JWT_ISSUER_URI);
        assertThat(issuer).isInstanceOf(Map.class);
        String parameter = (String) ((Map<?, ?>) issuer).get("Ref");
        template.templateMatches(Match.objectLike(Map.of(
                "Parameters",
                Match.objectLike(Map.of(
                        parameter,
                        Map.of("Type", "AWS::SSM::Parameter::Value<String>", "Default", ISSUER_PARAMETER))))));
    }

    @Test
    void theApiConnectsAsTheApplicationUserAndMayReReadThatSecretOnly() {
        Map<String, Object> api = container("api", false);
        String application = logicalId("AWS::SecretsManager::SecretTargetAttachment", "DatabaseApplicationCredentials");
        assertThat(value(api, "Environment", ContainerVariables.DATABASE_CREDENTIALS_SECRET_ARN))
                .isEqualTo(Map.of("Ref", application));
        assertThat(value(api, "Secrets", ContainerVariables.R2DBC_PASSWORD).toString())
                .contains(application)
                .contains(":password::");
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyName", Match.stringLikeRegexp("ServicesapiTaskTaskRoleDefaultPolicy.*"),
                        "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Map.of(
                                                "Effect",
                                                "Allow",
                                                "Action",
                                                List.of(
                                                        "secretsmanager:DescribeSecret",
                                                        "secretsmanager:GetSecretValue"),
                                                "Resource",
                                                Map.of("Ref", application))))))));
    }

    @Test
    void theApplicationUserRotatesWithAlternatingUsersAndTheOwnerAlone() {
        String owner = logicalId("AWS::SecretsManager::SecretTargetAttachment", "DatabaseInstanceSecretAttachment");
        template.hasResourceProperties(
                "AWS::SecretsManager::RotationSchedule",
                Match.objectLike(Map.of(
                        "HostedRotationLambda",
                                Match.objectLike(Map.of(
                                        "RotationType",
                                        "PostgreSQLMultiUser",
                                        "MasterSecretArn",
                                        Map.of("Ref", owner))),
                        "RotationRules", Map.of("ScheduleExpression", "rate(30 days)"),
                        // The user exists once the first migration has run: no rotation at creation.
                        "RotateImmediatelyOnUpdate", false)));
        template.hasResourceProperties(
                "AWS::SecretsManager::RotationSchedule",
                Match.objectLike(Map.of(
                        "SecretId", Map.of("Ref", owner),
                        "HostedRotationLambda", Match.objectLike(Map.of("RotationType", "PostgreSQLSingleUser")))));
        template.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Match.objectLike(Map.of(
                        "Name", "tco-calculator-production-us-east-1/application-credentials",
                        "GenerateSecretString",
                                Match.objectLike(
                                        Map.of(
                                                "SecretStringTemplate",
                                                Map.of(
                                                        "Fn::Join",
                                                        List.of(
                                                                "",
                                                                Match.arrayWith(
                                                                        List.of(
                                                                                Match.stringLikeRegexp(
                                                                                        "\\{\"username\":\"app_user\",.*\"masterarn\":.*"))))))),
                        "ReplicaRegions", List.of(Map.of("Region", "us-west-2")))));
    }

    @Test
    void theMigrationRunsAsTheOwnerBeforeTheApiIsUpdated() {
        Map<String, Object> migration = container("api", true);
        assertThat(migration.get("Command")).isEqualTo(List.of("migrate"));
        assertThat(names(migration, "Secrets"))
                .containsExactlyInAnyOrder(
                        ContainerVariables.FLYWAY_USER,
                        ContainerVariables.FLYWAY_PASSWORD,
                        ContainerVariables.DATABASE_APPLICATION_USERNAME,
                        ContainerVariables.DATABASE_APPLICATION_PASSWORD);
        String owner = logicalId("AWS::SecretsManager::SecretTargetAttachment", "DatabaseInstanceSecretAttachment");
        assertThat(value(migration, "Secrets", ContainerVariables.FLYWAY_USER).toString())
                .contains(owner);
        assertThat(value(migration, "Environment", ContainerVariables.FLYWAY_URL)
                        .toString())
                .contains("sslmode=require");

        String task = logicalId("AWS::ECS::TaskDefinition", "ServicesapiMigrationTask");
        String run = logicalId("Custom::Migration", "ServicesapiMigrationRun");
        template.hasResourceProperties(
                "Custom::Migration", Match.objectLike(Map.of("TaskDefinition", Map.of("Ref", task), "Service", "api")));
        template.hasResource(
                "AWS::ECS::Service",
                Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of("ServiceName", "api")),
                        "DependsOn", Match.arrayWith(List.of(run)))));
        // The function may start only that task definition, in this cluster.
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Action",
                                        "ecs:RunTask",
                                        "Resource",
                                        Map.of("Ref", task),
                                        "Condition",
                                        Match.objectLike(Map.of("ArnEquals", Match.anyValue())))))))))));
    }

    @Test
    void theApiAndItsMigrationRunAsTheImagesUnprivilegedUserWithOnlyTmpWritable() {
        for (boolean migration : List.of(false, true)) {
            Map<String, Object> api = container("api", migration);
            assertThat(api.get("User")).isEqualTo("10001:10001"); // the USER of service/Dockerfile
            assertThat(api.get("ReadonlyRootFilesystem")).isEqualTo(true);
            assertThat(api.get("MountPoints"))
                    .isEqualTo(
                            List.of(Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "scratch-tmp")));
        }
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "Family", "tco-calculator-production-api", "Volumes", List.of(Map.of("Name", "scratch-tmp")))));
        // nginx writes its caches and pid under /var: the web service keeps the image's own settings.
        Map<String, Object> web = container("web", false);
        assertThat(web).doesNotContainKeys("User", "ReadonlyRootFilesystem", "MountPoints");
    }

    @Test
    void noMigrationRunsWhereTheDatabaseIsAReplica() {
        Template standby = ReferenceApp.get().template(ReferenceApp.get().standby(EnvironmentName.PRODUCTION));
        standby.resourceCountIs("Custom::Migration", 0);
        assertThat(standby.findResources(
                        "AWS::ECS::TaskDefinition",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of("Family", Match.stringLikeRegexp(".*-migrate")))))))
                .isEmpty();
    }

    @Test
    void theDeepHealthPathReachesTheApiEvenWithoutAStandby() {
        Template development = ReferenceApp.get().template(EnvironmentName.DEVELOPMENT);
        development.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(Map.of(
                        "Priority", 1,
                        "Conditions",
                                List.of(Map.of(
                                        "Field",
                                        "path-pattern",
                                        "PathPatternConfig",
                                        Map.of("Values", List.of("/health/deep")))),
                        "Actions",
                                List.of(Match.objectLike(Map.of(
                                        "TargetGroupArn",
                                        Map.of(
                                                "Ref",
                                                logicalId(
                                                        development,
                                                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                                                        "ServicesapiTargets"))))))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(String name, boolean migration) {
        return resources.values().stream()
                .map(r -> (Map<String, Object>) r)
                .filter(r -> "AWS::ECS::TaskDefinition".equals(r.get("Type")))
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(p -> String.valueOf(p.get("Family")).endsWith("-migrate") == migration)
                .flatMap(p -> ((List<Map<String, Object>>) p.get("ContainerDefinitions")).stream())
                .filter(c -> name.equals(c.get("Name")))
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> container, String list) {
        return ((List<Map<String, Object>>) container.get(list))
                .stream().map(e -> (String) e.get("Name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> container, String list, String name) {
        String key = "Secrets".equals(list) ? "ValueFrom" : "Value";
        return ((List<Map<String, Object>>) container.get(list))
                .stream()
                        .filter(e -> name.equals(e.get("Name")))
                        .map(e -> e.get(key))
                        .findFirst()
                        .orElseThrow();
    }

    private static String logicalId(String type, String prefix) {
        return logicalId(template, type, prefix);
    }

    private static String logicalId(Template in, String type, String prefix) {
        List<String> ids = in.findResources(type).keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .collect(Collectors.toList());
        assertThat(ids).as("%s %s*", type, prefix).hasSize(1);
        return ids.get(0);
    }
}
