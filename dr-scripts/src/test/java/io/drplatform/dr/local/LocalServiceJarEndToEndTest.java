package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.report.DrillReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static LocalPairFixture pair;

    @BeforeAll
    static void up() throws Exception {
        Path built = Path.of("../service/target/service.jar");
        Assumptions.assumeTrue(
                Files.isRegularFile(built),
                "SKIPPED the service-jar end-to-end drills: "
                        + built.toAbsolutePath().normalize()
                        + " is not built (./mvnw -B -ntp -f service/pom.xml package); the stand-in drills still ran");
        pair = LocalPairFixture.prepare("dr-e2e-jar-");
        // A private copy: a concurrent rebuild of the service must not pull the jar from under running instances.
        Path jar = pair.work.resolve("service.jar");
        Files.copy(built, jar);
        pair.up("--service-jar", jar.toString());
    }

    @AfterAll
    static void down() throws IOException {
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
    void regionFailoverWithTheReferenceService() throws Exception {
        int exit = dr("drill", "region-failover", "--rto-target", "15");
        DrillReport report = latest("region-failover");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rto().seconds()).isNotNull().isLessThanOrEqualTo(15.0);
        assertThat(report.rpo().lostAcknowledgedWrites()).isNotNull();
        assertThat(report.measurements().heartbeatAcknowledged()).isPositive();
    }

    @Test
    @Order(2)
    void failbackWithTheReferenceServiceLosesNothing() throws Exception {
        int exit = dr("failback");
        DrillReport report = latest("failback");
        assertThat(report.verdict())
                .as("exit %s, notes %s", exit, report.notes())
                .isEqualTo(DrillReport.Verdict.PASS);
        assertThat(report.rpo().lostAcknowledgedWrites()).isZero();
        assertThat(pair.provider().activeRegion()).isEqualTo("us-east-1");
    }
}
