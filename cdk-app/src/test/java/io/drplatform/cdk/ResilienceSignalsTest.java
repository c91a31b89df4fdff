package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Breaker-open and read-only time from the service's resilience snapshot line: metric filters on the log group of
 * the service that opts in ({@code api}, {@code resilienceSignals: true}), alarms through the alarm factory, the
 * read-only alarm only where the database should be writable, nothing for the service that does not opt in
 * ({@code web}).
 */
class ResilienceSignalsTest {
    private static final EnvironmentName PROD = EnvironmentName.PRODUCTION;
    private static final String NAMESPACE = "DrPlatform/tco-calculator-production/api";
    private static Template primary;
    private static Template standby;

    @BeforeAll
    static void synthesize() {
        primary = ReferenceApp.get().template(PROD);
        standby = ReferenceApp.get().template(ReferenceApp.get().standby(PROD));
    }

    @Test
    void metricFiltersReadTheSnapshotLineOfTheApiLogGroupOnly() {
        for (Template template : List.of(primary, standby)) {
            String apiLogs = logGroup(template, "/ecs/tco-calculator-production/api");
            String webLogs = logGroup(template, "/ecs/tco-calculator-production/web");
            Map<String, Map<String, Object>> filters = template.findResources(
                    "AWS::Logs::MetricFilter",
                    Match.objectLike(Map.of(
                            "Properties",
                            Match.objectLike(
                                    Map.of("FilterPattern", Match.stringLikeRegexp(".*resilience\\.snapshot.*"))))));
            assertThat(filters).hasSize(3);
            for (String[] signal :
                    new String[][] {{"BreakerOpen", "breakerOpen"}, {"ReadOnly", "readOnly"}, {"Fenced", "fenced"}}) {
                template.hasResourceProperties(
                        "AWS::Logs::MetricFilter",
                        Match.objectEquals(Map.of(
                                "LogGroupName", Map.of("Ref", apiLogs),
                                "FilterPattern",
                                        "{ ($.signal = \"resilience.snapshot\") && ($." + signal[1] + " >= 0) }",
                                "MetricTransformations",
                                        List.of(Map.of(
                                                "MetricNamespace",
                                                NAMESPACE,
                                                "MetricName",
                                                signal[0],
                                                "MetricValue",
                                                "$." + signal[1])))));
            }
            filters.values().forEach(f -> {
                Map<String, Object> p = properties(f);
                assertThat(p.get("LogGroupName")).isNotEqualTo(Map.of("Ref", webLogs));
                @SuppressWarnings("unchecked")
                Map<String, Object> transformation =
                        ((List<Map<String, Object>>) p.get("MetricTransformations")).get(0);
                assertThat(transformation)
                        .as("no default value: a minute without a snapshot is missing, not 0")
                        .doesNotContainKey("DefaultValue");
            });
        }
    }

    @Test
    void breakerOpenAlarmsInBothRegionsThroughThePageTopic() {
        for (var entry : Map.of("us-east-1", primary, "us-west-2", standby).entrySet()) {
            Template template = entry.getValue();
            String topic = new AlarmTopicsInTemplate(template).topic(AlarmSeverity.PAGE);
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Match.objectLike(
                            Map.ofEntries(
                                    Map.entry(
                                            "AlarmName",
                                            "tco-calculator-production-" + entry.getKey()
                                                    + "-service-breaker-open-api"),
                                    Map.entry("Namespace", NAMESPACE),
                                    Map.entry("MetricName", "BreakerOpen"),
                                    Map.entry("Dimensions", Match.absent()),
                                    Map.entry("Statistic", "Maximum"),
                                    Map.entry("Period", 60),
                                    Map.entry("Threshold", 1),
                                    Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                                    Map.entry("EvaluationPeriods", 3),
                                    Map.entry("DatapointsToAlarm", 3),
                                    Map.entry("TreatMissingData", "notBreaching"),
                                    Map.entry("AlarmActions", List.of(Map.of("Ref", topic))),
                                    Map.entry("OKActions", List.of(Map.of("Ref", topic))),
                                    Map.entry(
                                            "AlarmDescription",
                                            Match.stringLikeRegexp(
                                                    ".*On-call: .*Runbook: ops-runbooks/alarm-guide\\.md#service-breaker-open$")))));
            assertThat(alarmNames(template))
                    .as("web does not opt in")
                    .noneMatch(name -> name.contains("-service-") && name.endsWith("-web"));
        }
    }

    @Test
    void readOnlyAlarmOnlyWhereTheDatabaseShouldBeWritable() {
        String topic = new AlarmTopicsInTemplate(primary).topic(AlarmSeverity.PAGE);
        primary.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.ofEntries(
                        Map.entry("AlarmName", "tco-calculator-production-us-east-1-service-read-only-api"),
                        Map.entry("Namespace", NAMESPACE),
                        Map.entry("MetricName", "ReadOnly"),
                        Map.entry("Statistic", "Maximum"),
                        Map.entry("Period", 60),
                        Map.entry("Threshold", 1),
                        Map.entry("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
                        Map.entry("EvaluationPeriods", 5),
                        Map.entry("DatapointsToAlarm", 5),
                        Map.entry("TreatMissingData", "notBreaching"),
                        Map.entry("AlarmActions", List.of(Map.of("Ref", topic))),
                        Map.entry("OKActions", List.of(Map.of("Ref", topic))),
                        Map.entry("AlarmDescription", Match.stringLikeRegexp(".*#service-read-only$")))));
        assertThat(alarmNames(standby))
                .as("a standby's replica is read-only by design")
                .noneMatch(name -> name.contains("service-read-only"));
        assertThat(alarmNames(primary).stream()
                        .filter(n -> n.contains("-service-"))
                        .collect(Collectors.toList()))
                .containsExactlyInAnyOrder(
                        "tco-calculator-production-us-east-1-service-breaker-open-api",
                        "tco-calculator-production-us-east-1-service-read-only-api");
    }

    @Test
    void theDashboardGraphsTheSignals() {
        String body = primary.findResources("AWS::CloudWatch::Dashboard")
                .values()
                .iterator()
                .next()
                .toString();
        assertThat(body)
                .contains("Resilience api")
                .contains(NAMESPACE)
                .contains("BreakerOpen")
                .contains("ReadOnly")
                .contains("Fenced");
    }

    @Test
    void everyEnvironmentsPrimaryHasBothAlarms() {
        for (EnvironmentName environment : EnvironmentName.values()) {
            assertThat(alarmNames(ReferenceApp.get().template(environment)))
                    .anyMatch(n -> n.endsWith("-service-breaker-open-api"))
                    .anyMatch(n -> n.endsWith("-service-read-only-api"));
        }
    }

    private static String logGroup(Template template, String name) {
        return template.findResources(
                        "AWS::Logs::LogGroup",
                        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("LogGroupName", name)))))
                .keySet()
                .iterator()
                .next();
    }

    private static List<String> alarmNames(Template template) {
        return template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> String.valueOf(properties(a).get("AlarmName")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
