package io.drplatform.dr.cli;

import io.drplatform.dr.aws.AwsClients;
import io.drplatform.dr.history.DrillHistory;
import io.drplatform.dr.history.HistorySvg;
import io.drplatform.dr.history.HistoryTable;
import io.drplatform.dr.history.Objectives;
import io.drplatform.dr.history.RecordedDrill;
import io.drplatform.dr.history.ReportSource;
import io.drplatform.dr.history.SeriesKey;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Recorded drills over time: RTO and RPO per scenario against the manifest's dr.rtoSeconds and dr.rpoSeconds,"
                    + " flagging a regression (more than 1.5 x the median of the previous five runs of the same scenario,"
                    + " provider and environment; at least three earlier runs needed).",
            "Exit 0 when the newest run of every series shown is no regression, 1 when one is, 2 on a usage error."
        })
public class HistoryCommand implements Callable<Integer> {
    @Option(
            names = {"--reports", "--report-dir"},
            description = "directory of drill reports, as dr drill writes them (default: ${DEFAULT-VALUE})",
            defaultValue = "drill-reports")
    Path reports;

    @Mixin
    ReportSourceOptions source;

    @Option(
            names = "--manifest",
            description = "application manifest with the objectives (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:DR_MANIFEST:-manifests/tco-calculator.yaml}")
    Path manifest;

    @Option(names = "--scenario", description = "only this scenario (region-failover, db-failover, ...)")
    String scenario;

    @Option(names = "--provider", description = "only this provider (aws or local)")
    String provider;

    @Option(
            names = {"--env", "--environment"},
            description = "only this environment")
    String environment;

    @Option(names = "--svg", description = "also write the chart of RTO and RPO per scenario over time to this file")
    Path svg;

    @Option(
            names = "--endpoint-url",
            description = "AWS: send every API call to this endpoint (testing)",
            hidden = true)
    String endpointUrl;

    @Override
    public Integer call() throws Exception {
        List<String> skipped = new ArrayList<>();
        List<RecordedDrill> drills;
        String from;
        try (AwsClients clients = ReportSourceOptions.clients(endpointUrl)) {
            ReportSource reportSource = source.source(reports, clients);
            from = reportSource.describe();
            drills = reportSource.read(skipped);
        }
        skipped.forEach(s -> System.err.println("skipped " + s));
        DrillHistory history = DrillHistory.of(drills, objectives()).only(scenario, provider, environment);
        if (history.isEmpty()) {
            System.out.println("no recorded drills in " + from + filters());
        } else {
            System.out.print(HistoryTable.render(history));
        }
        if (svg != null) {
            Path parent = svg.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(svg, HistorySvg.render(history));
            System.out.println("chart: " + svg);
        }
        List<SeriesKey> regressed = history.latest().values().stream()
                .filter(r -> r.regressed())
                .map(r -> r.series())
                .toList();
        regressed.forEach(k -> System.out.println("REGRESSION: the newest " + k + " drill"));
        return regressed.isEmpty() ? 0 : 1;
    }

    private String filters() {
        List<String> f = new ArrayList<>();
        if (scenario != null) {
            f.add("scenario " + scenario);
        }
        if (provider != null) {
            f.add("provider " + provider);
        }
        if (environment != null) {
            f.add("environment " + environment);
        }
        return f.isEmpty() ? "" : " for " + String.join(", ", f);
    }

    /** Objectives by environment id, from the manifest; none when the manifest or the environment is absent. */
    private Function<String, Objectives> objectives() {
        if (manifest == null || !Files.exists(manifest)) {
            System.err.println("manifest " + manifest + " not found: objectives not shown (pass --manifest)");
            return env -> Objectives.NONE;
        }
        ApplicationManifest m = ManifestLoader.load(manifest);
        return env -> EnvironmentName.fromId(env)
                .map(m::deployment)
                .map(Deployment::dr)
                .map(dr -> new Objectives(dr.rtoSeconds(), dr.rpoSeconds()))
                .orElse(Objectives.NONE);
    }
}
