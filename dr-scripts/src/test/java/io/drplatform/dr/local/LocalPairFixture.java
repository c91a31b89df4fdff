package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.cli.DrCommand;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A local region pair for one end-to-end test class, driven through the CLI as on-call drives it: a private work
 * directory with the test manifest, {@code dr local up} with a 1 s health interval and threshold 3, and a shutdown
 * hook so that the servers never outlive the test JVM.
 */
final class LocalPairFixture {
    final Path work;
    final Path state;
    final Path reports;
    final Path manifest;
    private Thread cleanup;

    private LocalPairFixture(Path work) {
        this.work = work;
        this.state = work.resolve("state");
        this.reports = work.resolve("reports");
        this.manifest = work.resolve("drill-app.yaml");
    }

    /** Checks the servers are installed and prepares the work directory; {@link #up} starts the pair. */
    static LocalPairFixture prepare(String prefix) throws IOException {
        Assumptions.assumeTrue(
                PostgresServer.available(), "PostgreSQL server binaries missing (apt-get install postgresql)");
        Assumptions.assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(p -> Files.isExecutable(Path.of(p, "redis-server"))),
                "redis-server missing (apt-get install redis-server)");
        LocalPairFixture pair = new LocalPairFixture(Files.createTempDirectory(prefix));
        Files.copy(Path.of("src/test/resources/manifests/drill-app.yaml"), pair.manifest);
        return pair;
    }

    LocalPairFixture up(String... extraArgs) {
        cleanup = new Thread(() -> {
            try {
                LocalRegionPair.down(state, System.out);
            } catch (IOException ignored) {
                // best effort at JVM exit
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<String> args =
                new ArrayList<>(List.of("local", "up", "--health-interval-ms", "1000", "--failure-threshold", "3"));
        args.addAll(List.of(extraArgs));
        assertThat(dr(args.toArray(String[]::new))).isZero();
        return this;
    }

    void down() throws IOException {
        dr("local", "down");
        if (cleanup != null) {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        PostgresServer.deleteRecursively(work);
    }

    /** The CLI against this pair: its state directory and manifest, the local provider and its report directory. */
    int dr(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", state.toString(), "--manifest", manifest.toString()));
        if (!args[0].equals("local")) {
            all.addAll(List.of("--provider", "local", "--report-dir", reports.toString()));
        }
        return DrCommand.commandLine().execute(all.toArray(String[]::new));
    }

    LocalProvider provider() throws IOException {
        return new LocalProvider(state, null);
    }

    /** The newest report of a scenario, after checking its Markdown and SVG were written beside it. */
    DrillReport latest(String scenario) throws IOException {
        try (Stream<Path> dirs = Files.list(reports)) {
            DrillReport newest = null;
            Path newestDir = null;
            for (Path dir : dirs.filter(d -> d.getFileName().toString().contains(scenario))
                    .toList()) {
                DrillReport r = ReportWriter.read(dir.resolve("report.json"));
                if (r.scenario().equals(scenario)
                        && (newest == null || r.endedAt().isAfter(newest.endedAt()))) {
                    newest = r;
                    newestDir = dir;
                }
            }
            assertThat(newestDir).as("a %s report in %s", scenario, reports).isNotNull();
            assertThat(newestDir.resolve("report.md")).exists();
            assertThat(newestDir.resolve("timeline.svg")).exists();
            return newest;
        }
    }
}
