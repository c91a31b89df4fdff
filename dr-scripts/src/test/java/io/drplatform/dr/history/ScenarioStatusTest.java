package io.drplatform.dr.history;

import static io.drplatform.dr.history.Drills.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.report.DrillReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioStatusTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final Duration GRACE = Duration.ofDays(7);
    static final DrillSchedule SCHEDULE = new DrillSchedule(
            Path.of("drill.yml"),
            "staging",
            "aws",
            Map.of("region-failover", Duration.ofDays(92), "restore-backup", Duration.ofDays(31)));

    @Test
    void aScheduledScenarioIsOverdueWhenItsLastPassIsOlderThanItsPeriodPlusTheGrace() {
        // runs end 600 s after they start. region-failover passed 98 days ago (within 92 + 7); restore-backup
        // passed 39 days ago (beyond 31 + 7) and failed since.
        List<RecordedDrill> drills = List.of(
                run("region-failover", "aws", "staging", "2026-08-26T11:50:00Z", 300.0, 0.0),
                run("restore-backup", "aws", "staging", "2026-10-24T11:50:00Z", 1200.0, 300.0),
                run("restore-backup", "aws", "staging", "2026-11-30T11:50:00Z", null, null, DrillReport.Verdict.FAIL));
        List<ScenarioStatus> statuses = ScenarioStatus.of(drills, "staging", "aws", SCHEDULE, GRACE, NOW);
        ScenarioStatus failover = find(statuses, "region-failover");
        ScenarioStatus restore = find(statuses, "restore-backup");
        assertThat(failover.overdue()).isFalse();
        assertThat(restore.overdue()).isTrue();
        assertThat(restore.last().verdict()).isEqualTo(DrillReport.Verdict.FAIL);
        assertThat(ScenarioStatus.age(restore.last().endedAt(), NOW)).isEqualTo("2 d");
        assertThat(ScenarioStatus.age(restore.lastPass().endedAt(), NOW)).isEqualTo("39 d");
        List<String> lines = ScenarioStatus.describe(statuses, GRACE, NOW);
        assertThat(lines).contains("OVERDUE: restore-backup has not passed for 39 d (scheduled every 31 d, grace 7 d)");
        assertThat(lines).noneMatch(l -> l.startsWith("OVERDUE: region-failover"));
    }

    @Test
    void theNinetyNinthDayIsStillOnTimeForAQuarterlyDrillTheHundredthIsNot() {
        // passed (ended) exactly 99 days before NOW: 92 + 7, not beyond
        RecordedDrill onTime = run("region-failover", "aws", "staging", "2026-08-25T11:50:00Z", 300.0, 0.0);
        assertThat(find(ScenarioStatus.of(List.of(onTime), "staging", "aws", SCHEDULE, GRACE, NOW), "region-failover")
                        .overdue())
                .isFalse();
        RecordedDrill late = run("region-failover", "aws", "staging", "2026-08-24T11:50:00Z", 300.0, 0.0);
        assertThat(find(ScenarioStatus.of(List.of(late), "staging", "aws", SCHEDULE, GRACE, NOW), "region-failover")
                        .overdue())
                .isTrue();
    }

    @Test
    void aScheduledScenarioThatNeverPassedIsOverdueAndUnscheduledOnesAreOnlyListed() {
        List<RecordedDrill> drills = List.of(
                run("db-failover", "aws", "staging", "2026-01-01T00:00:00Z", 60.0, 0.0),
                // another provider and another environment do not count for aws staging
                run("region-failover", "local", "staging", "2026-12-01T00:00:00Z", 7.0, 0.0),
                run("restore-backup", "aws", "production", "2026-12-01T00:00:00Z", 600.0, 300.0));
        List<ScenarioStatus> statuses = ScenarioStatus.of(drills, "staging", "aws", SCHEDULE, GRACE, NOW);
        assertThat(find(statuses, "region-failover").overdue()).isTrue();
        assertThat(find(statuses, "region-failover").last()).isNull();
        assertThat(find(statuses, "restore-backup").overdue()).isTrue();
        assertThat(find(statuses, "db-failover").period()).isNull();
        assertThat(find(statuses, "db-failover").overdue()).isFalse();
        assertThat(ScenarioStatus.describe(statuses, GRACE, NOW))
                .contains("OVERDUE: region-failover has no PASS on record (scheduled every 92 d, grace 7 d)");
    }

    @Test
    void theScheduleAppliesOnlyToItsOwnEnvironmentAndProvider() {
        assertThat(ScenarioStatus.of(List.of(), "production", "aws", SCHEDULE, GRACE, NOW))
                .isEmpty();
        // a rehearsal on the local provider is listed, but the AWS schedule does not apply to it
        List<ScenarioStatus> local = ScenarioStatus.of(
                List.of(run("region-failover", "local", "staging", "2025-01-01T00:00:00Z", 7.0, 0.0)),
                "staging",
                "local",
                SCHEDULE,
                GRACE,
                NOW);
        assertThat(local).singleElement().satisfies(s -> {
            assertThat(s.period()).isNull();
            assertThat(s.overdue()).isFalse();
        });
    }

    private static ScenarioStatus find(List<ScenarioStatus> statuses, String scenario) {
        return statuses.stream()
                .filter(s -> s.scenario().equals(scenario))
                .findFirst()
                .orElseThrow();
    }
}
