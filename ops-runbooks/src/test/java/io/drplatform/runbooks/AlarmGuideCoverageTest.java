package io.drplatform.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.PlatformStacks;
import io.drplatform.cdk.observability.AlarmFactory;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.AlarmTargets;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Every alarm in the synthesized reference application has its section in the alarm guide, and vice versa; each
 * section states its alarm's default severity, and each alarm notifies the topic of the severity the manifest gives
 * it (the guide's, unless the manifest re-routes it).
 */
class AlarmGuideCoverageTest {
    private static final Path GUIDE = Repository.ROOT.resolve(AlarmFactory.ALARM_GUIDE);
    private static final Pattern SECTION_SEVERITY =
            Pattern.compile("(?m)^## ([a-z0-9-]+)\\n\\*\\*Severity\\*\\*: ([a-z]+) \\(default\\): \\S");
    private static final Set<String> linkedAnchors = new TreeSet<>();
    /** Per alarm name: the severity the manifest gives its kind, and the severity of the topic it notifies. */
    private static final Map<String, List<AlarmSeverity>> routedSeverities = new TreeMap<>();

    private static int alarmCount;

    @BeforeAll
    static void synthesizeTheReferenceApplication() {
        App app = new App(AppProps.builder().context(PlatformStacks.CONTEXT).build());
        var manifest = ManifestLoader.load(Repository.ROOT.resolve("manifests/tco-calculator.yaml"));
        PlatformStacks.build(app, manifest, EnumSet.allOf(EnvironmentName.class));
        app.synth();
        for (var child : app.getNode().getChildren()) {
            if (child instanceof Stack stack) {
                Template template = Template.fromStack(stack);
                Map<String, AlarmSeverity> topics = topicSeverities(template);
                AlarmTargets alarms = manifest.deployment(environmentOf(stack, manifest.name()))
                        .alarms();
                for (Map<String, Object> alarm :
                        template.findResources("AWS::CloudWatch::Alarm").values()) {
                    Map<String, Object> properties = properties(alarm);
                    String description = (String) properties.get("AlarmDescription");
                    assertThat(description).as("alarm description").contains(AlarmFactory.ALARM_GUIDE + "#");
                    String anchor = description.substring(description.lastIndexOf('#') + 1);
                    linkedAnchors.add(anchor);
                    alarmCount++;
                    AlarmKind kind = AlarmKind.fromAnchor(anchor).orElseThrow();
                    routedSeverities.put(
                            (String) properties.get("AlarmName"),
                            List.of(alarms.severity(kind), notified(properties, topics)));
                }
            }
        }
    }

    @Test
    void everyAlarmLinksToAnExistingSection() {
        assertThat(alarmCount).as("alarms in the reference application").isGreaterThan(10);
        assertThat(RunbookLinksTest.anchors(GUIDE)).containsAll(linkedAnchors);
    }

    @Test
    void everyAlarmKindAManifestCanTuneHasASection() {
        assertThat(RunbookLinksTest.anchors(GUIDE)).as("alarms.overrides keys").containsAll(AlarmKind.anchors());
    }

    @Test
    void everySectionStatesTheDefaultSeverityOfItsAlarm() {
        Map<String, String> stated = new TreeMap<>();
        Matcher m = SECTION_SEVERITY.matcher(Repository.read(GUIDE));
        while (m.find()) {
            stated.put(m.group(1), m.group(2));
        }
        Map<String, String> defaults = new TreeMap<>();
        for (AlarmKind kind : AlarmKind.values()) {
            defaults.put(kind.anchor(), kind.defaultSeverity().id());
        }
        assertThat(stated)
                .as("`**Severity**: <severity> (default): <why>` under each heading")
                .isEqualTo(defaults);
    }

    @Test
    void everyAlarmNotifiesTheTopicOfItsSeverity() {
        assertThat(routedSeverities).hasSize(alarmCount);
        routedSeverities.forEach((alarm, severities) ->
                assertThat(severities.get(1)).as("topic notified by %s", alarm).isEqualTo(severities.get(0)));
    }

    @Test
    void everyAlarmSectionDescribesAnAlarmThatExists() {
        Set<String> sections = new TreeSet<>(RunbookLinksTest.anchors(GUIDE));
        sections.remove("alarm-guide");
        assertThat(linkedAnchors).containsAll(sections);
    }

    /** The deployment a stack belongs to, from its name ({@code <app>-<environment>-...}). */
    private static EnvironmentName environmentOf(Stack stack, String application) {
        return Arrays.stream(EnvironmentName.values())
                .filter(e -> stack.getStackName().startsWith(application + "-" + e.id() + "-"))
                .findFirst()
                .orElseThrow();
    }

    /** Topic logical id to the severity its name ends with ({@code ...-alarms-<severity>}). */
    private static Map<String, AlarmSeverity> topicSeverities(Template template) {
        Map<String, AlarmSeverity> severities = new TreeMap<>();
        template.findResources("AWS::SNS::Topic").forEach((logicalId, topic) -> {
            String name = String.valueOf(properties(topic).get("TopicName"));
            Arrays.stream(AlarmSeverity.values())
                    .filter(s -> name.endsWith("-alarms-" + s.id()))
                    .forEach(s -> severities.put(logicalId, s));
        });
        return severities;
    }

    /** The severity of the one topic an alarm notifies, on alarm and on recovery alike. */
    private static AlarmSeverity notified(Map<String, Object> alarm, Map<String, AlarmSeverity> topics) {
        assertThat(alarm.get("OKActions"))
                .as("OK actions of %s", alarm.get("AlarmName"))
                .isEqualTo(alarm.get("AlarmActions"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> actions = (List<Map<String, Object>>) alarm.get("AlarmActions");
        assertThat(actions).as("actions of %s", alarm.get("AlarmName")).hasSize(1);
        return topics.get(String.valueOf(actions.get(0).get("Ref")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
