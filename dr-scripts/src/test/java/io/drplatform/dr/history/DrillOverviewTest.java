package io.drplatform.dr.history;

import static io.drplatform.dr.history.Drills.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.ReportWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dr status}'s drill lines from a report directory and the repository's drill workflow. */
class DrillOverviewTest {
    static final Path WORKFLOW = Path.of("../.github/workflows/drill.yml");
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    Path reports;

    @Test
    void theWorkflowsScheduleMakesAnOldRestoreOverdueAndARecentFailoverOnTime() throws Exception {
        // ends 600 s after the start: restore-backup passed 45 days ago (31 + 7 allowed), region-failover 30 days ago
        write(run("restore-backup", "aws", "staging", "2026-10-18T11:50:00Z", 1500.0, 300.0));
        write(run("region-failover", "aws", "staging", "2026-11-02T11:50:00Z", 400.0, 2.0));
        write(run("db-failover", "aws", "staging", "2026-12-02T09:50:00Z", null, null, DrillReport.Verdict.ABORTED));

        List<String> lines =
                DrillOverview.lines(new ReportDirectory(reports), WORKFLOW, "staging", "aws", Duration.ofDays(7), NOW);

        assertThat(lines.get(0)).isEqualTo("drills (staging, aws, from " + reports + "):");
        assertThat(lines)
                .anyMatch(l -> l.matches(
                        "\\s+restore-backup\\s+PASS\\s+45 d\\s+45 d ago\\s+every 31 d \\+ 7 d grace: OVERDUE"));
        assertThat(lines)
                .anyMatch(l ->
                        l.matches("\\s+region-failover\\s+PASS\\s+30 d\\s+30 d ago\\s+every 92 d \\+ 7 d grace: ok"));
        assertThat(lines).anyMatch(l -> l.matches("\\s+db-failover\\s+ABORTED\\s+2 h\\s+never\\s+not scheduled"));
        assertThat(lines)
                .filteredOn(l -> l.startsWith("OVERDUE:"))
                .containsExactly("OVERDUE: restore-backup has not passed for 45 d (scheduled every 31 d, grace 7 d)");
    }

    @Test
    void withoutTheWorkflowNothingIsOverdueAndTheOutputSaysWhy() throws Exception {
        write(run("restore-backup", "aws", "staging", "2025-01-01T00:00:00Z", 1500.0, 300.0));
        Path missing = reports.resolve("no-such-workflow.yml");
        List<String> lines =
                DrillOverview.lines(new ReportDirectory(reports), missing, "staging", "aws", Duration.ofDays(7), NOW);
        assertThat(lines).contains("(no " + missing + ": schedules not checked)");
        assertThat(lines).noneMatch(l -> l.startsWith("OVERDUE"));
    }

    private void write(RecordedDrill drill) throws Exception {
        ReportWriter.write(
                drill.report(), reports.resolve(drill.report().drillId().replace(':', '-')));
    }
}
