package io.drplatform.dr.cli;

import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.provider.RegionState;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.ReportWriter;
import io.drplatform.manifest.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Per region: role, database state, replica lag, health check, which record answers, alarms, tasks; what a region outage does to sign-in; last drill. Exit 1 when the RPO or RTO target is at risk, 4 when the state could not be read.")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

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
            System.out.println(
                    "last drill: " + lastDrill(common.reportDirectory).orElse("none in " + common.reportDirectory));
            risks.forEach(r -> System.out.println("AT RISK: " + r));
            return risks.isEmpty() ? 0 : 1;
        }
    }

    static Optional<String> lastDrill(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(reports)) {
            Optional<Path> newest = dirs.filter(p -> Files.exists(p.resolve("report.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            DrillReport r = ReportWriter.read(newest.get().resolve("report.json"));
            return Optional.of(r.scenario() + " " + r.verdict() + " at " + r.endedAt() + " (" + newest.get() + ")");
        }
    }
}
