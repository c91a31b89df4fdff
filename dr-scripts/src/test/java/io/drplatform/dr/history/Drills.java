package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;
import java.time.Instant;
import java.util.List;

/** Recorded drills for the history tests, with only what history reads filled in. */
final class Drills {
    private Drills() {}

    static RecordedDrill run(
            String scenario, String provider, String environment, String startedAt, Double rto, Double rpo) {
        return run(scenario, provider, environment, startedAt, rto, rpo, DrillReport.Verdict.PASS);
    }

    static RecordedDrill run(
            String scenario,
            String provider,
            String environment,
            String startedAt,
            Double rto,
            Double rpo,
            DrillReport.Verdict verdict) {
        Instant start = Instant.parse(startedAt);
        DrillReport report = new DrillReport(
                startedAt + "-" + scenario,
                scenario,
                provider,
                environment,
                start,
                start.plusSeconds(600),
                List.of(),
                new DrillReport.Rto(rto, 900, rto != null),
                new DrillReport.Rpo(rpo == null ? null : 0, rpo, 60, rpo != null),
                verdict,
                null,
                null,
                null,
                null);
        return new RecordedDrill(report, startedAt);
    }
}
