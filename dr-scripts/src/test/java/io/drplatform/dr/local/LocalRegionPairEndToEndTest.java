package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.report.DrillReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local provider end to end, through the CLI as on-call runs it: a real PostgreSQL primary and streaming
 * standby, Redis and a stand-in service per region, and the failover entry point with a 1 s interval and
 * threshold 3. Region failover must meet RTO 15 s with RPO measured; failback must lose no acknowledged write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRegionPairEndToEndTest {
    static LocalPairFixture pair;
    static Path state;
    static Path reports;

    @BeforeAll
    static void up() throws Exception {
        pair = LocalPairFixture.prepare("dr-e2e-").up();
        state = pair.state;
        reports = pair.reports;
    }

    @AfterAll
    static void down() throws Exception {
        if (pair != null) {
            pair.down();
        }
    }

    static int dr(String... args) {
        return pair.dr(args);
    }

    static DrillReport latest(String scenario) throws IOException {
        return pair.latest(scenario);
    }

    @Test
    @Order(1)
    void statusOfAHealthyPairIsGreen() {
        assertThat(dr("status")).isZero();
    }

    @Test
    @Order(2)
    void dryRunChangesNothing() throws Exception {
        LocalProvider provider = new LocalProvider(state, null);
        assertThat(dr("drill", "region-failover", "--dry-run")).isZero();
        assertThat(provider.activeRegion()).isEqualTo("us-east-1");
        assertThat(provider.databases().standbyReplicating("us-west-2")).isTrue();
    }

    @Test
    @Order(3)
    void firingAlarmAbortsTheDrillBeforeAnyChange() throws Exception {
        assertThat(dr("local", "alarm", "replica-lag-high")).isZero();
        try {
            assertThat(dr("drill", "region-failover", "--rto-target", "15")).isEqualTo(3);
            DrillReport report = latest("region-failover");
            assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
            assertThat(new LocalProvider(state, null).activeRegion()).isEqualTo("us-east-1");
        } finally {
            assertThat(dr("local", "alarm", "replica-lag-high", "--clear")).isZero();
        }
    }

    @Test
    @Order(4)
    void alarmFiringAfterTheFaultAbortsAndRollsTheFaultBack() throws Exception {
        LocalProvider provider = new LocalProvider(state, null);
        // The alarm fires as soon as the fault is in: the drill must stop before promoting and undo the fault.
        io.drplatform.dr.engine.StopCondition alarm =
                () -> Files.exists(provider.state().fenceFile("us-east-1")) ? List.of("api-5xx") : List.of();
        var session = new io.drplatform.dr.drill.DrillSession(
                "region-failover",
                "local",
                new io.drplatform.dr.drill.DrillSettings(
                        "staging",
                        reports,
                        false,
                        15,
                        60,
                        java.time.Duration.ofMillis(100),
                        java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofSeconds(1)));
        var steps = new io.drplatform.dr.drill.RegionFailoverDrill(
                        provider,
                        session,
                        io.drplatform.dr.drill.RegionFailoverDrill.Mode.DRILL,
                        io.drplatform.dr.provider.FailoverBudgets.NONE)
                .steps("us-east-1", "us-west-2");
        var run = new io.drplatform.dr.engine.DrillEngine(new io.drplatform.dr.engine.Progress(System.out), alarm)
                .run(steps, false);
        DrillReport report = session.finish(run);

        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
        assertThat(report.steps())
                .anyMatch(s -> s.name().startsWith("rollback: inject fault")
                        && s.status().equals("ROLLED_BACK"));
        assertThat(provider.activeRegion()).isEqualTo("us-east-1");
        assertThat(provider.databaseRole("us-west-2")).isEqualTo("replica");
        // the restarted primary streams to the standby again and the entry point answers from it
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!provider.databases().standbyReplicating("us-west-2") && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(provider.databases().standbyReplicating("us-west-2")).isTrue();
        while (!"us-east-1".equals(provider.entryPointStatus().get("answering").asText()) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(dr("status")).isZero();
    }

    @Test
    @Order(5)
    void regionFailoverMeetsTheLocalRtoAndMeasuresRpo() throws Exception {
        int exit = dr("drill", "region-failover", "--rto-target", "15", "--rpo-target", "5");
        DrillReport report = latest("region-failover");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(exit).isZero();
        assertThat(report.rto().seconds()).isNotNull().isPositive().isLessThanOrEqualTo(15.0);
        assertThat(report.rpo().lostAcknowledgedWrites()).isNotNull();
        assertThat(report.rpo().windowSeconds()).isNotNull();
        assertThat(report.milestones())
                .containsKeys(
                        "fault injected",
                        "failure detected",
                        "standby promoted",
                        "routing switched",
                        "first accepted write");
        assertThat(report.measurements().heartbeatAcknowledged()).isPositive();
        assertThat(report.measurements().replicaBytesBehind()).isNotNull();
        assertThat(new LocalProvider(state, null).activeRegion()).isEqualTo("us-west-2");
    }

    @Test
    @Order(6)
    void failbackIsAPlannedSwitchoverThatLosesNoAcknowledgedWrite() throws Exception {
        int exit = dr("failback", "--rto-target", "15");
        DrillReport report = latest("failback");
        assertThat(report.verdict()).as("notes %s", report.notes()).isEqualTo(DrillReport.Verdict.PASS);
        assertThat(exit).isZero();
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(report.measurements().heartbeatAcknowledged()).isPositive();
        LocalProvider provider = new LocalProvider(state, null);
        assertThat(provider.activeRegion()).isEqualTo("us-east-1");
        assertThat(provider.databases().standbyReplicating("us-west-2")).isTrue();
        assertThat(dr("status")).isZero();
    }

    @Test
    @Order(8)
    void realFailoverAfterThePrimaryDiedIgnoresAlarmsAndMeasuresRto() throws Exception {
        LocalProvider provider = new LocalProvider(state, null);
        provider.state().postgres("us-east-1").stop("immediate");
        assertThat(dr("local", "alarm", "primary-down")).isZero();

        int exit = dr("failover", "--rto-target", "15");

        DrillReport report = latest("failover");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rto().seconds()).isNotNull().isLessThanOrEqualTo(15.0);
        assertThat(report.rpo().lostAcknowledgedWrites()).isNull();
        assertThat(report.notes()).anyMatch(n -> n.contains("cannot count lost writes"));
        assertThat(provider.activeRegion()).isEqualTo("us-west-2");
        assertThat(dr("local", "alarm", "primary-down", "--clear")).isZero();
    }

    @Test
    @Order(7)
    void dbFailoverIsHonestlyUnsupportedLocally() {
        PrintStream err = System.err;
        assertThat(dr("drill", "db-failover")).isEqualTo(2);
        assertThat(System.err).isSameAs(err);
    }
}
