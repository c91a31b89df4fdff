package io.drplatform.dr.drill;

import io.drplatform.dr.engine.DrillRun;
import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.measure.AcknowledgedWrites;
import io.drplatform.dr.measure.DataLoss;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.measure.HeartbeatWriter;
import io.drplatform.dr.provider.HealthCheckTimings;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared by every measured run: the drill id and report directory, the heartbeat writer and its journal, the
 * lag recorded before the fault, the data-loss assessment, and turning an engine run into a report.
 */
public final class DrillSession implements AutoCloseable {
    private final String drillId;
    private final String scenario;
    private final String provider;
    private final DrillSettings settings;
    private final Path reportDirectory;
    private final List<String> notes = new ArrayList<>();
    private HeartbeatWriter heartbeat;
    private ReplicaLag lagBeforeFault;
    private DataLoss dataLoss;
    private Integer acknowledgedBeforeFault;
    private Duration backupWindow;
    private boolean rpoNotMeasurable;

    public DrillSession(String scenario, String provider, DrillSettings settings) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        this.drillId =
                stamp + "-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.scenario = scenario;
        this.provider = provider;
        this.settings = settings;
        this.reportDirectory = settings.reportRoot().resolve(drillId);
    }

    public String drillId() {
        return drillId;
    }

    public DrillSettings settings() {
        return settings;
    }

    public Path reportDirectory() {
        return reportDirectory;
    }

    /**
     * Where the stacks own replicas (AWS): what to deploy after a switch to {@code active}, and that {@code old}
     * stays fenced, without a standby, until that deploy.
     */
    public void noteStacksRebuildReplica(String active, String old) {
        note("next: set dr.activeRegion: " + active
                + " in the manifest and deploy, so the stacks adopt the promoted database"
                + " and build a new replica in " + old + "; until then " + old + " has no standby and stays fenced");
    }

    public void note(String note) {
        notes.add(note);
    }

    public HeartbeatWriter startHeartbeat(EntryPoint entryPoint) {
        AcknowledgedWrites journal = new AcknowledgedWrites(reportDirectory.resolve("acknowledged-writes.tsv"));
        heartbeat =
                new HeartbeatWriter(entryPoint, journal, drillId, settings.heartbeatInterval(), Duration.ofSeconds(2));
        heartbeat.start();
        return heartbeat;
    }

    public HeartbeatWriter heartbeat() {
        return heartbeat;
    }

    /** The run cannot count lost writes by design (a real failover); the verdict then rests on the RTO. */
    public void rpoNotMeasurable(String why) {
        if (!rpoNotMeasurable) {
            rpoNotMeasurable = true;
            notes.add(why);
        }
    }

    /** For backup drills: the data a restore would lose is everything written after the backup's point in time. */
    public void recordBackupWindow(Duration window) {
        this.backupWindow = window;
    }

    public void recordLagBeforeFault(ReplicaLag lag) {
        this.lagBeforeFault = lag;
    }

    /** Stops the writer and checks every acknowledged write against the promoted database, through the entry point. */
    public DataLoss assessDataLoss(EntryPoint entryPoint, Instant fault) {
        heartbeat.stop();
        acknowledgedBeforeFault = heartbeat.journal().sentBefore(fault).size();
        dataLoss = DataLoss.assess(heartbeat.journal().all(), ack -> entryPoint.read(ack.id(), Duration.ofSeconds(3)));
        return dataLoss;
    }

    public DrillReport finish(DrillRun run) throws IOException {
        return finish(run, java.util.Optional.empty());
    }

    /** @param timings the provider's scaled health checks, if any: the report then projects its RTO to the deployment */
    public DrillReport finish(DrillRun run, java.util.Optional<HealthCheckTimings> timings) throws IOException {
        if (heartbeat != null) {
            heartbeat.stop();
            heartbeat.journal().close();
        }
        Instant fault = run.milestones().get(Milestone.FAULT);
        Instant firstWrite = run.milestones().get(Milestone.FIRST_ACCEPTED_WRITE);
        Double rtoSeconds = fault != null && firstWrite != null
                ? Duration.between(fault, firstWrite).toMillis() / 1000.0
                : null;
        DrillReport.Rto rto = new DrillReport.Rto(
                rtoSeconds,
                settings.rtoTargetSeconds(),
                rtoSeconds != null && rtoSeconds <= settings.rtoTargetSeconds());
        DrillReport.Rpo rpo;
        if (backupWindow != null) {
            double window = backupWindow.toMillis() / 1000.0;
            rpo = new DrillReport.Rpo(null, window, settings.rpoTargetSeconds(), window <= settings.rpoTargetSeconds());
        } else if (dataLoss != null && dataLoss.unknown() == 0) {
            double window = dataLoss.window().toMillis() / 1000.0;
            rpo = new DrillReport.Rpo(
                    dataLoss.lost(), window, settings.rpoTargetSeconds(), window <= settings.rpoTargetSeconds());
        } else {
            if (dataLoss != null && dataLoss.unknown() > 0) {
                notes.add(dataLoss.unknown() + " acknowledged writes could not be checked: RPO not measured");
            }
            rpo = new DrillReport.Rpo(null, null, settings.rpoTargetSeconds(), false);
        }
        DrillReport.Verdict verdict = switch (run.outcome()) {
            case ABORTED -> DrillReport.Verdict.ABORTED;
            case FAILED -> DrillReport.Verdict.FAIL;
            case DRY_RUN -> null;
            case COMPLETED ->
                rto.met() && (rpo.met() || rpoNotMeasurable) ? DrillReport.Verdict.PASS : DrillReport.Verdict.FAIL;
        };
        if (run.reason() != null) {
            notes.add(0, run.outcome() + ": " + run.reason());
        }
        if (!run.leftAsIs().isEmpty()) {
            notes.add(Math.min(1, notes.size()), "left as is: " + String.join("; ", run.leftAsIs()));
        }
        Map<String, Instant> milestones = new LinkedHashMap<>();
        run.milestones().entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> milestones.put(e.getKey().label(), e.getValue()));
        List<DrillReport.Step> steps = run.steps().stream()
                .map(s -> new DrillReport.Step(
                        s.name(),
                        s.startedAt(),
                        s.endedAt(),
                        s.durationMs(),
                        s.status().name(),
                        s.detail(),
                        s.budget() == null ? null : s.budget().toSeconds()))
                .toList();
        DrillReport.Measurements measurements = new DrillReport.Measurements(
                lagBeforeFault == null ? null : lagBeforeFault.seconds(),
                lagBeforeFault == null ? null : lagBeforeFault.bytesBehind(),
                heartbeat == null ? null : heartbeat.attempts(),
                heartbeat == null ? null : (long) heartbeat.journal().size(),
                heartbeat == null ? null : heartbeat.failures(),
                acknowledgedBeforeFault,
                dataLoss == null ? null : dataLoss.unknown(),
                heartbeat == null ? null : "acknowledged-writes.tsv");
        DrillReport report = new DrillReport(
                drillId,
                scenario,
                provider,
                settings.environment(),
                run.startedAt(),
                run.endedAt(),
                steps,
                rto,
                rpo,
                verdict,
                milestones,
                measurements,
                List.copyOf(notes),
                timings.map(t -> new DrillReport.Timing(
                                t.scale(),
                                rtoSeconds == null ? null : rtoSeconds + t.secondsAddedAtScale1(),
                                t.basis()))
                        .orElse(null));
        if (!settings.dryRun()) {
            ReportWriter.write(report, reportDirectory);
        }
        return report;
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.stop();
        }
    }
}
