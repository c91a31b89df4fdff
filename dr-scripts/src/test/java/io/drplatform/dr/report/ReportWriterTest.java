package io.drplatform.dr.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @Test
    void writesTheContractFieldsMarkdownAndTimeline(@TempDir Path dir) throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, Instant> milestones = new LinkedHashMap<>();
        milestones.put("fault injected", t0.plusSeconds(3));
        milestones.put("failure detected", t0.plusSeconds(6));
        milestones.put("standby promoted", t0.plusSeconds(4));
        milestones.put("routing switched", t0.plusSeconds(6));
        milestones.put("first accepted write", t0.plusSeconds(7));
        DrillReport report = new DrillReport(
                "d-1",
                "region-failover",
                "local",
                "staging",
                t0,
                t0.plusSeconds(10),
                List.of(
                        new DrillReport.Step("preflight", t0, t0.plusMillis(100), 100, "SUCCEEDED", "ok", null),
                        new DrillReport.Step(
                                "promote <standby>",
                                t0.plusSeconds(3),
                                t0.plusSeconds(4),
                                1000,
                                "SUCCEEDED",
                                "a|b",
                                600L)),
                new DrillReport.Rto(4.0, 15, true),
                new DrillReport.Rpo(0, 0.0, 60, true),
                DrillReport.Verdict.PASS,
                milestones,
                new DrillReport.Measurements(0.2, 120L, 50L, 48L, 2L, 30, 0, "acknowledged-writes.tsv"),
                List.of("a note"),
                new DrillReport.Timing(0.1, 31.0, "Route 53 every 1 s instead of 10 s"));

        ReportWriter.write(report, dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.fieldNames())
                .toIterable()
                .contains(
                        "drillId",
                        "scenario",
                        "provider",
                        "environment",
                        "startedAt",
                        "endedAt",
                        "steps",
                        "rto",
                        "rpo",
                        "verdict");
        assertThat(json.get("steps").get(0).fieldNames())
                .toIterable()
                .contains("name", "startedAt", "endedAt", "durationMs", "status", "detail");
        assertThat(json.get("rto").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("seconds", "targetSeconds", "met");
        assertThat(json.get("rpo").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("lostAcknowledgedWrites", "windowSeconds", "targetSeconds", "met");
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(ReportWriter.read(dir.resolve("report.json"))).isEqualTo(report);

        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md)
                .contains(
                        "# Drill region-failover: PASS",
                        "| RTO | 4.00 s (target 15 s, met) |",
                        "| health-check timing | 0.1 of the synthesized (Route 53 every 1 s instead of 10 s);"
                                + " RTO at the synthesized timing: 31.00 s |",
                        "a\\|b",
                        "600 s",
                        "timeline.svg");

        String svg = Files.readString(dir.resolve("timeline.svg"));
        assertThat(svg)
                .startsWith("<svg")
                .contains(
                        "fault injected",
                        "failure detected",
                        "standby promoted",
                        "routing switched",
                        "first accepted write",
                        "promote &lt;standby&gt;");
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(dir.resolve("timeline.svg").toFile());
    }
}
