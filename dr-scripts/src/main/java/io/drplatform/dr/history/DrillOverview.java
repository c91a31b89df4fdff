package io.drplatform.dr.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What {@code dr status} says about drills: per scenario the last verdict and age, and the overdue ones. */
public final class DrillOverview {
    private DrillOverview() {}

    /** @param scheduleFile the drill workflow; without it the schedules are not checked, and the output says so */
    public static List<String> lines(
            ReportSource source, Path scheduleFile, String environment, String provider, Duration grace, Instant now)
            throws IOException {
        List<RecordedDrill> recorded = source.read(new ArrayList<>());
        List<String> lines = new ArrayList<>();
        DrillSchedule schedule = null;
        if (Files.exists(scheduleFile)) {
            schedule = DrillSchedule.read(scheduleFile);
        } else {
            lines.add("(no " + scheduleFile + ": schedules not checked)");
        }
        List<ScenarioStatus> statuses = ScenarioStatus.of(recorded, environment, provider, schedule, grace, now);
        lines.add(
                0,
                "drills (" + environment + ", " + provider + ", from " + source.describe() + "):"
                        + (statuses.isEmpty() ? " none" : ""));
        if (!statuses.isEmpty()) {
            lines.addAll(ScenarioStatus.describe(statuses, grace, now));
        }
        return lines;
    }
}
