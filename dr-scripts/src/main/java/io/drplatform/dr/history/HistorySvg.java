package io.drplatform.dr.history;

import static io.drplatform.dr.report.Svg.esc;
import static io.drplatform.dr.report.Svg.line;
import static io.drplatform.dr.report.Svg.text;

import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.Svg;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * RTO and RPO per scenario over time: one row per scenario, RTO on the left and RPO on the right, a line per
 * provider and environment, the manifest's objective as a dashed line, regressions ringed. All panels share the
 * time axis so runs line up across scenarios.
 */
public final class HistorySvg {
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 180;
    private static final int LEFT = 70;
    private static final int GAP = 90;
    private static final int TOP = 90;
    private static final int ROW_H = PANEL_H + 80;
    /** An objective more than this many times the largest measurement would flatten every point to the axis. */
    private static final double OBJECTIVE_SCALE_LIMIT = 4;

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf"};
    private static final String OBJECTIVE = "#c00";

    private HistorySvg() {}

    public static String render(DrillHistory history) {
        List<HistoryRow> rows = history.rows();
        Map<String, List<HistoryRow>> byScenario = new LinkedHashMap<>();
        rows.forEach(r -> byScenario
                .computeIfAbsent(r.report().scenario(), s -> new ArrayList<>())
                .add(r));
        Map<String, String> colours = new LinkedHashMap<>();
        rows.forEach(
                r -> colours.computeIfAbsent(seriesLabel(r.report()), k -> COLOURS[colours.size() % COLOURS.length]));
        TimeAxis time = TimeAxis.over(rows);

        int width = LEFT + 2 * PANEL_W + GAP + 40;
        int height = TOP + Math.max(1, byScenario.size()) * ROW_H + 20;
        StringBuilder svg = new StringBuilder(Svg.open(width, height));
        svg.append(text(10, 20, "Drill history: RTO and RPO per scenario against the manifest's objectives", "bold"));
        svg.append(text(
                10,
                40,
                esc("filled: PASS, hollow: FAIL or ABORTED, x: not measured, red ring: regression (> "
                        + Regression.FACTOR + " x the median of the previous " + Regression.WINDOW
                        + " runs), dashed red: objective"),
                null));
        double legendX = 10;
        for (Map.Entry<String, String> c : colours.entrySet()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"52\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    legendX,
                    c.getValue()));
            svg.append(text(legendX + 16, 62, esc(c.getKey()), null));
            legendX += 24 + 7 * c.getKey().length();
        }
        if (rows.isEmpty()) {
            svg.append(text(LEFT, TOP + 20, "no recorded drills", null));
        }
        int y = TOP;
        for (Map.Entry<String, List<HistoryRow>> scenario : byScenario.entrySet()) {
            List<HistoryRow> runs = scenario.getValue();
            panel(
                    svg,
                    LEFT,
                    y,
                    scenario.getKey() + ": RTO (s)",
                    runs,
                    HistoryRow::rtoSeconds,
                    r -> r.objectives().rtoSeconds(),
                    HistoryRow::rto,
                    colours,
                    time);
            panel(
                    svg,
                    LEFT + PANEL_W + GAP,
                    y,
                    scenario.getKey() + ": RPO (s)",
                    runs,
                    HistoryRow::rpoSeconds,
                    r -> r.objectives().rpoSeconds(),
                    HistoryRow::rpo,
                    colours,
                    time);
            y += ROW_H;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(
            StringBuilder svg,
            int x0,
            int y0,
            String title,
            List<HistoryRow> runs,
            Function<HistoryRow, Double> value,
            Function<HistoryRow, Integer> objective,
            Function<HistoryRow, Regression> regression,
            Map<String, String> colours,
            TimeAxis time) {
        svg.append(text(x0, y0 - 8, esc(title), "bold"));
        double maxValue = runs.stream()
                .map(value)
                .filter(v -> v != null)
                .mapToDouble(v -> v)
                .max()
                .orElse(0);
        Map<String, Integer> objectives = new LinkedHashMap<>();
        runs.forEach(r -> {
            if (objective.apply(r) != null) {
                objectives.put(r.report().environment(), objective.apply(r));
            }
        });
        double top = Math.max(1, maxValue * 1.2);
        for (int o : objectives.values()) {
            if (maxValue == 0 || o <= OBJECTIVE_SCALE_LIMIT * maxValue) {
                top = Math.max(top, o * 1.2);
            }
        }
        double scaleTop = top;
        Function<Double, Double> yOf = v -> y0 + PANEL_H - v / scaleTop * PANEL_H;
        // axes and value ticks
        svg.append(line(x0, y0, x0, y0 + PANEL_H, "#333", null));
        svg.append(line(x0, y0 + PANEL_H, x0 + PANEL_W, y0 + PANEL_H, "#333", null));
        double tick = Svg.niceTick(top * 2);
        for (double v = 0; v <= top + 1e-9; v += tick) {
            double ty = yOf.apply(v);
            svg.append(line(x0 - 4, ty, x0 + PANEL_W, ty, "#e5e5e5", null));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0 - 6,
                    ty + 4,
                    number(v)));
        }
        time.ticks(svg, x0, PANEL_W, y0 + PANEL_H);
        // objectives: a dashed line when on the scale; named in the panel's title row, clear of the points
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, Integer> o : objectives.entrySet()) {
            if (o.getValue() <= top) {
                double oy = yOf.apply((double) o.getValue());
                svg.append(line(x0, oy, x0 + PANEL_W, oy, OBJECTIVE, "6,4"));
                labels.add(o.getKey() + " objective " + o.getValue() + " s");
            } else {
                labels.add(o.getKey() + " objective " + o.getValue() + " s (above the scale)");
            }
        }
        if (!labels.isEmpty()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s</text>%n",
                    x0 + PANEL_W,
                    y0 - 8,
                    OBJECTIVE,
                    esc(String.join("; ", labels))));
        }
        // one line per provider and environment, then its points
        Map<String, List<HistoryRow>> series = new LinkedHashMap<>();
        runs.forEach(r -> series.computeIfAbsent(seriesLabel(r.report()), k -> new ArrayList<>())
                .add(r));
        for (Map.Entry<String, List<HistoryRow>> s : series.entrySet()) {
            String colour = colours.get(s.getKey());
            StringBuilder points = new StringBuilder();
            for (HistoryRow r : s.getValue()) {
                if (value.apply(r) != null) {
                    points.append(String.format(
                            Locale.ROOT, "%.1f,%.1f ", time.x(r, x0, PANEL_W), yOf.apply(value.apply(r))));
                }
            }
            if (points.length() > 0) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        points.toString().trim(),
                        colour));
            }
            for (HistoryRow r : s.getValue()) {
                point(svg, r, value.apply(r), regression.apply(r), time.x(r, x0, PANEL_W), yOf, y0, colour);
            }
        }
    }

    private static void point(
            StringBuilder svg,
            HistoryRow r,
            Double v,
            Regression regression,
            double x,
            Function<Double, Double> yOf,
            int y0,
            String colour) {
        DrillReport report = r.report();
        String when = HistoryTable.DATE.format(report.startedAt());
        if (v == null) {
            double by = y0 + PANEL_H;
            svg.append(String.format(
                    Locale.ROOT,
                    "<path d=\"M%.1f %.1f l8 -8 M%.1f %.1f l-8 -8\" stroke=\"#888\" stroke-width=\"2\"><title>%s</title></path>%n",
                    x - 4,
                    by - 2,
                    x + 4,
                    by - 2,
                    esc(when + " " + report.verdict() + ": not measured")));
            return;
        }
        double py = yOf.apply(v);
        boolean passed = report.verdict() == DrillReport.Verdict.PASS;
        svg.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"><title>%s</title></circle>%n",
                x,
                py,
                passed ? colour : "white",
                colour,
                esc(when + " " + report.verdict() + ": " + HistoryTable.seconds(v))));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                x,
                py - 9,
                number(v)));
        if (regression != null && regression.regressed()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    x,
                    py,
                    OBJECTIVE));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\" font-size=\"10\">regression</text>%n",
                    x,
                    py + 21,
                    OBJECTIVE));
        }
    }

    private static String seriesLabel(DrillReport r) {
        return r.provider() + ", " + r.environment();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The shared time axis: from the first to the last run, padded so points do not sit on the panel's edge. */
    private record TimeAxis(Instant from, Instant to) {
        private static final int TICKS = 5;

        static TimeAxis over(List<HistoryRow> rows) {
            Set<Instant> times = new LinkedHashSet<>();
            rows.forEach(r -> times.add(r.report().startedAt()));
            Instant first = times.stream().min(Instant::compareTo).orElse(Instant.EPOCH);
            Instant last = times.stream().max(Instant::compareTo).orElse(Instant.EPOCH);
            Duration pad = Duration.between(first, last).dividedBy(10);
            if (pad.compareTo(Duration.ofHours(12)) < 0) {
                pad = Duration.ofHours(12);
            }
            return new TimeAxis(first.minus(pad), last.plus(pad));
        }

        double x(HistoryRow r, int x0, int width) {
            return x0 + fraction(r.report().startedAt()) * width;
        }

        double fraction(Instant at) {
            return (double) Duration.between(from, at).toSeconds()
                    / Duration.between(from, to).toSeconds();
        }

        void ticks(StringBuilder svg, int x0, int width, int axisY) {
            DateTimeFormatter format = Duration.between(from, to).toDays() >= 3
                    ? DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                    : DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
            long span = Duration.between(from, to).toSeconds();
            for (int i = 0; i <= TICKS; i++) {
                Instant at = from.plusSeconds(span * i / TICKS);
                double x = x0 + (double) i / TICKS * width;
                svg.append(line(x, axisY, x, axisY + 5, "#333", null));
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%s</text>%n",
                        x,
                        axisY + 18,
                        format.format(at)));
            }
        }
    }
}
