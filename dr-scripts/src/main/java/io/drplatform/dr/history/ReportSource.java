package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where recorded drills are kept: a directory of report directories as {@code dr drill} writes them, or the same
 * layout under a prefix in a bucket.
 */
public interface ReportSource {

    /** Every readable report; the ones that cannot be placed in a history are listed in {@code skipped}. */
    List<RecordedDrill> read(List<String> skipped) throws IOException;

    /** What to call this source in messages. */
    String describe();

    /**
     * A report without its scenario, provider, environment or start time cannot be placed on a history. Every
     * report the tool has written carries them; a hand-made or truncated file may not, and it is skipped by name
     * rather than guessed.
     */
    static void keepIfPlaceable(DrillReport report, String location, List<RecordedDrill> into, List<String> skipped) {
        List<String> missing = new ArrayList<>();
        if (report.scenario() == null) {
            missing.add("scenario");
        }
        if (report.provider() == null) {
            missing.add("provider");
        }
        if (report.environment() == null) {
            missing.add("environment");
        }
        if (report.startedAt() == null) {
            missing.add("startedAt");
        }
        if (missing.isEmpty()) {
            into.add(new RecordedDrill(report, location));
        } else {
            skipped.add(location + ": no " + String.join(", ", missing));
        }
    }
}
