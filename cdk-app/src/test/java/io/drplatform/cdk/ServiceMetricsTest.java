package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A service with {@code metrics: cloudwatch} (the reference {@code api}): its task is told its namespace and may
 * publish there only, the seed's {@code CalculationsPerMinute} and {@code Errors} are metric filters on its log group,
 * and the dashboard graphs what it publishes; the service without the option ({@code web}) gets none of it.
 */
class ServiceMetricsTest {
    private static final String NAMESPACE = "DrPlatform/tco-calculator-production/api";
    private static Template primary;
    private static Template standby;

    @BeforeAll
    static void synthesize() {
        primary = ReferenceApp.get().template(EnvironmentName.PRODUCTION);
        standby = ReferenceApp.get().template(ReferenceApp.get().standby(EnvironmentName.PRODUCTION));
    }

    @Test
    void theApiTaskIsGivenItsNamespaceAndTheWebTaskIsNot() {
        for (Template template : List.of(primary, standby)) {
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(Map.of(
                            "Family",
                            "tco-calculator-production-api",
                            "ContainerDefinitions",
                            Match.arrayWith(List.of(Match.objectLike(Map.of(
                                    "Environment",
                                    Match.arrayWith(List.of(Map.of(
                                            "Name", ContainerVariables.METRICS_NAMESPACE, "Value", NAMESPACE))))))))));
            Map<String, Map<String, Object>> web = template.findResources(
                    "AWS::ECS::TaskDefinition",
                    Match.objectLike(
                            Map.of("Properties", Match.objectLike(Map.of("Family", "tco-calculator-production-web")))));
            assertThat(web).hasSize(1);
            assertThat(web.toString()).doesNotContain(ContainerVariables.METRICS_NAMESPACE);
        }
    }

    @Test
    void putMetricDataOnlyInTheServicesNamespaceOnlyForTheApiTaskRole() {
        for (Template template : List.of(primary, standby)) {
            Map<String, Object> statement = Map.of(
                    "Action", "cloudwatch:PutMetricData",
                    "Effect", "Allow",
                    "Resource", "*",
                    "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", NAMESPACE)));
            Map<String, Map<String, Object>> policies = template.findResources(
                    "AWS::IAM::Policy",
                    Match.objectLike(Map.of(
                            "Properties",
                            Match.objectLike(Map.of(
                                    "PolicyDocument",
                                    Match.objectLike(Map.of(
                                            "Statement", Match.arrayWith(List.of(Match.objectEquals(statement))))))))));
            assertThat(policies).hasSize(1);
            assertThat(policies.toString()).contains("Roles=[{Ref=ServicesapiTaskTaskRole");
            // No other statement anywhere grants PutMetricData.
            assertThat(template.findResources("AWS::IAM::Policy")
                            .toString()
                            .split("Action=cloudwatch:PutMetricData", -1))
                    .hasSize(2);
        }
    }

    @Test
    void theSeedsLogMetricsCountPerMinuteWithZeroWhenNothingHappened() {
        for (Template template : List.of(primary, standby)) {
            String apiLogs = logGroup(template, "/ecs/tco-calculator-production/api");
            template.hasResourceProperties(
                    "AWS::Logs::MetricFilter",
                    Match.objectEquals(Map.of(
                            "LogGroupName", Map.of("Ref", apiLogs),
                            "FilterPattern",
                                    "{ ($.log.logger = \"access\") && (($.message = \"POST /api/v1/quotes 200 *\")"
                                            + " || ($.message = \"POST /api/v1/calculations 201 *\")) }",
                            "MetricTransformations",
                                    List.of(Map.of(
                                            "MetricNamespace",
                                            NAMESPACE,
                                            "MetricName",
                                            "CalculationsPerMinute",
                                            "MetricValue",
                                            "1",
                                            "DefaultValue",
                                            0)))));
            template.hasResourceProperties(
                    "AWS::Logs::MetricFilter",
                    Match.objectEquals(Map.of(
                            "LogGroupName", Map.of("Ref", apiLogs),
                            "FilterPattern", "{ $.log.level = \"ERROR\" }",
                            "MetricTransformations",
                                    List.of(Map.of(
                                            "MetricNamespace",
                                            NAMESPACE,
                                            "MetricName",
                                            "Errors",
                                            "MetricValue",
                                            "1",
                                            "DefaultValue",
                                            0)))));
            String webLogs = logGroup(template, "/ecs/tco-calculator-production/web");
            assertThat(template.findResources(
                            "AWS::Logs::MetricFilter",
                            Match.objectLike(Map.of(
                                    "Properties", Match.objectLike(Map.of("LogGroupName", Map.of("Ref", webLogs)))))))
                    .isEmpty();
        }
    }

    @Test
    void theDashboardGraphsBreakerStateDegradedModesCalculationsAndErrorsPerRoute() {
        String body = primary.findResources("AWS::CloudWatch::Dashboard")
                .values()
                .iterator()
                .next()
                .toString();
        assertThat(body)
                .contains("api: calculations per minute")
                .contains("api: errors per route")
                .contains("api: circuit breakers open / half-open")
                .contains("api: degraded modes")
                .contains("SEARCH(")
                .contains("calculations.count")
                .contains("http.server.requests.count")
                .contains("resilience4j.circuitbreaker.state.value")
                .contains("tco.degraded.mode.value")
                .contains("CalculationsPerMinute")
                .contains("Errors")
                .doesNotContain("web: calculations per minute");
    }

    private static String logGroup(Template template, String name) {
        return template.findResources(
                        "AWS::Logs::LogGroup",
                        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("LogGroupName", name)))))
                .keySet()
                .iterator()
                .next();
    }
}
