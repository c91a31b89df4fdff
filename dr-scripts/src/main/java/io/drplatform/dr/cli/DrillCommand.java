package io.drplatform.dr.cli;

import io.drplatform.dr.drill.DrillScenario;
import io.drplatform.dr.drill.RegionFailoverDrill;
import io.drplatform.dr.drill.ScenarioProvider;
import io.drplatform.manifest.model.Deployment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "drill",
        description = "Run a measured DR drill and write report.json, report.md and timeline.svg.",
        subcommands = {
            DrillCommand.RegionFailover.class,
            DrillCommand.DbFailover.class,
            DrillCommand.RestoreBackup.class
        })
public class DrillCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "region-failover",
            mixinStandardHelpOptions = true,
            description =
                    "Fence the active region, promote the standby, scale it, switch routing, verify writes; measure RTO and RPO.")
    static class RegionFailover implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        SafetyOptions safety;

        @Mixin
        RunOptions run;

        @Override
        public Integer call() throws Exception {
            Deployment d = common.deploymentOrNull();
            safety.guard(common.environmentName(), "a region-failover drill", d == null ? "local" : d.name());
            try (ScenarioProvider provider = Providers.create(common, d)) {
                String from = provider.activeRegion();
                String to = provider.standbyRegion();
                var budgets = provider.budgets();
                return RunSupport.execute(
                        "region-failover",
                        provider,
                        RunSupport.settings(common, safety, run, d),
                        session -> new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.DRILL, budgets)
                                .steps(from, to),
                        System.out);
            }
        }
    }

    @Command(
            name = "db-failover",
            mixinStandardHelpOptions = true,
            description = "AWS: reboot the primary database with failover (Multi-AZ) and measure the interruption.")
    static class DbFailover implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        SafetyOptions safety;

        @Mixin
        RunOptions run;

        @Override
        public Integer call() throws Exception {
            return runScenario(
                    common,
                    safety,
                    run,
                    new DrillScenario.MultiAzFailover(),
                    "it has no Multi-AZ standby in the same region");
        }
    }

    @Command(
            name = "restore-backup",
            mixinStandardHelpOptions = true,
            description =
                    "AWS: restore the latest snapshot (or a point in time) to a temporary instance, verify it, delete it; report the backup's RPO.")
    static class RestoreBackup implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        SafetyOptions safety;

        @Mixin
        RunOptions run;

        @Option(
                names = "--point-in-time",
                paramLabel = "latest|INSTANT",
                description =
                        "restore from the transaction logs instead of the newest snapshot: `latest` (the latest restorable time) or an ISO-8601 instant such as 2026-12-01T03:15:00Z")
        String pointInTime;

        @Override
        public Integer call() throws Exception {
            Instant target;
            try {
                target = pointInTime == null
                        ? null
                        : "latest".equalsIgnoreCase(pointInTime) ? Instant.MAX : Instant.parse(pointInTime);
            } catch (DateTimeParseException e) {
                System.err.println(
                        "dr: --point-in-time must be `latest` or an ISO-8601 instant such as 2026-12-01T03:15:00Z, not "
                                + pointInTime);
                return ExitCode.USAGE;
            }
            return runScenario(
                    common, safety, run, new DrillScenario.RestoreBackup(target), "no snapshots on the local pair");
        }
    }

    /** The scenarios a provider runs itself differ only in their steps: same guard, run, and refusal where absent. */
    private static Integer runScenario(
            CommonOptions common, SafetyOptions safety, RunOptions run, DrillScenario scenario, String whyNotLocal)
            throws Exception {
        Deployment d = common.deploymentOrNull();
        safety.guard(common.environmentName(), "a " + scenario.name() + " drill", d == null ? "local" : d.name());
        try (ScenarioProvider provider = Providers.create(common, d)) {
            var steps = provider.scenario(scenario);
            if (steps.isEmpty()) {
                System.err.println("dr: " + scenario.name() + " is not supported by the " + provider.name()
                        + " provider (" + whyNotLocal + "); use --provider aws");
                return ExitCode.USAGE;
            }
            return RunSupport.execute(
                    scenario.name(), provider, RunSupport.settings(common, safety, run, d), steps.get(), System.out);
        }
    }
}
