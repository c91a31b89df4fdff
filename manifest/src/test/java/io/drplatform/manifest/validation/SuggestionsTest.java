package io.drplatform.manifest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.AlarmKind;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void alarmAnchorsAreTheAlarmGuideSectionNames() {
        assertThat(AlarmKind.ALB_5XX_RATE.anchor()).isEqualTo("alb-5xx-rate");
        assertThat(AlarmKind.fromAnchor("dr-route53-health-check")).contains(AlarmKind.DR_ROUTE53_HEALTH_CHECK);
        assertThat(Suggestions.byDistance("rds-cpuu", AlarmKind.anchors()).get(0))
                .isEqualTo("rds-cpu");
        for (AlarmKind kind : AlarmKind.values()) {
            assertThat(kind.datapointsToAlarm()).as(kind.anchor()).isBetween(1, kind.evaluationPeriods());
        }
    }

    @Test
    void suggestionsFindTranspositionsAndTypos() {
        assertThat(Suggestions.closest("raedReplicas", java.util.List.of("readReplicas", "multiAz")))
                .contains("readReplicas");
        assertThat(Suggestions.closest("zzzz", java.util.List.of("readReplicas", "multiAz")))
                .isEmpty();
    }
}
