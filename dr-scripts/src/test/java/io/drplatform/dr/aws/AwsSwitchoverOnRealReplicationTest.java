package io.drplatform.dr.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.drplatform.dr.aws.AwsWire.cbor;
import static io.drplatform.dr.aws.AwsWire.cloudWatch;
import static io.drplatform.dr.aws.AwsWire.dbInstanceAt;
import static io.drplatform.dr.aws.AwsWire.describeResult;
import static io.drplatform.dr.aws.AwsWire.healthCheck;
import static io.drplatform.dr.aws.AwsWire.healthStatus;
import static io.drplatform.dr.aws.AwsWire.json;
import static io.drplatform.dr.aws.AwsWire.jsonBody;
import static io.drplatform.dr.aws.AwsWire.rds;
import static io.drplatform.dr.aws.AwsWire.rdsError;
import static io.drplatform.dr.aws.AwsWire.rdsXml;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.drplatform.dr.drill.DrillScenario;
import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillSettings;
import io.drplatform.dr.drill.SwitchoverOperation;
import io.drplatform.dr.engine.DrillEngine;
import io.drplatform.dr.engine.DrillRun;
import io.drplatform.dr.engine.Progress;
import io.drplatform.dr.local.PostgresServer;
import io.drplatform.dr.rehearsal.edge.TlsCertificate;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS provider's database half on real replication: the control plane (RDS, SSM, Secrets Manager, ECS,
 * Route 53, CloudWatch) is WireMock at the wire, the two databases are a real PostgreSQL primary and streaming
 * standby on loopback, and "RDS" promotes the standby for real when asked. A planned switchover must fence the
 * old region through the service's own table, wait for replay by WAL position, and lose no acknowledged write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsSwitchoverOnRealReplicationTest {
    static final String EAST_DB = "drill-app-staging-east";
    static final String WEST_DB = "drill-app-staging-west";
    static final String SOURCE_ARN = "arn:aws:rds:us-east-1:111122223333:db:" + EAST_DB;
    static final String EAST_SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:drill-app-staging-db";
    static final String WEST_SECRET = "arn:aws:secretsmanager:us-west-2:111122223333:secret:drill-app-staging-db";
    static final Path MIGRATIONS = Path.of("../service/src/main/resources/db/migration");

    static Path work;
    static PostgresServer east;
    static PostgresServer west;
    static Deployment deployment;

    WireMockServer wire;
    static final String MASTER = "drill_master";
    static final String MASTER_PASSWORD = UUID.randomUUID().toString().replace("-", "");

    AwsProvider provider;
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(terminal, true, StandardCharsets.UTF_8));

    @TempDir
    Path reports;

    @BeforeAll
    static void regionPair() throws Exception {
        Assumptions.assumeTrue(
                PostgresServer.available(), "PostgreSQL server binaries missing (apt-get install postgresql)");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        deployment = ManifestLoader.load(Path.of("src/test/resources/manifests/drill-app.yaml"))
                .deployment(EnvironmentName.STAGING);
        work = Files.createTempDirectory("dr-aws-pg-");
        // The servers run as postgres (when the tests run as root): it must reach its data directories.
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path adminPassword = work.resolve("admin-password");
        Files.writeString(adminPassword, UUID.randomUUID().toString());
        Path tlsDirectory = Files.createDirectories(work.resolve("tls"));
        TlsCertificate tls = TlsCertificate.create(tlsDirectory, List.of("127.0.0.1"));
        east = new PostgresServer(work.resolve("east"), "127.0.0.1", freePort(), adminPassword);
        east.initPrimary(
                tls.certificate(),
                tls.key(),
                MASTER,
                MASTER_PASSWORD,
                deployment.database().databaseName());
        // The service's own schema, so the fence is the one the service checks.
        try (Connection c = connect(east)) {
            for (String migration : List.of("V1__calculations.sql", "V2__region_fence.sql")) {
                c.createStatement().execute(Files.readString(MIGRATIONS.resolve(migration)));
            }
        }
        west = new PostgresServer(work.resolve("west"), "127.0.0.1", freePort(), adminPassword);
        west.initStandbyOf(east, "west_slot");
        west.start();
    }

    @AfterAll
    static void stopPair() throws Exception {
        for (PostgresServer server : new PostgresServer[] {west, east}) {
            if (server != null) {
                server.stop("fast");
            }
        }
        if (work != null) {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** As the master user, over TLS, as the service's migration and the tool reach RDS. */
    static Connection connect(PostgresServer server) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", MASTER);
        props.setProperty("password", MASTER_PASSWORD);
        props.setProperty("sslmode", "require");
        return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/"
                        + deployment.database().databaseName(),
                props);
    }

    /** What RDS does on PromoteReadReplica, done for real to the standby. */
    static final class RdsPromotesTheStandby implements ServeEventListener {
        @Override
        public String getName() {
            return "rds-promotes-the-standby";
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            if (event.getRequest().getBodyAsString().contains("Action=PromoteReadReplica")) {
                try (Connection c = west.connect();
                        ResultSet rs = c.createStatement().executeQuery("SELECT pg_promote(true, 60)")) {
                    rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @BeforeEach
    void controlPlane() {
        wire = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(new RdsPromotesTheStandby()));
        wire.start();
        ssm(
                "us-east-1",
                Map.of(
                        PlatformParameters.DB_INSTANCE_ID,
                        EAST_DB,
                        PlatformParameters.DB_SECRET_ARN,
                        EAST_SECRET,
                        PlatformParameters.ECS_CLUSTER,
                        "east-cluster",
                        PlatformParameters.ECS_SERVICES,
                        "drill-app-staging-api"));
        ssm(
                "us-west-2",
                Map.of(
                        PlatformParameters.DB_INSTANCE_ID,
                        WEST_DB,
                        PlatformParameters.DB_SECRET_ARN,
                        WEST_SECRET,
                        PlatformParameters.ECS_CLUSTER,
                        "west-cluster",
                        PlatformParameters.ECS_SERVICES,
                        "drill-app-staging-api"));
        AwsWire.parameters(wire);
        AwsWire.parameter(wire, PlatformParameters.healthCheckId(deployment, "us-east-1"), "hc-east");
        AwsWire.parameter(wire, PlatformParameters.healthCheckId(deployment, "us-west-2"), "hc-west");
        // The master user's secret, as RDS generated it.
        wire.stubFor(json("secretsmanager.GetSecretValue")
                .willReturn(jsonBody("{\"ARN\":\"" + EAST_SECRET + "\",\"Name\":\"drill-app-staging-db\","
                        + "\"SecretString\":\"{\\\"username\\\":\\\"" + MASTER + "\\\",\\\"password\\\":\\\""
                        + MASTER_PASSWORD + "\\\"}\"}")));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=" + EAST_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstanceAt(EAST_DB, "available", null, east.port())))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=" + WEST_DB))
                .inScenario("west")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstanceAt(WEST_DB, "available", SOURCE_ARN, west.port())))));
        wire.stubFor(rds("PromoteReadReplica")
                .inScenario("west")
                .willSetStateTo("promoted")
                .willReturn(rdsXml("PromoteReadReplica", dbInstanceAt(WEST_DB, "modifying", SOURCE_ARN, west.port()))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=" + WEST_DB))
                .inScenario("west")
                .whenScenarioStateIs("promoted")
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstanceAt(WEST_DB, "available", null, west.port())))));
        wire.stubFor(
                json("AmazonEC2ContainerServiceV20141113.DescribeServices")
                        .willReturn(
                                jsonBody(
                                        "{\"services\":[{\"serviceName\":\"drill-app-staging-api\",\"desiredCount\":2,\"runningCount\":2}],\"failures\":[]}")));
        wire.stubFor(json("AmazonEC2ContainerServiceV20141113.UpdateService").willReturn(jsonBody("{\"service\":{}}")));
        wire.stubFor(
                healthCheck("hc-east").willReturn(healthStatus("Failure: HTTP Status Code 503, Service Unavailable")));
        wire.stubFor(healthCheck("hc-west").willReturn(healthStatus("Success: HTTP Status Code 200, OK")));
        wire.stubFor(cloudWatch("DescribeAlarms").willReturn(cbor(Map.of("MetricAlarms", List.of()))));
        wire.stubFor(cloudWatch("GetMetricData")
                .willReturn(cbor(Map.of(
                        "MetricDataResults",
                        List.of(Map.of(
                                "Id",
                                "m",
                                "Label",
                                "ReplicaLag",
                                "Values",
                                List.of(0.2),
                                "StatusCode",
                                "Complete"))))));
        provider = new AwsProvider(
                deployment,
                new AwsClients(URI.create(wire.baseUrl())),
                null,
                new AwsProvider.Timing(
                        Duration.ofMillis(10),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30)),
                new RegionDatabases.Settings(Map.of(), "require", null));
    }

    @AfterEach
    void stopControlPlane() {
        provider.close();
        wire.stop();
    }

    void ssm(String region, Map<String, String> values) {
        AwsWire.regionParameters(wire, deployment, region, values);
    }

    /**
     * The temporary instance's life as RDS reports it: created by {@code restoreAction}, available, deleted.
     * WireMock cannot restore anything: the "copy" it describes is the source server itself. The credentials path
     * (parameter, secret, SQL over the network) and the verification query are the real ones.
     */
    void temporaryInstance(String restoreAction) {
        wire.stubFor(rds(restoreAction)
                .willReturn(rdsXml(restoreAction, dbInstanceAt("dr-restore", "creating", null, east.port()))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=dr-restore"))
                .inScenario("tmp")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstanceAt("dr-restore-x", "available", null, east.port())))));
        wire.stubFor(rds("DeleteDBInstance")
                .inScenario("tmp")
                .willSetStateTo("gone")
                .willReturn(rdsXml("DeleteDBInstance", dbInstanceAt("dr-restore-x", "deleting", null, east.port()))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=dr-restore"))
                .inScenario("tmp")
                .whenScenarioStateIs("gone")
                .willReturn(rdsError(404, "DBInstanceNotFound", "not found")));
    }

    DrillSession session(String scenario) {
        return new DrillSession(
                scenario,
                "aws",
                new DrillSettings(
                        "staging",
                        reports,
                        false,
                        900,
                        60,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(5),
                        Duration.ZERO));
    }

    @Test
    @Order(1)
    void restoreDrillVerifiesTheCopyWithTheSourcesSecretInItsPrivateNetwork() throws Exception {
        try (Connection c = connect(east)) {
            c.createStatement()
                    .execute(
                            "INSERT INTO calculations (id, owner, created_at, region, request_hash, input, result)"
                                    + " SELECT gen_random_uuid(), 'restore-check', now(), 'us-east-1', 'h' || g, '{}', '{}' FROM generate_series(1, 7) g");
        }
        long expected;
        try (Connection c = connect(east);
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM calculations")) {
            rs.next();
            expected = rs.getLong(1);
        }
        wire.stubFor(rds("DescribeDBSnapshots")
                .willReturn(rdsXml(
                        "DescribeDBSnapshots",
                        "<DBSnapshots><DBSnapshot>"
                                + "<DBSnapshotIdentifier>rds:" + EAST_DB
                                + "-2026-12-01-03-00</DBSnapshotIdentifier><Status>available</Status>"
                                + "<SnapshotCreateTime>" + Instant.now().minusSeconds(1800)
                                + "</SnapshotCreateTime></DBSnapshot></DBSnapshots>")));
        temporaryInstance("RestoreDBInstanceFromDBSnapshot");
        DrillSession session = session("restore-backup");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing)
                .run(
                        provider.scenario(new DrillScenario.RestoreBackup(null))
                                .orElseThrow()
                                .apply(session),
                        false);
        DrillReport report = session.finish(run);

        assertThat(run.outcome()).as(run.reason()).isEqualTo(DrillRun.Outcome.COMPLETED);
        assertThat(run.steps())
                .anyMatch(s -> s.name().equals("run verification queries")
                        && s.detail().startsWith(expected + " calculations"));
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=RestoreDBInstanceFromDBSnapshot"))
                .withRequestBody(containing("DBSubnetGroupName=private-db-subnets"))
                .withRequestBody(containing("VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-0db"))
                .withRequestBody(containing("PubliclyAccessible=false")));
        wire.verify(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DeleteDBInstance")));
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(EAST_SECRET))));
        assertThat(report.rpo().windowSeconds()).isBetween(1790.0, 1900.0);
    }

    @Test
    @Order(1)
    void pointInTimeRestoreUsesTheLatestRestorableTimeAndReportsItsLagAsTheRpo() throws Exception {
        temporaryInstance("RestoreDBInstanceToPointInTime");
        DrillSession session = session("restore-backup");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing)
                .run(
                        provider.scenario(new DrillScenario.RestoreBackup(Instant.MAX))
                                .orElseThrow()
                                .apply(session),
                        false);
        DrillReport report = session.finish(run);

        assertThat(run.outcome()).as(run.reason()).isEqualTo(DrillRun.Outcome.COMPLETED);
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=RestoreDBInstanceToPointInTime"))
                .withRequestBody(containing("SourceDBInstanceIdentifier=" + EAST_DB))
                .withRequestBody(containing("RestoreTime="))
                .withRequestBody(containing("DBSubnetGroupName=private-db-subnets")));
        wire.verify(0, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeDBSnapshots")));
        // RPO of point-in-time recovery = how far the log backups trail now (RDS's LatestRestorableTime).
        assertThat(report.rpo().windowSeconds())
                .isBetween((double) AwsWire.LOG_BACKUP_LAG_SECONDS, AwsWire.LOG_BACKUP_LAG_SECONDS + 60.0);
        assertThat(report.notes())
                .anyMatch(n -> n.startsWith("RPO of a point-in-time restore = how far the log backups trail"))
                .noneMatch(n -> n.contains("age of the newest snapshot"));
    }

    @Test
    @Order(2)
    void failbackFencesThroughTheServiceTableWaitsForReplayAndLosesNoAcknowledgedWrite() throws Exception {
        // A writer in us-east-1 that writes the way the service does: the fence is checked in the same statement.
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Connection c = connect(east);
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO calculations (id, owner, created_at, region, request_hash, input, result)"
                                    + " SELECT gen_random_uuid(), 'heartbeat', now(), 'us-east-1', ?, '{}', '{}'"
                                    + " WHERE NOT EXISTS (SELECT 1 FROM region_fence WHERE active_region <> 'us-east-1')")) {
                for (int n = 1; !stop.get(); n++) {
                    insert.setString(1, Integer.toString(n));
                    if (insert.executeUpdate() == 1) {
                        acknowledged.add(n);
                    } else {
                        refused.incrementAndGet();
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        while (acknowledged.size() < 50) {
            Thread.sleep(20);
        }
        DrillSession session = session("failback");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing)
                .run(new SwitchoverOperation(provider, session).steps("us-east-1", "us-west-2", true), false);
        stop.set(true);
        writer.join(10_000);

        assertThat(run.outcome())
                .as(run.reason() + "\n" + terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo(DrillRun.Outcome.COMPLETED);
        assertThat(run.steps())
                .anyMatch(s -> s.name().startsWith("stop writes in us-east-1")
                        && s.detail().contains("region_fence set to us-west-2"));
        assertThat(run.steps())
                .anyMatch(s ->
                        s.name().startsWith("wait for us-west-2") && s.detail().contains("replayed everything up to"));
        assertThat(refused.get()).as("writes refused by the fence").isPositive();
        try (Connection c = connect(west)) {
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT pg_is_in_recovery(), (SELECT active_region FROM region_fence)")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("promoted").isFalse();
                assertThat(rs.getString(2)).isEqualTo("us-west-2");
            }
            PreparedStatement present = c.prepareStatement(
                    "SELECT count(*) FROM calculations WHERE owner = 'heartbeat' AND request_hash = ANY (?)");
            present.setArray(
                    1,
                    c.createArrayOf(
                            "text", acknowledged.stream().map(String::valueOf).toArray()));
            try (ResultSet rs = present.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("acknowledged writes present after the switchover")
                        .isEqualTo(acknowledged.size());
            }
        }
        try (Connection c = connect(east);
                ResultSet rs = c.createStatement().executeQuery("SELECT active_region FROM region_fence")) {
            rs.next();
            assertThat(rs.getString(1))
                    .as("the old primary stays fenced until the stacks rebuild it")
                    .isEqualTo("us-west-2");
        }
        // Writes stopped by the fence, not by taking the compute away: reads went on being served.
        wire.verify(
                0,
                postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                        .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("0"))));
        wire.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=PromoteReadReplica")));
        assertThat(session.finish(run).notes()).anyMatch(n -> n.contains("dr.activeRegion: us-west-2"));
    }
}
