package io.drplatform.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.cdk.PlatformStacks;
import io.drplatform.cdk.observability.AlarmFactory;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Every alarm in the synthesized reference application has its section in the alarm guide, and vice versa. */
class AlarmGuideCoverageTest {
    private static final Path GUIDE = Repository.ROOT.resolve(AlarmFactory.ALARM_GUIDE);
    private static final Set<String> linkedAnchors = new TreeSet<>();
    private static int alarmCount;

    @BeforeAll
    static void synthesizeTheReferenceApplication() {
        App app = new App(AppProps.builder().context(PlatformStacks.CONTEXT).build());
        var manifest = ManifestLoader.load(Repository.ROOT.resolve("manifests/tco-calculator.yaml"));
        PlatformStacks.build(app, manifest, EnumSet.allOf(EnvironmentName.class));
        app.synth();
        for (var child : app.getNode().getChildren()) {
            if (child instanceof Stack stack) {
                for (Map<String, Object> alarm : Template.fromStack(stack)
                        .findResources("AWS::CloudWatch::Alarm")
                        .values()) {
                    @SuppressWarnings("unchecked")
                    String description =
                            (String) ((Map<String, Object>) alarm.get("Properties")).get("AlarmDescription");
                    assertThat(description).as("alarm description").contains(AlarmFactory.ALARM_GUIDE + "#");
                    linkedAnchors.add(description.substring(description.lastIndexOf('#') + 1));
                    alarmCount++;
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
    void everyAlarmSectionDescribesAnAlarmThatExists() {
        Set<String> sections = new TreeSet<>(RunbookLinksTest.anchors(GUIDE));
        sections.remove("alarm-guide");
        assertThat(linkedAnchors).containsAll(sections);
    }
}
