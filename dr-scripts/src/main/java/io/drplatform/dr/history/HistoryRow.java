package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;

/**
 * One recorded drill placed in its series (scenario, provider, environment).
 *
 * @param rtoSeconds the measured RTO, null when not measured
 * @param rpoSeconds the measured RPO in seconds (the data-loss window, or a restored backup's age), null when not
 *     measured
 * @param rto the RTO compared with the series' earlier runs, null when not measured
 * @param rpo the RPO compared with the series' earlier runs, null when not measured
 */
public record HistoryRow(
        RecordedDrill drill,
        Double rtoSeconds,
        Double rpoSeconds,
        Objectives objectives,
        Regression rto,
        Regression rpo) {

    public DrillReport report() {
        return drill.report();
    }

    public SeriesKey series() {
        return SeriesKey.of(report());
    }

    /** Null when there is no objective or no measurement to compare. */
    public Boolean rtoMet() {
        return rtoSeconds == null || objectives.rtoSeconds() == null ? null : rtoSeconds <= objectives.rtoSeconds();
    }

    public Boolean rpoMet() {
        return rpoSeconds == null || objectives.rpoSeconds() == null ? null : rpoSeconds <= objectives.rpoSeconds();
    }

    public boolean regressed() {
        return (rto != null && rto.regressed()) || (rpo != null && rpo.regressed());
    }
}
