package io.drplatform.dr.cli;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillSettings;
import io.drplatform.dr.engine.DrillEngine;
import io.drplatform.dr.engine.DrillRun;
import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.engine.Progress;
import io.drplatform.dr.engine.StopCondition;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.manifest.model.Deployment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Runs a list of steps through the engine and writes the report; shared by drills, failover and failback. */
final class RunSupport {
    private RunSupport() {}

    static DrillSettings settings(CommonOptions common, SafetyOptions safety, RunOptions run, Deployment d) {
        return new DrillSettings(
                d == null ? common.environment : d.environment().id(),
                common.reportDirectory,
                safety.dryRun,
                Providers.rtoTarget(run.rtoTarget, d, 15),
                Providers.rpoTarget(run.rpoTarget, d, 60),
                Duration.ofMillis(run.heartbeatIntervalMs),
                Duration.ofSeconds(run.recoveryDeadlineSeconds),
                Duration.ofSeconds(run.baselineSeconds));
    }

    /** @return exit code ({@link ExitCode}): 0 PASS (or dry run), 1 FAIL, 3 ABORTED, also when stopped by a signal */
    static int execute(
            String scenario,
            DrProvider provider,
            DrillSettings settings,
            Function<DrillSession, List<DrillStep>> steps,
            PrintStream out)
            throws Exception {
        return execute(scenario, provider, settings, steps, provider.alarms()::firing, out);
    }

    static int execute(
            String scenario,
            DrProvider provider,
            DrillSettings settings,
            Function<DrillSession, List<DrillStep>> steps,
            StopCondition stopCondition,
            PrintStream out)
            throws Exception {
        try (DrillSession session = new DrillSession(scenario, provider.name(), settings)) {
            Progress progress = new Progress(out);
            out.println((settings.dryRun() ? "DRY RUN " : "") + scenario + " with provider " + provider.name()
                    + ", environment " + settings.environment() + " (RTO target " + settings.rtoTargetSeconds()
                    + " s, RPO target " + settings.rpoTargetSeconds() + " s)");
            DrillEngine engine = new DrillEngine(progress, stopCondition);
            List<DrillStep> planned = steps.apply(session);
            DrillReport report;
            try (StopOnSignal stop = StopOnSignal.install(engine, out)) {
                DrillRun run = engine.run(planned, settings.dryRun());
                report = session.finish(run, provider.healthCheckTimings());
                int code = report(report, session, settings, out);
                stop.reported(code);
                return code;
            }
        }
    }

    private static int report(DrillReport report, DrillSession session, DrillSettings settings, PrintStream out) {
        if (settings.dryRun()) {
            out.println("dry run: nothing was changed");
            return ExitCode.OK;
        }
        out.println();
        out.println("verdict: " + report.verdict());
        if (report.rto() != null) {
            out.println("RTO: "
                    + (report.rto().seconds() == null
                            ? "not measured"
                            : String.format(Locale.ROOT, "%.2f s", report.rto().seconds()))
                    + " (target " + report.rto().targetSeconds() + " s)");
            if (report.timing() != null) {
                out.println("health checks at " + report.timing().scale() + " of the synthesized timing ("
                        + report.timing().basis() + ")"
                        + (report.timing().projectedRtoSeconds() == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; at the synthesized timing the RTO would be %.1f s",
                                        report.timing().projectedRtoSeconds())));
            }
        }
        if (report.rpo() != null) {
            out.println("RPO: "
                    + (report.rpo().lostAcknowledgedWrites() == null
                            ? "not measured"
                            : report.rpo().lostAcknowledgedWrites() + " acknowledged writes lost, window "
                                    + String.format(
                                            Locale.ROOT, "%.2f s", report.rpo().windowSeconds()))
                    + " (target " + report.rpo().targetSeconds() + " s)");
        }
        report.notes().forEach(n -> out.println("note: " + n));
        out.println("report: " + session.reportDirectory().toAbsolutePath());
        return switch (report.verdict()) {
            case PASS -> ExitCode.OK;
            case FAIL -> ExitCode.FAIL;
            case ABORTED -> ExitCode.ABORTED;
        };
    }
}
