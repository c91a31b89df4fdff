package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The history as a text table, one drill per line, oldest first. */
public final class HistoryTable {
    static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String FORMAT = "%-16s  %-8s  %-11s  %-16s  %-7s  %-22s  %-22s  %s%n";

    private HistoryTable() {}

    public static String render(DrillHistory history) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                FORMAT,
                "date (UTC)",
                "provider",
                "environment",
                "scenario",
                "verdict",
                "RTO / objective",
                "RPO / objective",
                "regression"));
        for (HistoryRow row : history.rows()) {
            DrillReport r = row.report();
            out.append(String.format(
                    Locale.ROOT,
                    FORMAT,
                    DATE.format(r.startedAt()),
                    r.provider(),
                    r.environment(),
                    r.scenario(),
                    r.verdict() == null ? "-" : r.verdict(),
                    against(row.rtoSeconds(), row.objectives().rtoSeconds(), row.rtoMet()),
                    against(row.rpoSeconds(), row.objectives().rpoSeconds(), row.rpoMet()),
                    flag(row)));
        }
        return out.toString();
    }

    /** {@code 6.90s / 900s ok}, {@code 1200.00s / 900s MISSED}, {@code not measured / 900s}. */
    static String against(Double seconds, Integer objective, Boolean met) {
        String value = seconds == null ? "not measured" : seconds(seconds);
        String target = objective == null ? "-" : objective + "s";
        return value + " / " + target + (met == null ? "" : met ? " ok" : " MISSED");
    }

    /**
     * {@code REGRESSION RTO 12.00s > 1.5 x 6.00s}, {@code no} (with its baseline), or
     * {@code - (2 earlier runs)} when there is no baseline yet.
     */
    static String flag(HistoryRow row) {
        StringBuilder s = new StringBuilder();
        describe("RTO", row.rtoSeconds(), row.rto(), s);
        describe("RPO", row.rpoSeconds(), row.rpo(), s);
        if (s.length() > 0) {
            return "REGRESSION" + s;
        }
        Regression baseline = row.rto() != null ? row.rto() : row.rpo();
        if (baseline == null) {
            return "-";
        }
        return baseline.hasBaseline()
                ? "no (median of " + baseline.baselineRuns() + ")"
                : "- (" + baseline.baselineRuns() + " earlier, needs " + Regression.MINIMUM + ")";
    }

    private static void describe(String what, Double value, Regression regression, StringBuilder into) {
        if (regression != null && regression.regressed()) {
            into.append(into.length() == 0 ? " " : "; ")
                    .append(what)
                    .append(' ')
                    .append(seconds(value))
                    .append(" > ")
                    .append(Regression.FACTOR)
                    .append(" x ")
                    .append(seconds(regression.median()));
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2fs", s);
    }
}
