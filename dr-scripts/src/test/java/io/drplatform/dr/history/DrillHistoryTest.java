package io.drplatform.dr.history;

import static io.drplatform.dr.history.Drills.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.report.DrillReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillHistoryTest {
    static final Map<String, Objectives> OBJECTIVES =
            Map.of("staging", new Objectives(900, 60), "production", new Objectives(300, 30));

    /** Six aws/staging region failovers, given out of order, and a local one in between that is another series. */
    static List<RecordedDrill> drills() {
        return List.of(
                run("region-failover", "aws", "staging", "2026-04-15T07:00:00Z", 200.0, 10.0),
                run("region-failover", "aws", "staging", "2026-01-15T07:00:00Z", 100.0, 0.0),
                run("region-failover", "aws", "staging", "2026-07-15T07:00:00Z", 300.0, 0.0),
                run("region-failover", "local", "staging", "2026-07-20T07:00:00Z", 7.0, 0.0),
                run("region-failover", "aws", "staging", "2026-10-15T07:00:00Z", 310.0, 20.0),
                run("region-failover", "aws", "staging", "2027-01-15T07:00:00Z", 460.0, 0.0, DrillReport.Verdict.FAIL),
                run(
                        "region-failover",
                        "aws",
                        "staging",
                        "2027-04-15T07:00:00Z",
                        null,
                        null,
                        DrillReport.Verdict.ABORTED),
                run(
                        "region-failover",
                        "aws",
                        "staging",
                        "2027-05-15T07:00:00Z",
                        950.0,
                        90.0,
                        DrillReport.Verdict.FAIL));
    }

    @Test
    void eachRunIsComparedWithTheEarlierRunsOfItsOwnSeriesInTimeOrder() {
        List<HistoryRow> rows = DrillHistory.of(drills(), OBJECTIVES::get).rows();
        assertThat(rows)
                .extracting(r -> r.report().startedAt().toString())
                .containsExactly(
                        "2026-01-15T07:00:00Z",
                        "2026-04-15T07:00:00Z",
                        "2026-07-15T07:00:00Z",
                        "2026-07-20T07:00:00Z",
                        "2026-10-15T07:00:00Z",
                        "2027-01-15T07:00:00Z",
                        "2027-04-15T07:00:00Z",
                        "2027-05-15T07:00:00Z");
        // aws RTOs before 2026-10: 100, 200, 300 -> median 200, threshold 300: 310 is above
        HistoryRow october = rows.get(4);
        assertThat(october.rto()).isEqualTo(new Regression(3, 200.0, true));
        // aws RPO windows before 2026-10: 0, 10, 0 -> median 0: 20 is above
        assertThat(october.rpo()).isEqualTo(new Regression(3, 0.0, true));
        // before 2027-01: 100, 200, 300, 310 -> median 250, threshold 375: 460 is above
        assertThat(rows.get(5).rto()).isEqualTo(new Regression(4, 250.0, true));
        // the aborted run measured nothing: no comparison, and it does not enter the baseline
        assertThat(rows.get(6).rto()).isNull();
        assertThat(rows.get(6).rpo()).isNull();
        // before 2027-05: the previous five measured, 100, 200, 300, 310, 460 -> median 300, threshold 450
        assertThat(rows.get(7).rto()).isEqualTo(new Regression(5, 300.0, true));
        // RPO windows 0, 10, 0, 20, 0 -> median 0
        assertThat(rows.get(7).rpo()).isEqualTo(new Regression(5, 0.0, true));
    }

    @Test
    void anotherProviderIsAnotherSeries() {
        HistoryRow local = DrillHistory.of(drills(), OBJECTIVES::get).rows().get(3);
        assertThat(local.report().provider()).isEqualTo("local");
        assertThat(local.rto()).isEqualTo(new Regression(0, null, false));
    }

    @Test
    void objectivesComeFromTheEnvironmentAndAreMetOrMissed() {
        List<HistoryRow> rows = DrillHistory.of(drills(), OBJECTIVES::get).rows();
        HistoryRow last = rows.get(7);
        assertThat(last.objectives()).isEqualTo(new Objectives(900, 60));
        assertThat(last.rtoMet()).isFalse(); // 950 s > 900 s
        assertThat(last.rpoMet()).isFalse(); // 90 s > 60 s
        assertThat(rows.get(0).rtoMet()).isTrue();
        assertThat(rows.get(6).rtoMet()).isNull(); // not measured
    }

    @Test
    void filtersKeepTheComparisonWithTheWholeSeriesAndTheNewestRunPerSeriesIsKnown() {
        DrillHistory aws = DrillHistory.of(drills(), OBJECTIVES::get).only("region-failover", "aws", null);
        assertThat(aws.rows()).hasSize(7);
        assertThat(aws.latest()).hasSize(1);
        HistoryRow newest = aws.latest().values().iterator().next();
        assertThat(newest.report().startedAt().toString()).isEqualTo("2027-05-15T07:00:00Z");
        assertThat(newest.regressed()).isTrue();
        assertThat(DrillHistory.of(drills(), OBJECTIVES::get)
                        .only("db-failover", null, null)
                        .isEmpty())
                .isTrue();
    }
}
