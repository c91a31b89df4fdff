package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;

/** Drills are compared only with drills of the same scenario, provider and environment. */
public record SeriesKey(String scenario, String provider, String environment) {
    public static SeriesKey of(DrillReport report) {
        return new SeriesKey(report.scenario(), report.provider(), report.environment());
    }

    @Override
    public String toString() {
        return scenario + " (" + provider + ", " + environment + ")";
    }
}
