package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.services.TraceCollector;
import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Tracing as the reference manifest enables it for {@code api}: an ADOT collector beside the api container in its
 * tasks (not essential, logging to the api's log group, configured for X-Ray in the task's region), the api told
 * where to export and at which rate (the environment's), X-Ray write permissions on the task role in a policy of
 * their own, and nothing of it for {@code web} or the migration task.
 */
class TraceCollectorTest {

    @Test
    void theApiTaskRunsTheCollectorBesideTheServiceInEachRegion() {
        ReferenceApp app = ReferenceApp.get();
        for (var stack : List.of(app.primary(EnvironmentName.PRODUCTION), app.standby(EnvironmentName.PRODUCTION))) {
            Template template = app.template(stack);
            String region = stack.getPlan().region();
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(Map.of(
                            "Family",
                            "tco-calculator-production-api",
                            "ContainerDefinitions",
                            Match.arrayWith(List.of(
                                    Match.objectLike(Map.of(
                                            "Name",
                                            "api",
                                            "Essential",
                                            true,
                                            "Environment",
                                            Match.arrayWith(List.of(
                                                    Map.of(
                                                            "Name",
                                                            ContainerVariables.OTLP_TRACES_ENDPOINT,
                                                            "Value",
                                                            "http://localhost:4318/v1/traces"),
                                                    Map.of(
                                                            "Name",
                                                            ContainerVariables.TRACING_SAMPLING_PROBABILITY,
                                                            "Value",
                                                            "0.05"))))),
                                    Match.objectLike(Map.of(
                                            "Name",
                                            "otel-collector",
                                            "Image",
                                            "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                                            "Essential",
                                            false,
                                            "Environment",
                                            List.of(Map.of(
                                                    "Name",
                                                    "AOT_CONFIG_CONTENT",
                                                    "Value",
                                                    Match.stringLikeRegexp(
                                                            "[\\s\\S]*endpoint: 127\\.0\\.0\\.1:4318[\\s\\S]*awsxray:\\s+region: "
                                                                    + region
                                                                    + "[\\s\\S]*exporters: \\[awsxray\\][\\s\\S]*"))),
                                            "LogConfiguration",
                                            Match.objectLike(Map.of(
                                                    "LogDriver",
                                                    "awslogs",
                                                    "Options",
                                                    Match.objectLike(Map.of(
                                                            "awslogs-group",
                                                            Map.of(
                                                                    "Ref",
                                                                    logGroup(
                                                                            template,
                                                                            "/ecs/tco-calculator-production/api")),
                                                            "awslogs-stream-prefix",
                                                            "otel-collector")))))))))));
            template.hasResourceProperties(
                    "AWS::IAM::Policy",
                    Match.objectLike(Map.of(
                            "PolicyDocument",
                            Map.of(
                                    "Statement",
                                    List.of(Map.of(
                                            "Action",
                                            List.of("xray:PutTelemetryRecords", "xray:PutTraceSegments"),
                                            "Effect",
                                            "Allow",
                                            "Resource",
                                            "*")),
                                    "Version",
                                    "2012-10-17"),
                            "Roles",
                            List.of(Map.of("Ref", Match.stringLikeRegexp("ServicesapiTaskTaskRole.*"))))));
        }
    }

    @Test
    void theRateIsTheEnvironmentsAndOnlyTheApiExportsTraces() {
        ReferenceApp app = ReferenceApp.get();
        Template staging = app.template(EnvironmentName.STAGING);
        Map<String, Map<String, Object>> tasks = staging.findResources("AWS::ECS::TaskDefinition");
        int collectors = 0;
        for (Map<String, Object> task : tasks.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) task.get("Properties");
            String family = (String) properties.get("Family");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> containers = (List<Map<String, Object>>) properties.get("ContainerDefinitions");
            boolean traced = family.equals("tco-calculator-staging-api");
            assertThat(containers.stream().filter(c -> TraceCollector.CONTAINER_NAME.equals(c.get("Name"))))
                    .as("collector in %s", family)
                    .hasSize(traced ? 1 : 0);
            collectors += traced ? 1 : 0;
            assertThat(containers.stream()
                            .filter(c -> !TraceCollector.CONTAINER_NAME.equals(c.get("Name")))
                            .flatMap(c -> environment(c).entrySet().stream())
                            .filter(e -> e.getKey().equals(ContainerVariables.TRACING_SAMPLING_PROBABILITY))
                            .map(Map.Entry::getValue))
                    .as("sampling rate in %s", family)
                    .isEqualTo(traced ? List.of("1.0") : List.of());
        }
        assertThat(collectors).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> container) {
        Object list = container.get("Environment");
        if (list == null) {
            return Map.of();
        }
        var byName = new java.util.LinkedHashMap<String, Object>();
        ((List<Map<String, Object>>) list).forEach(e -> byName.put((String) e.get("Name"), e.get("Value")));
        return byName;
    }

    private static String logGroup(Template template, String name) {
        return template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("LogGroupName", name)))
                .keySet()
                .iterator()
                .next();
    }
}
