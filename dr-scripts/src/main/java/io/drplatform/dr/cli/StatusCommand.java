package io.drplatform.dr.cli;

import io.drplatform.dr.aws.AwsClients;
import io.drplatform.dr.history.DrillOverview;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.provider.RegionState;
import io.drplatform.manifest.model.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Per region: role, database state, replica lag, health check, which record answers, alarms, tasks; what a region outage does to sign-in; last verdict and age per drill scenario, overdue scheduled drills. Exit 1 when the RPO or RTO target is at risk, 4 when the state could not be read.")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ReportSourceOptions reportSource;

    @Option(
            names = "--schedule",
            description = "the workflow whose cron lines schedule the drills (default: ${DEFAULT-VALUE})",
            defaultValue = ".github/workflows/drill.yml")
    Path scheduleFile;

    @Option(
            names = "--grace-days",
            description = "days a scheduled drill may run late before it is overdue (default: ${DEFAULT-VALUE})",
            defaultValue = "7")
    int graceDays;

    @Override
    public Integer call() throws Exception {
        Deployment d = common.deploymentOrNull();
        int rpo = Providers.rpoTarget(null, d, 60);
        try (DrProvider provider = Providers.create(common, d)) {
            List<RegionState> regions = provider.status().regions();
            List<String> risks = new ArrayList<>();
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %-8s %-10s %-22s %-9s %-40s %s%n",
                    "region",
                    "role",
                    "database",
                    "lag",
                    "answers",
                    "health",
                    "tasks");
            for (RegionState r : regions) {
                String lag = r.lag() == null
                        ? "-"
                        : (r.lag().seconds() == null
                                        ? "?"
                                        : String.format(
                                                Locale.ROOT, "%.1fs", r.lag().seconds())) + " / "
                                + (r.lag().bytesBehind() == null ? "?" : r.lag().bytesBehind() + "B");
                System.out.printf(
                        Locale.ROOT,
                        "%-14s %-8s %-10s %-22s %-9s %-40s %s%n",
                        r.region(),
                        r.role(),
                        r.databaseState(),
                        lag,
                        r.answering() ? "yes" : "no",
                        r.health(),
                        r.tasks());
                if (r.lag() != null && r.lag().seconds() != null && r.lag().seconds() > rpo) {
                    risks.add("replica lag in " + r.region() + " is " + r.lag().seconds() + " s, above the RPO target "
                            + rpo + " s");
                }
            }
            List<String> alarms = provider.alarms().firing();
            System.out.println("alarms firing: " + (alarms.isEmpty() ? "none" : String.join(", ", alarms)));
            if (!alarms.isEmpty()) {
                risks.add("alarms firing: " + String.join(", ", alarms));
            }
            long standbys =
                    regions.stream().filter(r -> r.role().equals("standby")).count();
            if (regions.size() > 1 && standbys == 0) {
                risks.add("no standby is replicating: a region failure now loses the application (RTO at risk)");
            }
            if (regions.stream().noneMatch(RegionState::answering) && !regions.isEmpty()) {
                risks.add("no region answers the failover record");
            }
            System.out.println(SignIn.describe(d));
            drills().forEach(System.out::println);
            risks.forEach(r -> System.out.println("AT RISK: " + r));
            return risks.isEmpty() ? 0 : 1;
        }
    }

    /**
     * Per scenario of this environment and provider, the last verdict and its age; a scheduled scenario that has
     * not passed within its schedule gets an {@code OVERDUE:} line. Overdue drills do not change the exit code,
     * which stays about the RPO and RTO at risk now.
     */
    private List<String> drills() throws Exception {
        try (AwsClients clients = ReportSourceOptions.clients(common.endpointUrl)) {
            return DrillOverview.lines(
                    reportSource.source(common.reportDirectory, clients),
                    scheduleFile,
                    common.environment,
                    common.provider,
                    Duration.ofDays(graceDays),
                    Instant.now());
        }
    }
}
