package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.EnvironmentName;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code alarms.overrides} as it reaches the templates ({@code manifests/alarm-overrides.yaml} in the test resources):
 * a manifest-level override applies to every environment, an environment's override on top of it only there, an alarm
 * switched off is not created and so is not a drill stop condition, {@code dr.stopConditions} narrows the stop
 * conditions to the alarms it names, and cdk-nag stays clean.
 */
class AlarmOverridesTest {
    private static ReferenceApp app;
    private static Template staging;
    private static Template production;

    @BeforeAll
    static void synthesize() throws URISyntaxException {
        Path manifest = Path.of(AlarmOverridesTest.class
                .getResource("/manifests/alarm-overrides.yaml")
                .toURI());
        app = new ReferenceApp(manifest, EnumSet.of(EnvironmentName.STAGING, EnvironmentName.PRODUCTION));
        staging = app.template(EnvironmentName.STAGING);
        production = app.template(EnvironmentName.PRODUCTION);
    }

    @Test
    void theEnvironmentsOverrideBeatsTheManifestsWhichBeatsTheDefault() {
        production.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(
                        Map.of(
                                "AlarmName", "shop-production-eu-west-1-rds-cpu",
                                "Threshold", 90,
                                "EvaluationPeriods", 6,
                                "DatapointsToAlarm", 4,
                                "AlarmDescription",
                                        Match.stringLikeRegexp(
                                                ".*Tuned by the manifest \\(alarms.overrides\\): threshold 90 percent,"
                                                        + " 4 of 6 periods; the figures above are the platform defaults\\. On-call: .*#rds-cpu$"))));
        staging.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", "shop-staging-eu-west-1-rds-cpu",
                        "Threshold", 80,
                        "EvaluationPeriods", 6,
                        "DatapointsToAlarm", 4)));
        staging.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", "shop-staging-eu-west-1-alb-5xx-rate",
                        "Threshold", 5,
                        "EvaluationPeriods", 5,
                        "DatapointsToAlarm", 3,
                        "AlarmDescription", Match.not(Match.stringLikeRegexp(".*Tuned by the manifest.*")))));
    }

    @Test
    void aThresholdInGibIsComparedInBytes() {
        production.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        "shop-production-eu-west-1-rds-free-storage",
                        "Threshold",
                        5L * 1024 * 1024 * 1024,
                        "EvaluationPeriods",
                        2)));
        staging.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        "shop-staging-eu-west-1-rds-free-storage",
                        "Threshold",
                        2L * 1024 * 1024 * 1024))); // the default: 10% of 20 GiB
    }

    @Test
    void anAlarmSwitchedOffIsNeitherCreatedNorAStopCondition() {
        assertThat(alarmNames(production))
                .noneMatch(name -> name.contains("ecs-memory"))
                .contains("shop-production-eu-west-1-ecs-cpu-web");
        assertThat(alarmNames(staging)).contains("shop-staging-eu-west-1-ecs-memory-web");
        assertThat(stopConditionAlarms(production))
                .as("every alarm of the region and nothing else")
                .isEqualTo(production.findResources("AWS::CloudWatch::Alarm").keySet());
    }

    @Test
    void dRStopConditionsNameTheAlarmsThatStopDrills() {
        Set<String> expected = new TreeSet<>(staging.findResources("AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(e -> String.valueOf(
                                DisasterRecoveryTest.properties(e.getValue()).get("AlarmName"))
                        .matches("shop-staging-eu-west-1-(alb-5xx-rate|rds-cpu)"))
                .map(Map.Entry::getKey)
                .toList());
        assertThat(expected).hasSize(2);
        assertThat(stopConditionAlarms(staging)).isEqualTo(expected);
    }

    @Test
    void nagStaysClean() {
        SeedManifestsTest.nagClean(app);
    }

    private static List<String> alarmNames(Template template) {
        return template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> String.valueOf(DisasterRecoveryTest.properties(a).get("AlarmName")))
                .toList();
    }

    /** Logical ids of the alarms the stop-condition SSM parameter names. */
    private static Set<String> stopConditionAlarms(Template template) {
        Map<String, Map<String, Object>> parameters = template.findResources(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of("Name", Match.stringLikeRegexp(".*/alarms/stop-condition-names"))))));
        assertThat(parameters).hasSize(1);
        Set<String> refs = new TreeSet<>();
        collectRefs(
                DisasterRecoveryTest.properties(parameters.values().iterator().next())
                        .get("Value"),
                refs);
        return refs;
    }

    private static void collectRefs(Object node, Set<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key)) {
                    refs.add(String.valueOf(value));
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }
}
