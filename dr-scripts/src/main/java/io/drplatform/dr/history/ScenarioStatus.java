package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Per scenario of one environment and provider: the last drill's verdict and age, and whether a scheduled scenario
 * has passed within its schedule. A scheduled scenario is overdue when its last PASS ended longer ago than the
 * longest wait between two scheduled runs plus the grace (or it never passed).
 *
 * @param lastPass null when the scenario never passed
 * @param period the schedule's longest wait, null when the scenario is not scheduled in this environment
 */
public record ScenarioStatus(
        String scenario, DrillReport last, DrillReport lastPass, Duration period, boolean overdue) {

    /**
     * @param schedule null when there is none to check against; it applies only to its own environment and provider
     */
    public static List<ScenarioStatus> of(
            List<RecordedDrill> drills,
            String environment,
            String provider,
            DrillSchedule schedule,
            Duration grace,
            Instant now) {
        List<DrillReport> mine = drills.stream()
                .map(RecordedDrill::report)
                .filter(r -> environment.equals(r.environment()) && provider.equals(r.provider()))
                .sorted(Comparator.comparing(DrillReport::startedAt))
                .toList();
        boolean scheduled =
                schedule != null && environment.equals(schedule.environment()) && provider.equals(schedule.provider());
        Set<String> scenarios = new LinkedHashSet<>();
        if (scheduled) {
            scenarios.addAll(schedule.periods().keySet());
        }
        mine.forEach(r -> scenarios.add(r.scenario()));
        List<ScenarioStatus> statuses = new ArrayList<>();
        for (String scenario : scenarios) {
            List<DrillReport> runs =
                    mine.stream().filter(r -> scenario.equals(r.scenario())).toList();
            DrillReport last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            DrillReport lastPass = runs.stream()
                    .filter(r -> r.verdict() == DrillReport.Verdict.PASS)
                    .reduce((a, b) -> b)
                    .orElse(null);
            Duration period = scheduled ? schedule.period(scenario).orElse(null) : null;
            boolean overdue = period != null
                    && (lastPass == null
                            || Duration.between(ended(lastPass), now).compareTo(period.plus(grace)) > 0);
            statuses.add(new ScenarioStatus(scenario, last, lastPass, period, overdue));
        }
        return statuses;
    }

    /** A report without an end (killed mid-run) is dated by its start. */
    static Instant ended(DrillReport r) {
        return Optional.ofNullable(r.endedAt()).orElse(r.startedAt());
    }

    /** {@code 3 d}, {@code 5 h}, {@code 12 min}. */
    public static String age(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.toDays() >= 1) {
            return d.toDays() + " d";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }

    /** The lines {@code dr status} prints, then one {@code OVERDUE:} warning per overdue scenario. */
    public static List<String> describe(List<ScenarioStatus> statuses, Duration grace, Instant now) {
        List<String> lines = new ArrayList<>();
        String format = "  %-18s %-8s %-9s %-14s %s";
        lines.add(String.format(Locale.ROOT, format, "scenario", "last", "age", "last PASS", "schedule"));
        List<String> warnings = new ArrayList<>();
        for (ScenarioStatus s : statuses) {
            lines.add(String.format(
                    Locale.ROOT,
                    format,
                    s.scenario(),
                    s.last() == null ? "none" : String.valueOf(s.last().verdict()),
                    s.last() == null ? "-" : age(ended(s.last()), now),
                    s.lastPass() == null ? "never" : age(ended(s.lastPass()), now) + " ago",
                    s.period() == null
                            ? "not scheduled"
                            : "every " + s.period().toDays() + " d + " + grace.toDays() + " d grace"
                                    + (s.overdue() ? ": OVERDUE" : ": ok")));
            if (s.overdue()) {
                warnings.add("OVERDUE: " + s.scenario() + " has "
                        + (s.lastPass() == null
                                ? "no PASS on record"
                                : "not passed for " + age(ended(s.lastPass()), now))
                        + " (scheduled every " + s.period().toDays() + " d, grace " + grace.toDays() + " d)");
            }
        }
        lines.addAll(warnings);
        return lines;
    }
}
