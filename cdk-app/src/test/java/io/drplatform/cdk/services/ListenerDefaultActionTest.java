package io.drplatform.cdk.services;

import io.drplatform.cdk.PlatformStacks;
import io.drplatform.manifest.model.ContainerImage;
import io.drplatform.manifest.model.MetricsPublishing;
import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;

/**
 * The HTTPS listener's default action is set once: the service without routes takes unmatched requests, and with
 * none every unmatched request gets a problem+json 404. Setting it twice makes CDK replace it with a warning.
 */
class ListenerDefaultActionTest {
    private static Stack withDefaultService;
    private static Stack routesOnly;

    @BeforeAll
    static void synthesize() {
        App app = new App(AppProps.builder().context(PlatformStacks.CONTEXT).build());
        withDefaultService =
                stack(app, "WithDefaultService", List.of(service("api", List.of("/api/*")), service("web", null)));
        routesOnly = stack(app, "RoutesOnly", List.of(service("api", List.of("/api/*"))));
        app.synth();
    }

    @Test
    void theServiceWithoutRoutesIsTheDefaultAction() {
        Template template = Template.fromStack(withDefaultService);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(Map.of(
                        "Port",
                        443,
                        "DefaultActions",
                        List.of(Match.objectLike(Map.of(
                                "Type",
                                "forward",
                                "TargetGroupArn",
                                Map.of("Ref", Match.stringLikeRegexp("^ServiceswebTargets.*"))))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(Map.of(
                        "Actions",
                        List.of(Match.objectLike(Map.of(
                                "TargetGroupArn", Map.of("Ref", Match.stringLikeRegexp("^ServicesapiTargets.*"))))))));
        Annotations.fromStack(withDefaultService).hasNoWarning("*", Match.anyValue());
    }

    @Test
    void withoutSuchAServiceUnmatchedRequestsGetAProblemJson404() {
        Template.fromStack(routesOnly)
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::Listener",
                        Match.objectLike(
                                Map.of(
                                        "Port",
                                        443,
                                        "DefaultActions",
                                        List.of(
                                                Map.of(
                                                        "Type",
                                                        "fixed-response",
                                                        "FixedResponseConfig",
                                                        Map.of(
                                                                "StatusCode", "404",
                                                                "ContentType", "application/problem+json",
                                                                "MessageBody",
                                                                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}"))))));
        Annotations.fromStack(routesOnly).hasNoWarning("*", Match.anyValue());
    }

    private static Stack stack(App app, String id, List<ServiceSpec> services) {
        Stack stack = BareStacks.stack(app, id);
        Vpc vpc = BareStacks.vpc(stack);
        new ApplicationServices(
                stack,
                "Services",
                new ApplicationServices.Props(
                        vpc,
                        SubnetSelection.builder()
                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                .build(),
                        SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build(),
                        "shop-development",
                        services,
                        HostedZone.fromHostedZoneAttributes(
                                stack,
                                "Zone",
                                HostedZoneAttributes.builder()
                                        .hostedZoneId("Z1ABCDEF")
                                        .zoneName("example.org")
                                        .build()),
                        "shop.example.org",
                        Path.of("."),
                        RetentionDays.ONE_WEEK,
                        RemovalPolicy.DESTROY,
                        spec -> ContainerSettings.none(),
                        null,
                        List.of()));
        return stack;
    }

    private static ServiceSpec service(String name, List<String> routes) {
        return new ServiceSpec(
                name,
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
                routes,
                Map.of(),
                Map.of(),
                List.of(),
                false,
                MetricsPublishing.NONE,
                null,
                null,
                false,
                null,
                List.of(),
                null,
                null);
    }
}
