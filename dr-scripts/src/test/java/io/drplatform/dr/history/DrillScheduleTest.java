package io.drplatform.dr.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillScheduleTest {
    static final Path WORKFLOW = Path.of("../.github/workflows/drill.yml");

    @Test
    void theDrillWorkflowSchedulesAMonthlyRestoreAndAQuarterlyRegionFailoverInStaging() throws Exception {
        DrillSchedule schedule = DrillSchedule.read(WORKFLOW);
        assertThat(schedule.environment()).isEqualTo("staging");
        assertThat(schedule.provider()).isEqualTo("aws");
        assertThat(schedule.period("restore-backup")).contains(Duration.ofDays(31));
        assertThat(schedule.period("region-failover")).contains(Duration.ofDays(92));
        assertThat(schedule.period("db-failover")).isEmpty();
    }

    @Test
    void aCronLineThatRunsNoScenarioIsNamed(@TempDir Path dir) throws Exception {
        Path workflow = dir.resolve("drill.yml");
        Files.writeString(workflow, """
                on:
                  schedule:
                    - cron: "0 6 1 * *"
                    - cron: "0 6 * * 1"
                jobs:
                  drill:
                    environment: staging
                    env:
                      SCENARIO: ${{ fromJSON('{"0 6 1 * *":"restore-backup"}')[github.event.schedule] }}
                """);
        assertThatThrownBy(() -> DrillSchedule.read(workflow))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cron [0 6 * * 1] runs no scenario");
    }

    @Test
    void aWorkflowWithoutTheMapIsRefused(@TempDir Path dir) throws Exception {
        Path workflow = dir.resolve("drill.yml");
        Files.writeString(workflow, """
                on:
                  schedule:
                    - cron: "0 6 1 * *"
                jobs:
                  drill:
                    env:
                      SCENARIO: restore-backup
                """);
        assertThatThrownBy(() -> DrillSchedule.read(workflow)).hasMessageContaining("no job maps its cron lines");
    }
}
