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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same drills with the reference service (service/target/service.jar) in each region instead of the stand-in:
 * JWT-authenticated heartbeat writes, deep health by write probe while the service has no /health/deep. Skipped,
 * with the reason, when the service jar has not been built (the reactor builds service before dr-scripts).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalServiceJarEndToEndTest {
    static Path work;
    static Path state;
    static Path reports;
    static Path manifest;
    static Thread cleanup;

    @BeforeAll
    static void up() throws Exception {
        Path built = Path.of("../service/target/service.jar");
        Assumptions.assumeTrue(Files.isRegularFile(built),
                "SKIPPED the service-jar end-to-end drills: " + built.toAbsolutePath().normalize()
                        + " is not built (./mvnw -B -ntp -f service/pom.xml package); the stand-in drills still ran");
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL server binaries missing (apt-get install postgresql)");
        work = Files.createTempDirectory("dr-e2e-jar-");
        state = work.resolve("state");
        reports = work.resolve("reports");
        manifest = work.resolve("drill-app.yaml");
        Files.copy(Path.of("src/test/resources/manifests/drill-app.yaml"), manifest);
        // A private copy: a concurrent rebuild of the service must not pull the jar from under running instances.
        Path jar = work.resolve("service.jar");
        Files.copy(built, jar);
        cleanup = new Thread(() -> {
            try {
                LocalRegionPair.down(state, System.out);
            } catch (IOException ignored) {
                // best effort at JVM exit
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        assertThat(dr("local", "up", "--health-interval-ms", "1000", "--failure-threshold", "3", "--service-jar", jar.toString())).isZero();
    }

    @AfterAll
    static void down() throws IOException {
        if (state != null) {
            dr("local", "down");
            Runtime.getRuntime().removeShutdownHook(cleanup);
            PostgresServer.deleteRecursively(work);
        }
    }

    static int dr(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", state.toString(), "--manifest", manifest.toString()));
        if (!args[0].equals("local")) {
            all.addAll(List.of("--provider", "local", "--report-dir", reports.toString()));
        }
        return DrCommand.commandLine().execute(all.toArray(String[]::new));
    }

    static DrillReport latest(String scenario) throws IOException {
        try (Stream<Path> dirs = Files.list(reports)) {
            DrillReport newest = null;
            for (Path dir : dirs.filter(d -> d.getFileName().toString().contains(scenario)).toList()) {
                DrillReport r = ReportWriter.read(dir.resolve("report.json"));
                if (!r.scenario().equals(scenario)) {
                    continue;
                }
                newest = newest == null || r.endedAt().isAfter(newest.endedAt()) ? r : newest;
            }
            return newest;
        }
    }

    @Test
    @Order(1)
    void regionFailoverWithTheReferenceService() throws Exception {
        int exit = dr("drill", "region-failover", "--rto-target", "15");
        DrillReport report = latest("region-failover");
        assertThat(report.verdict()).as("exit %s, notes %s", exit, report.notes()).isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rto().seconds()).isNotNull().isLessThanOrEqualTo(15.0);
        assertThat(report.rpo().lostAcknowledgedWrites()).isNotNull();
        assertThat(report.measurements().heartbeatAcknowledged()).isPositive();
    }

    @Test
    @Order(2)
    void failbackWithTheReferenceServiceLosesNothing() throws Exception {
        int exit = dr("failback");
        DrillReport report = latest("failback");
        assertThat(report.verdict()).as("exit %s, notes %s", exit, report.notes()).isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(new LocalProvider(state, null).activeRegion()).isEqualTo("us-east-1");
    }
}
