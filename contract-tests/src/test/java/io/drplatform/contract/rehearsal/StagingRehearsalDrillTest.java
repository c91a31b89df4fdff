package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillSettings;
import io.drplatform.dr.drill.RegionFailoverDrill;
import io.drplatform.dr.engine.DrillEngine;
import io.drplatform.dr.engine.Progress;
import io.drplatform.dr.engine.StopCondition;
import io.drplatform.dr.local.LocalInventory;
import io.drplatform.dr.local.LocalProvider;
import io.drplatform.dr.provider.FailoverBudgets;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reference manifest's staging deployment rehearsed as synthesized, with the real service, and every local
 * drill run against it through the CLI: the safety rails (dry run, alarms before and after the fault), a region
 * failover, a failback that loses nothing, and a real failover after the primary died. Targets are the manifest's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StagingRehearsalDrillTest {
    static Rehearsal rehearsal;

    @BeforeAll
    static void up() throws IOException {
        rehearsal = Rehearsal.up(EnvironmentName.STAGING);
    }

    @AfterAll
    static void down() throws IOException {
        if (rehearsal != null) {
            rehearsal.down();
        }
    }

    static int dr(String... args) {
        return rehearsal.dr(args);
    }

    static LocalProvider provider() throws IOException {
        return new LocalProvider(rehearsal.state, null);
    }

    @Test
    @Order(10)
    void everyTemplateResourceRunsUnderItsLogicalId() throws IOException {
        List<LocalInventory.Row> rows = LocalInventory.rows(rehearsal.state);
        assertThat(rows)
                .extracting(LocalInventory.Row::logicalId, LocalInventory.Row::health)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("DatabaseInstanceAA8A5FDE", "primary"),
                        org.assertj.core.groups.Tuple.tuple("RegionDatabaseInstance9C245000", "replica"),
                        org.assertj.core.groups.Tuple.tuple("FailoverRecords", "answering from us-east-1"));
        assertThat(rows)
                .filteredOn(
                        r -> r.stack().endsWith("us-east-1") && r.logicalId().startsWith("Servicesapi"))
                .singleElement()
                .satisfies(r -> assertThat(r.health()).isEqualTo("task running, target healthy"));
        assertThat(rows)
                .filteredOn(r -> r.stack().endsWith("us-west-2") && r.kind().startsWith("service"))
                .allSatisfy(r -> assertThat(r.health())
                        .as("staging's standby runs no tasks")
                        .isEqualTo("no task running"));
        assertThat(rows)
                .filteredOn(r -> r.logicalId().startsWith("Servicesweb"))
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo("service (placeholder)"));
        assertThat(dr("local", "status")).isZero();
    }

    @Test
    @Order(15)
    void theDeployWorkflowsSmokeTestPassesThroughTheEntryPoint() throws Exception {
        Rehearsal.Run url = rehearsal.capture("local", "status", "--url");
        assertThat(url.exit()).isZero();
        Process smoke = new ProcessBuilder(
                        Rehearsal.ROOT.resolve(".github/scripts/smoke-test.sh").toString(),
                        url.output().trim())
                .inheritIO()
                .start();
        assertThat(smoke.waitFor())
                .as("smoke-test.sh against %s", url.output().trim())
                .isZero();
    }

    @Test
    @Order(20)
    void statusOfAHealthyRehearsalIsGreen() {
        assertThat(dr("status")).isZero();
    }

    @Test
    @Order(30)
    void dryRunChangesNothing() throws Exception {
        assertThat(dr("drill", "region-failover", "--dry-run")).isZero();
        assertThat(provider().activeRegion()).isEqualTo("us-east-1");
        assertThat(provider().databases().standbyReplicating("us-west-2")).isTrue();
    }

    @Test
    @Order(40)
    void firingAlarmAbortsTheDrillBeforeAnyChange() throws Exception {
        assertThat(dr("local", "alarm", "replica-lag-high")).isZero();
        try {
            assertThat(dr("drill", "region-failover")).isEqualTo(3);
            assertThat(rehearsal.latest("region-failover").verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
            assertThat(provider().activeRegion()).isEqualTo("us-east-1");
        } finally {
            assertThat(dr("local", "alarm", "replica-lag-high", "--clear")).isZero();
        }
    }

    @Test
    @Order(50)
    void alarmFiringAfterTheFaultAbortsAndRollsTheFaultBack() throws Exception {
        LocalProvider provider = provider();
        // The alarm fires as soon as the fault is in: the drill must stop before promoting and undo the fault.
        StopCondition alarm =
                () -> Files.exists(provider.state().fenceFile("us-east-1")) ? List.of("api-5xx") : List.of();
        DrillSession session = new DrillSession(
                "region-failover",
                "local",
                new DrillSettings(
                        "staging",
                        rehearsal.reports,
                        false,
                        900,
                        60,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(1)));
        var steps = new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.DRILL, FailoverBudgets.NONE)
                .steps("us-east-1", "us-west-2");
        DrillReport report = session.finish(new DrillEngine(new Progress(System.out), alarm).run(steps, false));

        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
        assertThat(report.steps())
                .anyMatch(s -> s.name().startsWith("rollback: inject fault")
                        && s.status().equals("ROLLED_BACK"));
        assertThat(provider.activeRegion()).isEqualTo("us-east-1");
        assertThat(provider.databaseRole("us-west-2")).isEqualTo("replica");
        // The restarted primary streams to the standby again and the entry point answers from it.
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end && dr("status") != 0) {
            Thread.sleep(500);
        }
        assertThat(provider.databases().standbyReplicating("us-west-2")).isTrue();
        assertThat(dr("status")).isZero();
    }

    @Test
    @Order(60)
    void regionFailoverMeetsTheTargetsWithTheRealServiceAndProjectsTheDeployedRto() throws Exception {
        int exit = dr("drill", "region-failover");
        DrillReport report = rehearsal.latest("region-failover");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(exit).isZero();
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(report.milestones())
                .containsKeys(
                        "fault injected",
                        "failure detected",
                        "standby promoted",
                        "routing switched",
                        "first accepted write");
        assertThat(report.measurements().heartbeatAcknowledged()).isPositive();
        // Route 53 checks every 10 s in the template and 1 s here, 3 to fail over; new targets healthy after 2
        // checks of 15 s (1.5 s here): the deployed timing adds (3 + 3) * 9 = 54 s.
        assertThat(report.timing().scale()).isEqualTo(0.1);
        assertThat(report.timing().projectedRtoSeconds() - report.rto().seconds())
                .isCloseTo(54.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(provider().activeRegion()).isEqualTo("us-west-2");
    }

    @Test
    @Order(70)
    void failbackIsAPlannedSwitchoverThatLosesNoAcknowledgedWrite() throws Exception {
        int exit = dr("failback");
        DrillReport report = rehearsal.latest("failback");
        assertThat(report.verdict()).as("notes %s", report.notes()).isEqualTo(DrillReport.Verdict.PASS);
        assertThat(exit).isZero();
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(report.measurements().heartbeatAcknowledged()).isPositive();
        assertThat(provider().activeRegion()).isEqualTo("us-east-1");
        assertThat(provider().databases().standbyReplicating("us-west-2")).isTrue();
        assertThat(dr("status")).isZero();
    }

    @Test
    @Order(80)
    void dbFailoverIsHonestlyUnsupportedLocally() {
        assertThat(dr("drill", "db-failover")).isEqualTo(2);
    }

    @Test
    @Order(90)
    void realFailoverAfterThePrimaryDiedIgnoresAlarmsAndMeasuresRto() throws Exception {
        LocalProvider provider = provider();
        provider.state().postgres("us-east-1").stop("immediate");
        assertThat(dr("local", "alarm", "primary-down")).isZero();

        int exit = dr("failover");

        DrillReport report = rehearsal.latest("failover");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rto().seconds()).isNotNull().isPositive();
        assertThat(report.rpo().lostAcknowledgedWrites()).isNull();
        assertThat(report.notes()).anyMatch(n -> n.contains("cannot count lost writes"));
        assertThat(provider.activeRegion()).isEqualTo("us-west-2");
        assertThat(dr("local", "alarm", "primary-down", "--clear")).isZero();
    }
}
