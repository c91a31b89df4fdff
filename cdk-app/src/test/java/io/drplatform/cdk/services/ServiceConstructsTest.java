package io.drplatform.cdk.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.cdk.ContainerHealthChecks;
import io.drplatform.cdk.PlatformStacks;
import io.drplatform.manifest.model.ContainerHealthCheck;
import io.drplatform.manifest.model.ContainerImage;
import io.drplatform.manifest.model.HealthProbe;
import io.drplatform.manifest.model.MetricsPublishing;
import io.drplatform.manifest.model.MigrationSpec;
import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;

/** The service constructs on their own, in a bare stack: no manifest, no region stack. */
class ServiceConstructsTest {
    private static final SubnetSelection ISOLATED =
            SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();

    @Test
    void aServiceWithMigrationSettingsGetsAMigrationTaskAndItsRun() {
        Stack stack = stack();
        ContainerService service =
                new ContainerService(stack, "api", props(stack, ContainerSettings.none(), ContainerSettings.none()));

        assertThat(service.getMigration()).isNotNull();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::ECS::TaskDefinition", 2);
        template.resourceCountIs("Custom::Migration", 1);
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "Family",
                        "shop-development-api-migrate",
                        "ContainerDefinitions",
                        List.of(Match.objectLike(Map.of("Command", List.of("migrate")))))));
    }

    @Test
    void withoutMigrationSettingsTheServiceRunsNoMigration() {
        Stack stack = stack();
        ContainerService service = new ContainerService(stack, "api", props(stack, ContainerSettings.none(), null));

        assertThat(service.getMigration()).isNull();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::ECS::TaskDefinition", 1);
        template.resourceCountIs("Custom::Migration", 0);
    }

    @Test
    void pathRulesTakeFivePatternsEachAndNeedTheListener() {
        Stack stack = stack();
        PublicEntryPoint entryPoint = new PublicEntryPoint(
                stack,
                new PublicEntryPoint.Props(
                        vpc(stack),
                        SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build(),
                        "shop-development",
                        HostedZone.fromHostedZoneAttributes(
                                stack,
                                "Zone",
                                HostedZoneAttributes.builder()
                                        .hostedZoneId("Z1ABCDEF")
                                        .zoneName("example.org")
                                        .build()),
                        "shop.example.org",
                        null,
                        RemovalPolicy.DESTROY));
        ContainerService service = new ContainerService(stack, "api", props(stack, ContainerSettings.none(), null));
        var targets = entryPoint.targetGroup("apiTargets", service.getService(), 80, "/");
        List<String> paths = List.of("/a/*", "/b/*", "/c/*", "/d/*", "/e/*", "/f/*", "/g/*");

        assertThatThrownBy(() -> entryPoint.route("apiRule", 10, paths, targets))
                .isInstanceOf(IllegalStateException.class);
        entryPoint.listen(null);
        assertThat(entryPoint.route("apiRule", 10, paths, targets)).isEqualTo(12);

        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 2);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(Map.of(
                        "Priority",
                        11,
                        "Conditions",
                        List.of(Match.objectLike(
                                Map.of("PathPatternConfig", Map.of("Values", List.of("/f/*", "/g/*"))))))));
    }

    @Test
    void theContainerHealthCheckRunsInTheServiceTasksAndTheGracePeriodCoversItsStart() {
        Stack stack = stack();
        new ContainerService(
                stack,
                "api",
                props(
                        stack,
                        ContainerSettings.none(),
                        ContainerSettings.none(),
                        new ContainerHealthCheck(null, "/healthz", HealthProbe.WGET, 20, 5, 4, 150)));

        Template template = Template.fromStack(stack);
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                ContainerHealthChecks.taskWith(
                        "shop-development-api",
                        Map.of(
                                "Command",
                                List.of(
                                        "CMD",
                                        "wget",
                                        "-q",
                                        "-t",
                                        "1",
                                        "-T",
                                        "5",
                                        "-O",
                                        "/dev/null",
                                        "http://127.0.0.1:80/healthz"),
                                "Interval",
                                20,
                                "Timeout",
                                5,
                                "Retries",
                                4,
                                "StartPeriod",
                                150)));
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                ContainerHealthChecks.taskWith("shop-development-api-migrate", Match.absent()));
        template.hasResourceProperties(
                "AWS::ECS::Service", Match.objectLike(Map.of("HealthCheckGracePeriodSeconds", 150)));
    }

    @Test
    void withoutAHealthCheckTheContainerHasNoneAndTheGracePeriodStaysNinetySeconds() {
        Stack stack = stack();
        new ContainerService(stack, "api", props(stack, ContainerSettings.none(), null));

        Template template = Template.fromStack(stack);
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "ContainerDefinitions", List.of(Match.objectLike(Map.of("HealthCheck", Match.absent()))))));
        template.hasResourceProperties(
                "AWS::ECS::Service", Match.objectLike(Map.of("HealthCheckGracePeriodSeconds", 90)));
    }

    private static ContainerService.Props props(Stack stack, ContainerSettings settings, ContainerSettings migration) {
        return props(stack, settings, migration, null);
    }

    private static ContainerService.Props props(
            Stack stack, ContainerSettings settings, ContainerSettings migration, ContainerHealthCheck healthCheck) {
        Cluster cluster =
                Cluster.Builder.create(stack, "Cluster").vpc(vpc(stack)).build();
        return new ContainerService.Props(
                cluster,
                ISOLATED,
                "shop-development",
                new ServiceSpec(
                        "api",
                        new ContainerImage(null, null, "public.ecr.aws/nginx/nginx:1.27-alpine"),
                        80,
                        "/",
                        "/",
                        256,
                        512,
                        1,
                        1,
                        1,
                        null,
                        null,
                        Map.of(),
                        Map.of(),
                        List.of("database"),
                        false,
                        MetricsPublishing.NONE,
                        new MigrationSpec(List.of("migrate")),
                        healthCheck,
                        false,
                        null,
                        List.of(),
                        null,
                        null),
                Path.of("."),
                RetentionDays.ONE_WEEK,
                RemovalPolicy.DESTROY,
                settings,
                migration);
    }

    private static Stack stack() {
        return BareStacks.stack(
                new App(AppProps.builder().context(PlatformStacks.CONTEXT).build()), "Services");
    }

    private static Vpc vpc(Stack stack) {
        return BareStacks.vpc(stack);
    }
}
