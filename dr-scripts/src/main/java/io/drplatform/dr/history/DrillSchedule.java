package io.drplatform.dr.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often each scenario is drilled, read from the workflow that runs the drills ({@code .github/workflows/drill.yml}):
 * its {@code on.schedule} cron lines, the job's {@code SCENARIO} expression, which maps each cron line to a scenario
 * with {@code fromJSON('{"<cron>": "<scenario>", ...}')[github.event.schedule]}, the job's {@code environment} and the
 * {@code --provider} of its {@code dr drill} line. The workflow is what actually runs them, so it is the one place the
 * schedule is written.
 *
 * @param environment the environment the scheduled drills run in
 * @param provider the provider they run on (a rehearsal on the local provider does not count for the schedule)
 * @param periods per scenario, the longest wait between two scheduled runs
 */
public record DrillSchedule(Path source, String environment, String provider, Map<String, Duration> periods) {
    private static final Pattern CRON_TO_SCENARIO = Pattern.compile("fromJSON\\('(\\{[^']*})'\\)");
    private static final Pattern PROVIDER = Pattern.compile("dr drill .*--provider[ =](\\S+)");
    /** The CLI's own default, for a drill line that names no provider. */
    private static final String DEFAULT_PROVIDER = "aws";

    public static DrillSchedule read(Path workflow) throws IOException {
        JsonNode root = new YAMLMapper().readTree(workflow.toFile());
        List<String> crons = new ArrayList<>();
        root.path("on").path("schedule").forEach(s -> crons.add(s.path("cron").asText()));
        if (crons.isEmpty()) {
            throw new IllegalArgumentException(workflow + ": no on.schedule cron lines");
        }
        Iterator<Map.Entry<String, JsonNode>> jobs = root.path("jobs").fields();
        while (jobs.hasNext()) {
            JsonNode job = jobs.next().getValue();
            Matcher m =
                    CRON_TO_SCENARIO.matcher(job.path("env").path("SCENARIO").asText());
            if (m.find()) {
                Map<String, String> scenarios =
                        new ObjectMapper().readValue(m.group(1), new TypeReference<LinkedHashMap<String, String>>() {});
                return new DrillSchedule(
                        workflow,
                        job.path("environment").asText(null),
                        provider(job),
                        periods(workflow, crons, scenarios));
            }
        }
        throw new IllegalArgumentException(
                workflow
                        + ": no job maps its cron lines to scenarios (env SCENARIO with fromJSON('{\"<cron>\": \"<scenario>\"}')[github.event.schedule])");
    }

    private static Map<String, Duration> periods(Path workflow, List<String> crons, Map<String, String> scenarios) {
        Map<String, Duration> periods = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (String cron : crons) {
            String scenario = scenarios.get(cron);
            if (scenario == null) {
                unmapped.add(cron);
                continue;
            }
            Duration every = Duration.ofDays(CronDays.parse(cron).longestGapDays());
            // A scenario on two cron lines is drilled at least as often as its more frequent line.
            periods.merge(scenario, every, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        if (!unmapped.isEmpty()) {
            throw new IllegalArgumentException(workflow + ": cron " + unmapped
                    + " runs no scenario: add it to the SCENARIO expression's fromJSON map");
        }
        return periods;
    }

    private static String provider(JsonNode job) {
        for (JsonNode step : job.path("steps")) {
            Matcher m = PROVIDER.matcher(step.path("run").asText());
            if (m.find()) {
                return m.group(1);
            }
        }
        return DEFAULT_PROVIDER;
    }

    public Optional<Duration> period(String scenario) {
        return Optional.ofNullable(periods.get(scenario));
    }
}
