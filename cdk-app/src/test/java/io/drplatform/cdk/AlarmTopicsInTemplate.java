package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.AlarmSeverity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** A template's alarm topics, found by their names ({@code <prefix>-alarms-<severity>}), and where alarms send. */
final class AlarmTopicsInTemplate {
    private final Map<AlarmSeverity, String> logicalIds = new EnumMap<>(AlarmSeverity.class);

    AlarmTopicsInTemplate(Template template) {
        template.findResources("AWS::SNS::Topic").forEach((logicalId, topic) -> {
            String name = String.valueOf(DisasterRecoveryTest.properties(topic).get("TopicName"));
            for (AlarmSeverity severity : AlarmSeverity.values()) {
                if (name.endsWith("-alarms-" + severity.id())) {
                    logicalIds.put(severity, logicalId);
                }
            }
        });
        assertThat(logicalIds).as("a topic per severity").containsOnlyKeys(AlarmSeverity.values());
    }

    /** The logical id of the severity's topic. */
    String topic(AlarmSeverity severity) {
        return logicalIds.get(severity);
    }

    /** {@code [{Ref: topic}]}: the alarm and OK actions of an alarm of this severity. */
    List<Map<String, String>> actions(AlarmSeverity severity) {
        return List.of(Map.of("Ref", topic(severity)));
    }

    /** The severity whose topic an alarm notifies on alarm, checking that it notifies the same topic on recovery. */
    AlarmSeverity severityOf(Map<String, Object> alarm) {
        Map<String, Object> p = DisasterRecoveryTest.properties(alarm);
        assertThat(p.get("OKActions")).as("alarm %s", p.get("AlarmName")).isEqualTo(p.get("AlarmActions"));
        for (AlarmSeverity severity : AlarmSeverity.values()) {
            if (actions(severity).equals(p.get("AlarmActions"))) {
                return severity;
            }
        }
        throw new AssertionError("alarm " + p.get("AlarmName") + " notifies no alarm topic: " + p.get("AlarmActions"));
    }
}
