package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.contract.standin.Commands;
import io.drplatform.contract.template.Synthesis;
import io.drplatform.dr.cli.DrCommand;
import io.drplatform.dr.local.LocalRegionPair;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.ReportWriter;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A rehearsal of one environment of the reference manifest, driven through the DR tool's CLI as on-call drives it:
 * the environment synthesized as {@code ./platform synth} writes it, {@code dr local up} with the service jar the
 * build made, and {@code dr local down} at the end (also from a shutdown hook, so no server outlives the test JVM).
 */
final class Rehearsal {
    static final Path ROOT = Path.of(System.getProperty("repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path MANIFEST = ROOT.resolve("manifests/tco-calculator.yaml");

    final Path work;
    final Path state;
    final Path reports;
    final String environment;
    final Path manifest;
    private Thread cleanup;

    private Rehearsal(Path work, Path manifest, String environment) {
        this.work = work;
        this.state = work.resolve("state");
        this.reports = work.resolve("reports");
        this.manifest = manifest;
        this.environment = environment;
    }

    /** The reference manifest's environment, synthesized and brought up; fails the test class if {@code up} fails. */
    static Rehearsal up(EnvironmentName environment) throws IOException {
        return up(MANIFEST, environment);
    }

    /** A manifest's environment, synthesized as {@code ./platform synth} writes it, and brought up. */
    static Rehearsal up(Path manifest, EnvironmentName environment) throws IOException {
        Rehearsal rehearsal = synthesize(manifest, environment);
        rehearsal.cleanup = new Thread(() -> {
            try {
                LocalRegionPair.down(rehearsal.state, System.out);
            } catch (IOException ignored) {
                // best effort at JVM exit
            }
        });
        Runtime.getRuntime().addShutdownHook(rehearsal.cleanup);
        assertThat(rehearsal.dr(rehearsal.upArguments()))
                .as("dr local up --manifest %s --environment %s", manifest.getFileName(), environment.id())
                .isZero();
        return rehearsal;
    }

    /** A manifest's environment synthesized into a fresh work directory, not brought up. */
    static Rehearsal synthesize(Path manifest, EnvironmentName environment) throws IOException {
        String name = manifest.getFileName().toString().replace(".yaml", "");
        Path work = ROOT.resolve("contract-tests/target/rehearsal-" + name + "-" + environment.id());
        Commands.deleteTree(work);
        Files.createDirectories(work);
        Rehearsal rehearsal = new Rehearsal(work, manifest, environment.id());
        Synthesis.assembly(manifest, environment, rehearsal.assembly());
        // A private copy: a concurrent rebuild of the service must not pull the jar from under running tasks.
        Files.copy(ROOT.resolve("service/target/service.jar"), rehearsal.serviceJar());
        return rehearsal;
    }

    Path assembly() {
        return work.resolve("cdk.out");
    }

    Path serviceJar() {
        return work.resolve("service.jar");
    }

    String[] upArguments() {
        return new String[] {
            "local",
            "up",
            "--assembly",
            assembly().toString(),
            "--service-jar",
            serviceJar().toString()
        };
    }

    void down() throws IOException {
        dr("local", "down");
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    /** The CLI against this rehearsal: its state directory, manifest and environment, and for drills its reports. */
    int dr(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        // Before a `--`: what follows it is a program's command line (dr local run), not options of the tool.
        int end = all.indexOf("--") < 0 ? all.size() : all.indexOf("--");
        List<String> options = new ArrayList<>(List.of(
                "--state-dir", state.toString(), "--manifest", manifest.toString(), "--environment", environment));
        if (!args[0].equals("local")) {
            options.addAll(List.of("--provider", "local", "--report-dir", reports.toString()));
        }
        all.addAll(end, options);
        return DrCommand.commandLine().execute(all.toArray(String[]::new));
    }

    /** What a CLI command printed, with its exit code. */
    record Run(int exit, String output) {}

    /** The CLI as {@link #dr}, its standard output captured (and still shown). */
    Run capture(String... args) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        original.write(b);
                        printed.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        original.write(b, off, len);
                        printed.write(b, off, len);
                    }
                },
                true,
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            return new Run(dr(args), printed.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
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
