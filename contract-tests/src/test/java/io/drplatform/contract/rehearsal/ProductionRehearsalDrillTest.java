package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.local.LocalProvider;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reference manifest's production deployment rehearsed as synthesized, with the real service: a region
 * failover and a failback against the manifest's targets, losing no acknowledged write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionRehearsalDrillTest {
    static Rehearsal rehearsal;

    @BeforeAll
    static void up() throws IOException {
        rehearsal = Rehearsal.up(EnvironmentName.PRODUCTION);
    }

    @AfterAll
    static void down() throws IOException {
        if (rehearsal != null) {
            rehearsal.down();
        }
    }

    @Test
    @Order(1)
    void regionFailoverPassesWithTheRealService() throws Exception {
        int exit = rehearsal.dr("drill", "region-failover", "--allow-production", "--yes");
        DrillReport report = rehearsal.latest("region-failover");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(report.timing().projectedRtoSeconds())
                .isGreaterThan(report.rto().seconds());
        assertThat(new LocalProvider(rehearsal.state, null).activeRegion()).isEqualTo("us-west-2");
    }

    @Test
    @Order(2)
    void failbackLosesNoAcknowledgedWrite() throws Exception {
        int exit = rehearsal.dr("failback", "--allow-production", "--yes");
        DrillReport report = rehearsal.latest("failback");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(new LocalProvider(rehearsal.state, null).activeRegion()).isEqualTo("us-east-1");
    }
}
