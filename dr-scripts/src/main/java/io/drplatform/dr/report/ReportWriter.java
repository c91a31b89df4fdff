package io.drplatform.dr.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes {@code report.json}, {@code report.md} and {@code timeline.svg} into a drill's report directory. */
public final class ReportWriter {

    public static ObjectMapper json() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static Path write(DrillReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        json().writeValue(directory.resolve("report.json").toFile(), report);
        Files.writeString(directory.resolve("report.md"), markdown(report));
        Files.writeString(directory.resolve("timeline.svg"), TimelineSvg.render(report));
        return directory;
    }

    public static DrillReport read(Path reportJson) throws IOException {
        return reader().readValue(reportJson.toFile());
    }

    public static DrillReport parse(byte[] reportJson) throws IOException {
        return reader().readValue(reportJson);
    }

    /**
     * Reports are read back across tool versions (a history spans a year of them): fields added later are
     * ignored by an older reader rather than failing it; fields it knows keep their names (see {@link DrillReport}).
     */
    private static ObjectReader reader() {
        return json().readerFor(DrillReport.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    static String markdown(DrillReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Drill ")
                .append(r.scenario())
                .append(": ")
                .append(r.verdict())
                .append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| drill id | `").append(r.drillId()).append("` |\n");
        md.append("| provider | ").append(r.provider()).append(" |\n");
        md.append("| environment | ").append(r.environment()).append(" |\n");
        md.append("| started | ").append(r.startedAt()).append(" |\n");
        md.append("| ended | ").append(r.endedAt()).append(" |\n");
        if (r.rto() != null) {
            md.append("| RTO | ")
                    .append(
                            r.rto().seconds() == null
                                    ? "not measured"
                                    : fmt(r.rto().seconds()) + " s")
                    .append(" (target ")
                    .append(r.rto().targetSeconds())
                    .append(" s, ")
                    .append(r.rto().met() ? "met" : "NOT met")
                    .append(") |\n");
        }
        if (r.timing() != null) {
            md.append("| health-check timing | ")
                    .append(r.timing().scale())
                    .append(" of the synthesized (")
                    .append(r.timing().basis().replace("|", "\\|"))
                    .append(")")
                    .append(
                            r.timing().projectedRtoSeconds() == null
                                    ? ""
                                    : "; RTO at the synthesized timing: "
                                            + fmt(r.timing().projectedRtoSeconds()) + " s")
                    .append(" |\n");
        }
        if (r.rpo() != null) {
            md.append("| RPO | ")
                    .append(
                            r.rpo().lostAcknowledgedWrites() == null
                                    ? "not measured"
                                    : r.rpo().lostAcknowledgedWrites() + " acknowledged writes lost, window "
                                            + fmt(r.rpo().windowSeconds()) + " s")
                    .append(" (target ")
                    .append(r.rpo().targetSeconds())
                    .append(" s, ")
                    .append(r.rpo().met() ? "met" : "NOT met")
                    .append(") |\n");
        }
        DrillReport.Measurements m = r.measurements();
        if (m != null) {
            if (m.replicaLagSeconds() != null || m.replicaBytesBehind() != null) {
                md.append("| replica lag before the fault | ")
                        .append(m.replicaLagSeconds() == null ? "?" : fmt(m.replicaLagSeconds()))
                        .append(" s, ")
                        .append(m.replicaBytesBehind() == null ? "?" : m.replicaBytesBehind())
                        .append(" bytes |\n");
            }
            if (m.heartbeatAttempts() != null) {
                md.append("| heartbeat | ")
                        .append(m.heartbeatAttempts())
                        .append(" writes sent, ")
                        .append(m.heartbeatAcknowledged())
                        .append(" acknowledged, ")
                        .append(m.heartbeatFailures())
                        .append(" refused or failed |\n");
            }
        }
        md.append("\n## Milestones\n\n");
        if (r.milestones() == null || r.milestones().isEmpty()) {
            md.append("none\n");
        } else {
            md.append("| milestone | at | after start |\n|---|---|---|\n");
            r.milestones()
                    .forEach((k, v) -> md.append("| ")
                            .append(k)
                            .append(" | ")
                            .append(v)
                            .append(" | ")
                            .append(fmt(
                                    java.time.Duration.between(r.startedAt(), v).toMillis() / 1000.0))
                            .append(" s |\n"));
        }
        md.append("\n## Steps\n\n| # | step | status | took | budget | detail |\n|---|---|---|---|---|---|\n");
        int i = 1;
        for (DrillReport.Step s : r.steps()) {
            md.append("| ")
                    .append(i++)
                    .append(" | ")
                    .append(s.name())
                    .append(" | ")
                    .append(s.status())
                    .append(" | ")
                    .append(fmt(s.durationMs() / 1000.0))
                    .append(" s | ")
                    .append(s.budgetSeconds() == null ? "" : s.budgetSeconds() + " s")
                    .append(" | ")
                    .append(
                            s.detail() == null
                                    ? ""
                                    : s.detail().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        if (r.notes() != null && !r.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        md.append("\n![timeline](timeline.svg)\n");
        return md.toString();
    }

    static String fmt(Double seconds) {
        return seconds == null ? "?" : String.format(Locale.ROOT, "%.2f", seconds);
    }
}
