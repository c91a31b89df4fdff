package io.drplatform.dr.report;

import static io.drplatform.dr.report.Svg.esc;
import static io.drplatform.dr.report.Svg.line;
import static io.drplatform.dr.report.Svg.niceTick;
import static io.drplatform.dr.report.Svg.text;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The drill at a glance: one bar per step on a shared time axis, and vertical markers for fault, detection,
 * promotion, routing switch and first accepted write.
 */
public final class TimelineSvg {
    private static final int LEFT = 260;
    private static final int WIDTH = 1000;
    private static final int ROW = 24;
    private static final int TOP = 60;

    private TimelineSvg() {}

    public static String render(DrillReport report) {
        Instant start = report.startedAt();
        double total = Math.max(0.001, Duration.between(start, report.endedAt()).toMillis() / 1000.0);
        int rows = report.steps().size();
        int height = TOP + rows * ROW + 120;
        StringBuilder svg = new StringBuilder();
        svg.append(Svg.open(LEFT + WIDTH + 40, height));
        svg.append(text(
                10,
                20,
                esc(report.scenario() + " (" + report.provider() + ", " + report.environment() + "): "
                        + report.verdict() + rtoRpo(report)),
                "bold"));
        // axis with ticks
        int axisY = TOP + rows * ROW + 10;
        svg.append(line(LEFT, axisY, LEFT + WIDTH, axisY, "#333", null));
        double tick = niceTick(total);
        for (double t = 0; t <= total + 1e-9; t += tick) {
            double x = LEFT + t / total * WIDTH;
            svg.append(line(x, axisY, x, axisY + 5, "#333", null));
            svg.append(text(x - 10, axisY + 18, String.format(Locale.ROOT, "%.0fs", t), null));
        }
        int y = TOP;
        for (DrillReport.Step step : report.steps()) {
            svg.append(text(10, y + 15, esc(trim(step.name())), null));
            if (step.startedAt() != null && step.endedAt() != null) {
                double x0 = LEFT + secs(start, step.startedAt()) / total * WIDTH;
                double w = Math.max(2, step.durationMs() / 1000.0 / total * WIDTH);
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                        x0,
                        y + 3,
                        w,
                        ROW - 6,
                        color(step.status()),
                        esc(step.name() + ": " + step.status() + " " + step.durationMs() + " ms")));
            } else {
                svg.append(text(LEFT + 4, y + 15, step.status(), null));
            }
            y += ROW;
        }
        Map<String, Instant> milestones = report.milestones();
        if (milestones != null) {
            int labelRow = 0;
            for (Map.Entry<String, Instant> m : milestones.entrySet()) {
                double x = LEFT + secs(start, m.getValue()) / total * WIDTH;
                svg.append(line(x, TOP - 10, x, axisY, "#c00", "4,3"));
                String label = esc(m.getKey() + " @ " + String.format(Locale.ROOT, "%.2fs", secs(start, m.getValue())));
                // Labels near the right edge end at their marker so they stay inside the picture.
                boolean right = x > LEFT + WIDTH * 0.7;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" fill=\"#c00\"%s>%s</text>%n",
                        right ? x - 3 : x + 3,
                        axisY + 36 + 14 * labelRow,
                        right ? " text-anchor=\"end\"" : "",
                        label));
                labelRow++;
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String rtoRpo(DrillReport r) {
        StringBuilder s = new StringBuilder();
        if (r.rto() != null && r.rto().seconds() != null) {
            s.append(String.format(
                    Locale.ROOT,
                    " | RTO %.2f s (target %d)",
                    r.rto().seconds(),
                    r.rto().targetSeconds()));
        }
        if (r.rpo() != null && r.rpo().lostAcknowledgedWrites() != null) {
            s.append(" | RPO ").append(r.rpo().lostAcknowledgedWrites()).append(" lost writes");
        }
        return s.toString();
    }

    private static double secs(Instant start, Instant at) {
        return Duration.between(start, at).toMillis() / 1000.0;
    }

    private static String color(String status) {
        return switch (status) {
            case "SUCCEEDED" -> "#4a90d9";
            case "FAILED", "ROLLBACK_FAILED" -> "#d0021b";
            case "ABORTED" -> "#f5a623";
            case "ROLLED_BACK" -> "#9b9b9b";
            default -> "#bbbbbb";
        };
    }

    private static String trim(String s) {
        return s.length() > 38 ? s.substring(0, 37) + "…" : s;
    }
}
