package io.drplatform.dr.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.drplatform.dr.aws.AwsWire.cbor;
import static io.drplatform.dr.aws.AwsWire.cloudWatch;
import static io.drplatform.dr.aws.AwsWire.dbInstance;
import static io.drplatform.dr.aws.AwsWire.describeResult;
import static io.drplatform.dr.aws.AwsWire.healthCheck;
import static io.drplatform.dr.aws.AwsWire.healthStatus;
import static io.drplatform.dr.aws.AwsWire.json;
import static io.drplatform.dr.aws.AwsWire.jsonBody;
import static io.drplatform.dr.aws.AwsWire.rds;
import static io.drplatform.dr.aws.AwsWire.rdsError;
import static io.drplatform.dr.aws.AwsWire.rdsXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.drplatform.dr.drill.DrillScenario;
import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillSettings;
import io.drplatform.dr.drill.RegionFailoverDrill;
import io.drplatform.dr.engine.DrillEngine;
import io.drplatform.dr.engine.DrillRun;
import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.engine.Progress;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.engine.StepStatus;
import io.drplatform.dr.engine.StopCondition;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS provider at the wire: real SDK clients against WireMock through endpointOverride. */
class AwsProviderWireTest {
    static final String PRIMARY_DB = "primary-east";
    static final String REPLICA_DB = "replica-west";
    static final String REPLICA_SOURCE = "arn:aws:rds:us-east-1:111122223333:db:primary-east";

    WireMockServer wire;
    AwsProvider provider;
    Deployment deployment;
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(terminal, true, StandardCharsets.UTF_8));

    @TempDir
    Path reports;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        deployment = ManifestLoader.load(Path.of("src/test/resources/manifests/drill-app.yaml"))
                .deployment(EnvironmentName.STAGING);
        ssm(
                "us-east-1",
                Map.of(
                        PlatformParameters.DB_INSTANCE_ID,
                        PRIMARY_DB,
                        PlatformParameters.ECS_CLUSTER,
                        "east-cluster",
                        PlatformParameters.ECS_SERVICES,
                        "drill-app-staging-api",
                        PlatformParameters.STOP_ALARMS,
                        "drill-app-staging-5xx"));
        ssm(
                "us-west-2",
                Map.of(
                        PlatformParameters.DB_INSTANCE_ID,
                        REPLICA_DB,
                        PlatformParameters.ECS_CLUSTER,
                        "west-cluster",
                        PlatformParameters.ECS_SERVICES,
                        "drill-app-staging-api"));
        // The health checks are the global stack's, published in us-east-1 under the names both sides share.
        AwsWire.parameters(wire);
        AwsWire.parameter(wire, PlatformParameters.healthCheckId(deployment, "us-east-1"), "hc-east");
        AwsWire.parameter(wire, PlatformParameters.healthCheckId(deployment, "us-west-2"), "hc-west");
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
                                List.of(0.5),
                                "StatusCode",
                                "Complete"))))));
        provider = provider(deployment);
    }

    AwsProvider provider(Deployment d) {
        return new AwsProvider(
                d,
                new AwsClients(URI.create(wire.baseUrl())),
                null,
                new AwsProvider.Timing(
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10)));
    }

    /** The test application with {@code dr.routingControl: true}. */
    static Deployment withRoutingControls(Path dir) throws java.io.IOException {
        Path manifest = dir.resolve("drill-app.yaml");
        java.nio.file.Files.writeString(
                manifest,
                java.nio.file.Files.readString(Path.of("src/test/resources/manifests/drill-app.yaml"))
                        .replace("  strategy: pilot-light", "  strategy: pilot-light\n  routingControl: true"));
        return ManifestLoader.load(manifest).deployment(EnvironmentName.STAGING);
    }

    @AfterEach
    void stop() {
        provider.close();
        wire.stop();
    }

    void ssm(String region, Map<String, String> values) {
        AwsWire.regionParameters(wire, deployment, region, values);
    }

    void ecs(String cluster, int desired, int running) {
        wire.stubFor(json("AmazonEC2ContainerServiceV20141113.DescribeServices")
                .withRequestBody(containing(cluster))
                .willReturn(jsonBody("{\"services\":[{\"serviceName\":\"drill-app-staging-api\",\"desiredCount\":"
                        + desired + ",\"runningCount\":" + running + "}],\"failures\":[]}")));
        wire.stubFor(json("AmazonEC2ContainerServiceV20141113.UpdateService").willReturn(jsonBody("{\"service\":{}}")));
    }

    StepContext context() {
        return StepContext.standalone(progress, StopCondition.NONE);
    }

    @Test
    void promotionPollsThroughModifyingUntilAvailable() throws Exception {
        wire.stubFor(rds("PromoteReadReplica")
                .willReturn(rdsXml("PromoteReadReplica", dbInstance(REPLICA_DB, "modifying", REPLICA_SOURCE, false))));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("promote")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "modifying", REPLICA_SOURCE, false))))
                .willSetStateTo("rebooting"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("promote")
                .whenScenarioStateIs("rebooting")
                .willReturn(
                        rdsXml("DescribeDBInstances", describeResult(dbInstance(REPLICA_DB, "rebooting", null, false))))
                .willSetStateTo("available"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("promote")
                .whenScenarioStateIs("available")
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance(REPLICA_DB, "available", null, false)))));

        String detail = provider.databases().promote("us-west-2").run(context());

        assertThat(detail).contains(REPLICA_DB + " promoted; status available");
        // No database answers here: the failover goes on and says the fence was not written.
        assertThat(detail).contains("region_fence NOT written on us-west-2");
        wire.verify(
                1,
                postRequestedFor(urlPathEqualTo("/"))
                        .withRequestBody(containing("Action=PromoteReadReplica"))
                        .withRequestBody(containing("DBInstanceIdentifier=" + REPLICA_DB)));
        wire.verify(
                moreThanOrExactly(3),
                postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances")));
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .contains("modifying (still a replica)", "rebooting", "available");
    }

    @Test
    void routingWaitsForRoute53FailureThenSuccessAndMarksDetection() throws Exception {
        wire.stubFor(healthCheck("hc-east")
                .inScenario("east")
                .whenScenarioStateIs(STARTED)
                .willReturn(healthStatus("Success: HTTP Status Code 200, OK"))
                .willSetStateTo("down"));
        wire.stubFor(healthCheck("hc-east")
                .inScenario("east")
                .whenScenarioStateIs("down")
                .willReturn(healthStatus("Failure: HTTP Status Code 503, Service Unavailable")));
        wire.stubFor(healthCheck("hc-west")
                .inScenario("west")
                .whenScenarioStateIs(STARTED)
                .willReturn(healthStatus("Failure: HTTP Status Code 503, Service Unavailable"))
                .willSetStateTo("s2"));
        wire.stubFor(healthCheck("hc-west")
                .inScenario("west")
                .whenScenarioStateIs("s2")
                .willReturn(healthStatus("Failure: HTTP Status Code 503, Service Unavailable"))
                .willSetStateTo("up"));
        wire.stubFor(healthCheck("hc-west")
                .inScenario("west")
                .whenScenarioStateIs("up")
                .willReturn(healthStatus("Success: HTTP Status Code 200, OK")));
        StepContext ctx = context();

        String detail =
                provider.routing().switchRouting("us-east-1", "us-west-2").run(ctx);

        assertThat(detail).contains("us-east-1 health check Failure, us-west-2 Success");
        assertThat(ctx.milestone(Milestone.DETECTION)).isNotNull();
        assertThat(ctx.milestone(Milestone.ROUTING_SWITCH)).isAfterOrEqualTo(ctx.milestone(Milestone.DETECTION));
    }

    @Test
    void throttledCallsAreRetriedWithBackoff() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsError(400, "Throttling", "Rate exceeded"))
                .willSetStateTo("ok"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("throttle")
                .whenScenarioStateIs("ok")
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));

        assertThat(provider.databases().standbyReplicating("us-west-2")).isTrue();
        wire.verify(2, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances")));
    }

    @Test
    void waiterGivesUpAtItsDeadlineWithAClearMessage() {
        wire.stubFor(rds("PromoteReadReplica")
                .willReturn(rdsXml("PromoteReadReplica", dbInstance(REPLICA_DB, "modifying", REPLICA_SOURCE, false))));
        wire.stubFor(rds("DescribeDBInstances")
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "modifying", REPLICA_SOURCE, false)))));
        AwsProvider impatient = new AwsProvider(
                deployment,
                new AwsClients(URI.create(wire.baseUrl())),
                null,
                new AwsProvider.Timing(
                        Duration.ofMillis(10),
                        Duration.ofMillis(20),
                        Duration.ofMillis(300),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1)));
        assertThatThrownBy(() -> impatient.databases().promote("us-west-2").run(context()))
                .hasMessageContaining("gave up waiting for promotion of " + REPLICA_DB)
                .hasMessageContaining("last seen: modifying (still a replica)");
        impatient.close();
    }

    private DrillSession session(String scenario) {
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
    void errorResponseFailsTheDrillAndRollsBackTheFault() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(REPLICA_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));
        wire.stubFor(rds("PromoteReadReplica")
                .willReturn(rdsError(400, "InvalidDBInstanceState", "DB instance is not a read replica.")));
        ecs("east-cluster", 2, 2);
        DrillSession session = session("region-failover");
        var steps = new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.DRILL, provider.budgets())
                .steps("us-east-1", "us-west-2");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing).run(steps, false);
        DrillReport report = session.finish(run);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.FAILED);
        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.FAIL);
        assertThat(run.reason()).contains("InvalidDbInstanceState").contains("not a read replica");
        assertThat(run.steps())
                .anyMatch(s -> s.name().startsWith("rollback: inject fault") && s.status() == StepStatus.ROLLED_BACK);
        // fault scaled the service to 0; rollback restored the remembered 2
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("0"))));
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("2"))));
        assertThat(reports.resolve(session.drillId()).resolve("report.json")).exists();
    }

    @Test
    void alarmFiringDuringTheDrillAbortsAndRollsBack() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(REPLICA_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));
        ecs("east-cluster", 3, 3);
        // As soon as the fault scales east down, east's 5xx alarm fires (the fault's own) and so does west's latency
        // alarm (trouble in the region taking over, which must stop the drill).
        alarmsFireWithTheFault(true);
        DrillSession session = session("region-failover");
        var steps = new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.DRILL, provider.budgets())
                .steps("us-east-1", "us-west-2");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing).run(steps, false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.ABORTED);
        assertThat(run.reason())
                .contains("us-west-2/drill-app-staging-west-p99")
                .doesNotContain("us-east-1/");
        assertThat(session.finish(run).verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
        wire.verify(0, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=PromoteReadReplica")));
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("3"))));
    }

    @Test
    void theFaultedRegionsOwnAlarmsDoNotStopTheDrill() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(REPLICA_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));
        wire.stubFor(rds("PromoteReadReplica").willReturn(rdsError(400, "InvalidDBInstanceState", "stop here")));
        ecs("east-cluster", 3, 3);
        alarmsFireWithTheFault(false);
        DrillSession session = session("region-failover");
        var steps = new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.DRILL, provider.budgets())
                .steps("us-east-1", "us-west-2");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing).run(steps, false);

        // It went on to promote (which this test refuses) instead of aborting on east's 5xx alarm.
        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.FAILED);
        assertThat(run.reason()).contains("stop here").doesNotContain("stop condition");
        wire.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=PromoteReadReplica")));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("alarms in us-east-1 are the fault's own");
    }

    /** Once the fault's UpdateService arrives: east's 5xx alarm fires, and west's latency alarm too if asked. */
    void alarmsFireWithTheFault(boolean westToo) {
        ssm(
                "us-west-2",
                Map.of(
                        PlatformParameters.DB_INSTANCE_ID,
                        REPLICA_DB,
                        PlatformParameters.ECS_CLUSTER,
                        "west-cluster",
                        PlatformParameters.ECS_SERVICES,
                        "drill-app-staging-api",
                        PlatformParameters.STOP_ALARMS,
                        "drill-app-staging-west-p99"));
        wire.stubFor(json("AmazonEC2ContainerServiceV20141113.UpdateService")
                .inScenario("alarm")
                .willReturn(jsonBody("{\"service\":{}}"))
                .willSetStateTo("fired"));
        wire.stubFor(cloudWatch("DescribeAlarms")
                .inScenario("alarm")
                .whenScenarioStateIs("fired")
                .withRequestBody(containing("drill-app-staging-5xx"))
                .willReturn(cbor(Map.of(
                        "MetricAlarms",
                        List.of(Map.of("AlarmName", "drill-app-staging-5xx", "StateValue", "ALARM"))))));
        wire.stubFor(cloudWatch("DescribeAlarms")
                .inScenario("alarm")
                .whenScenarioStateIs("fired")
                .withRequestBody(containing("drill-app-staging-west-p99"))
                .willReturn(cbor(Map.of(
                        "MetricAlarms",
                        westToo
                                ? List.of(Map.of("AlarmName", "drill-app-staging-west-p99", "StateValue", "ALARM"))
                                : List.of()))));
    }

    @Test
    void dbFailoverRebootsWithFailoverAndWaitsForAvailable() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("reboot")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance(PRIMARY_DB, "available", null, true)))));
        wire.stubFor(rds("RebootDBInstance")
                .inScenario("reboot")
                .willReturn(rdsXml("RebootDBInstance", dbInstance(PRIMARY_DB, "rebooting", null, true)))
                .willSetStateTo("rebooting"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("reboot")
                .whenScenarioStateIs("rebooting")
                .willReturn(
                        rdsXml("DescribeDBInstances", describeResult(dbInstance(PRIMARY_DB, "rebooting", null, true))))
                .willSetStateTo("back"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("reboot")
                .whenScenarioStateIs("back")
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance(PRIMARY_DB, "available", null, true)))));
        DrillSession session = session("db-failover");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing)
                .run(
                        provider.scenario(new DrillScenario.MultiAzFailover())
                                .orElseThrow()
                                .apply(session),
                        false);

        assertThat(run.outcome()).as(run.reason()).isEqualTo(DrillRun.Outcome.COMPLETED);
        assertThat(run.milestones()).containsKeys(Milestone.FAULT, Milestone.PROMOTION);
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=RebootDBInstance"))
                .withRequestBody(containing("ForceFailover=true")));
        // no entry point token: the drill says RTO/RPO were not measured instead of inventing them
        DrillReport report = session.finish(run);
        assertThat(report.rto().seconds()).isNull();
        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.FAIL);
        assertThat(report.notes()).anyMatch(n -> n.contains("cannot be measured"));
    }

    /** A provider whose reboot wait gives up after {@code reboot}; the other waits as in {@link #provider}. */
    AwsProvider withRebootDeadline(Duration reboot) {
        return new AwsProvider(
                deployment,
                new AwsClients(URI.create(wire.baseUrl())),
                null,
                new AwsProvider.Timing(
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        reboot,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10)));
    }

    DrillRun dbFailover(AwsProvider with, DrillSession session) {
        return new DrillEngine(progress, with.alarms()::firing)
                .run(
                        with.scenario(new DrillScenario.MultiAzFailover())
                                .orElseThrow()
                                .apply(session),
                        false);
    }

    @Test
    void dbFailoverThatIsOnlyEverAvailableIsNotReportedAsAFailover() throws Exception {
        // An emulator (or a reboot RDS ignored) answers available in the same zone throughout: no evidence.
        wire.stubFor(rds("DescribeDBInstances")
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(
                                AwsWire.dbInstanceInZones(PRIMARY_DB, "available", "us-east-1a", "us-east-1b")))));
        wire.stubFor(rds("RebootDBInstance")
                .willReturn(rdsXml(
                        "RebootDBInstance",
                        AwsWire.dbInstanceInZones(PRIMARY_DB, "rebooting", "us-east-1a", "us-east-1b"))));
        DrillSession session = session("db-failover");

        try (AwsProvider impatient = withRebootDeadline(Duration.ofMillis(800))) {
            DrillRun run = dbFailover(impatient, session);

            assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.FAILED);
            assertThat(run.reason())
                    .contains("no failover observed")
                    .contains("never seen rebooting")
                    .contains("still in us-east-1a");
            assertThat(run.milestones()).doesNotContainKey(Milestone.PROMOTION);
            DrillReport report = session.finish(run);
            assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.FAIL);
            assertThat(report.steps())
                    .anyMatch(s -> s.name().equals("reboot with failover")
                            && s.status().equals("FAILED")
                            && s.detail().contains("no failover observed"));
        }
    }

    @Test
    void dbFailoverAcceptsTheZoneSwapAsEvidenceWhenRebootingIsNeverSeen() throws Exception {
        // RDS can finish a failover between two polls: the primary then runs in what was the standby's zone.
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("swap")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(
                                AwsWire.dbInstanceInZones(PRIMARY_DB, "available", "us-east-1a", "us-east-1b")))));
        wire.stubFor(rds("RebootDBInstance")
                .inScenario("swap")
                .willReturn(rdsXml(
                        "RebootDBInstance",
                        AwsWire.dbInstanceInZones(PRIMARY_DB, "rebooting", "us-east-1a", "us-east-1b")))
                .willSetStateTo("same zone"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("swap")
                .whenScenarioStateIs("same zone")
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(AwsWire.dbInstanceInZones(PRIMARY_DB, "available", "us-east-1a", "us-east-1b"))))
                .willSetStateTo("swapped"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("swap")
                .whenScenarioStateIs("swapped")
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(
                                AwsWire.dbInstanceInZones(PRIMARY_DB, "available", "us-east-1b", "us-east-1a")))));
        DrillSession session = session("db-failover");

        DrillRun run = dbFailover(provider, session);

        assertThat(run.outcome()).as(run.reason()).isEqualTo(DrillRun.Outcome.COMPLETED);
        assertThat(run.milestones()).containsKey(Milestone.PROMOTION);
        assertThat(run.steps())
                .anyMatch(s ->
                        s.name().equals("reboot with failover") && s.detail().contains("us-east-1a to us-east-1b"));
    }

    @Test
    void aDrillAbortedAtPreflightDoesNotTellOnCallToDeploy() throws Exception {
        wire.stubFor(cloudWatch("DescribeAlarms")
                .willReturn(cbor(Map.of(
                        "MetricAlarms",
                        List.of(Map.of("AlarmName", "drill-app-staging-5xx", "StateValue", "ALARM"))))));
        DrillSession session = session("region-failover");
        var steps = new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.DRILL, provider.budgets())
                .steps("us-east-1", "us-west-2");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing).run(steps, false);
        DrillReport report = session.finish(run);

        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
        wire.verify(0, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=PromoteReadReplica")));
        assertThat(report.notes()).noneMatch(n -> n.contains("dr.activeRegion") || n.contains("stays fenced"));
    }

    @Test
    void aFailedPromotionDoesNotTellOnCallToDeploy() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(REPLICA_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));
        wire.stubFor(rds("PromoteReadReplica")
                .willReturn(rdsError(400, "InvalidDBInstanceState", "DB instance is not a read replica.")));
        ecs("east-cluster", 2, 2);
        DrillSession session = session("region-failover");
        var steps = new RegionFailoverDrill(provider, session, RegionFailoverDrill.Mode.FAILOVER, provider.budgets())
                .steps("us-east-1", "us-west-2");

        DrillReport report = session.finish(new DrillEngine(progress, StopCondition.NONE).run(steps, false));

        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.FAIL);
        assertThat(report.notes()).noneMatch(n -> n.contains("dr.activeRegion"));
    }

    /** us-west-2's parameters with the published failover counts, or without them (stacks from before the contract). */
    void westParameters(String failoverCounts) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                PlatformParameters.DB_INSTANCE_ID,
                REPLICA_DB,
                PlatformParameters.ECS_CLUSTER,
                "west-cluster",
                PlatformParameters.ECS_SERVICES,
                "drill-app-staging-api"));
        if (failoverCounts != null) {
            values.put(PlatformParameters.ECS_FAILOVER_COUNTS, failoverCounts);
        }
        ssm("us-west-2", values);
    }

    @Test
    void scaleUpUsesTheFailoverCountsTheStacksPublished() throws Exception {
        // The manifest says desiredCount 2; what the deployed stacks published is what the standby runs.
        westParameters("api=3");
        ecs("west-cluster", 3, 3);

        String detail = provider.compute().scaleUp("us-west-2").run(context());

        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                .withRequestBody(matchingJsonPath("$.service", equalTo("drill-app-staging-api")))
                .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("3"))));
        wire.verify(
                0,
                postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                        .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("2"))));
        assertThat(detail).contains("drill-app-staging-api=3");
    }

    @Test
    void scaleUpWithoutThePublishedCountsSaysSoAndUsesTheManifest() throws Exception {
        westParameters(null);
        ecs("west-cluster", 2, 2);

        String detail = provider.compute().scaleUp("us-west-2").run(context());

        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.UpdateService"))
                .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("2"))));
        assertThat(detail)
                .contains("ecs/failover-desired-counts is not published in us-west-2")
                .contains("drill-app-staging-api=2");
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("ecs/failover-desired-counts is not published");
    }

    @Test
    void restoreDrillDeletesTheTemporaryInstanceWhenVerificationCannotRun() throws Exception {
        wire.stubFor(rds("DescribeDBSnapshots")
                .willReturn(rdsXml(
                        "DescribeDBSnapshots",
                        "<DBSnapshots><DBSnapshot>"
                                + "<DBSnapshotIdentifier>rds:primary-east-2026-01-01-03-00</DBSnapshotIdentifier><Status>available</Status>"
                                + "<SnapshotCreateTime>"
                                + java.time.Instant.now().minusSeconds(3600)
                                + "</SnapshotCreateTime></DBSnapshot></DBSnapshots>")));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=" + PRIMARY_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance(PRIMARY_DB, "available", null, true)))));
        wire.stubFor(rds("RestoreDBInstanceFromDBSnapshot")
                .willReturn(
                        rdsXml("RestoreDBInstanceFromDBSnapshot", dbInstance("dr-restore", "creating", null, false))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=dr-restore"))
                .inScenario("tmp")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance("dr-restore-x", "available", null, false)))));
        wire.stubFor(rds("DeleteDBInstance")
                .inScenario("tmp")
                .willReturn(rdsXml("DeleteDBInstance", dbInstance("dr-restore-x", "deleting", null, false)))
                .willSetStateTo("gone"));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing("DBInstanceIdentifier=dr-restore"))
                .inScenario("tmp")
                .whenScenarioStateIs("gone")
                .willReturn(rdsError(404, "DBInstanceNotFound", "not found")));
        DrillSession session = session("restore-backup");

        DrillRun run = new DrillEngine(progress, provider.alarms()::firing)
                .run(
                        provider.scenario(new DrillScenario.RestoreBackup(null))
                                .orElseThrow()
                                .apply(session),
                        false);
        DrillReport report = session.finish(run);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.FAILED);
        // the credentials are the CDK app's secret; without its parameter the copy cannot be verified
        assertThat(run.reason()).contains(PlatformParameters.DB_SECRET_ARN);
        assertThat(run.steps())
                .anyMatch(s -> s.name().startsWith("rollback: restore") && s.status() == StepStatus.ROLLED_BACK);
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=DeleteDBInstance"))
                .withRequestBody(containing("SkipFinalSnapshot=true")));
        assertThat(report.rpo().windowSeconds()).isBetween(3590.0, 3700.0);
    }

    @Test
    void statusReadsLagHealthTasksAndAlarms() throws Exception {
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(PRIMARY_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance(PRIMARY_DB, "available", null, true)))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(REPLICA_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));
        wire.stubFor(healthCheck("hc-east").willReturn(healthStatus("Success: HTTP Status Code 200, OK")));
        wire.stubFor(healthCheck("hc-west").willReturn(healthStatus("Failure: HTTP Status Code 503")));
        ecs("cluster", 2, 2);

        var regions = provider.status().regions();

        assertThat(regions).hasSize(2);
        assertThat(regions.get(0).role()).isEqualTo("primary");
        assertThat(regions.get(0).answering()).isTrue();
        assertThat(regions.get(1).role()).isEqualTo("standby");
        assertThat(regions.get(1).lag().seconds()).isEqualTo(0.5);
        assertThat(regions.get(1).health()).isEqualTo("unhealthy");
        assertThat(regions.get(1).tasks()).contains("drill-app-staging-api 2/2");
    }

    @Test
    void routingControlsSwitchBothStatesInOneCallTryingEachClusterEndpointInTurn(@TempDir Path dir) throws Exception {
        Deployment arcDeployment = withRoutingControls(dir);
        String eastArn = "arn:aws:route53-recovery-control::111122223333:controlpanel/cp/routingcontrol/east";
        String westArn = "arn:aws:route53-recovery-control::111122223333:controlpanel/cp/routingcontrol/west";
        AwsWire.parameter(wire, PlatformParameters.routingControlArn(arcDeployment, "us-east-1"), eastArn);
        AwsWire.parameter(wire, PlatformParameters.routingControlArn(arcDeployment, "us-west-2"), westArn);
        // The first endpoint refuses connections (its region is the one that is down); the second is WireMock.
        AwsWire.parameter(
                wire,
                PlatformParameters.arcClusterEndpoints(arcDeployment),
                "ap-southeast-2=http://127.0.0.1:1,us-west-2=" + wire.baseUrl());
        wire.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ToggleCustomerAPI.UpdateRoutingControlStates"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{}")));
        AwsProvider arc = provider(arcDeployment);
        StepContext ctx = context();

        String detail = arc.routing().switchRouting("us-east-1", "us-west-2").run(ctx);
        arc.close();

        assertThat(detail)
                .contains("us-west-2 On, us-east-1 Off")
                .contains("through the us-west-2 endpoint after 1 unreachable");
        assertThat(ctx.milestone(Milestone.ROUTING_SWITCH)).isNotNull();
        wire.verify(
                1,
                postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("ToggleCustomerAPI.UpdateRoutingControlStates"))
                        .withRequestBody(
                                matchingJsonPath("$.UpdateRoutingControlStateEntries[?(@.RoutingControlArn == '"
                                        + westArn + "' && @.RoutingControlState == 'On')]"))
                        .withRequestBody(
                                matchingJsonPath("$.UpdateRoutingControlStateEntries[?(@.RoutingControlArn == '"
                                        + eastArn + "' && @.RoutingControlState == 'Off')]")));
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .contains("ARC endpoint ap-southeast-2 failed, trying the next");
    }

    @Test
    void aSafetyRuleRefusalIsNotRetriedOnOtherEndpoints(@TempDir Path dir) throws Exception {
        Deployment arcDeployment = withRoutingControls(dir);
        AwsWire.parameter(wire, PlatformParameters.routingControlArn(arcDeployment, "us-east-1"), "arn:east");
        AwsWire.parameter(wire, PlatformParameters.routingControlArn(arcDeployment, "us-west-2"), "arn:west");
        AwsWire.parameter(
                wire,
                PlatformParameters.arcClusterEndpoints(arcDeployment),
                "us-west-2=" + wire.baseUrl() + ",eu-west-1=" + wire.baseUrl() + "/second");
        wire.stubFor(
                post(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("ToggleCustomerAPI.UpdateRoutingControlStates"))
                        .willReturn(
                                aResponse()
                                        .withStatus(409)
                                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                                        .withBody(
                                                "{\"__type\":\"ConflictException\",\"message\":\"safety rule at-least-one-on would be violated\"}")));
        AwsProvider arc = provider(arcDeployment);

        assertThatThrownBy(() ->
                        arc.routing().switchRouting("us-east-1", "us-west-2").run(context()))
                .hasMessageContaining("safety rule");
        arc.close();
        wire.verify(0, postRequestedFor(urlPathEqualTo("/second")));
    }

    @Test
    void statusWithRoutingControlsReportsWhichControlIsOn(@TempDir Path dir) throws Exception {
        Deployment arcDeployment = withRoutingControls(dir);
        AwsWire.parameter(wire, PlatformParameters.routingControlArn(arcDeployment, "us-east-1"), "arn:east");
        AwsWire.parameter(wire, PlatformParameters.routingControlArn(arcDeployment, "us-west-2"), "arn:west");
        AwsWire.parameter(wire, PlatformParameters.arcClusterEndpoints(arcDeployment), "us-west-2=" + wire.baseUrl());
        for (String[] control : new String[][] {{"arn:east", "On"}, {"arn:west", "Off"}}) {
            wire.stubFor(post(urlPathEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("ToggleCustomerAPI.GetRoutingControlState"))
                    .withRequestBody(matchingJsonPath("$.RoutingControlArn", equalTo(control[0])))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/x-amz-json-1.0")
                            .withBody("{\"RoutingControlArn\":\"" + control[0] + "\",\"RoutingControlState\":\""
                                    + control[1] + "\"}")));
        }
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(PRIMARY_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances", describeResult(dbInstance(PRIMARY_DB, "available", null, true)))));
        wire.stubFor(rds("DescribeDBInstances")
                .withRequestBody(containing(REPLICA_DB))
                .willReturn(rdsXml(
                        "DescribeDBInstances",
                        describeResult(dbInstance(REPLICA_DB, "available", REPLICA_SOURCE, false)))));
        // The HTTPS checks say east is down and west up; with routing controls the records follow the controls.
        wire.stubFor(healthCheck("hc-east").willReturn(healthStatus("Failure: HTTP Status Code 503")));
        wire.stubFor(healthCheck("hc-west").willReturn(healthStatus("Success: HTTP Status Code 200, OK")));
        ecs("cluster", 2, 2);
        AwsProvider arc = provider(arcDeployment);

        var regions = arc.status().regions();
        arc.close();

        assertThat(regions.get(0).answering()).isTrue();
        assertThat(regions.get(0).health()).isEqualTo("unhealthy, routing control On");
        assertThat(regions.get(1).answering()).isFalse();
        assertThat(regions.get(1).health()).contains("healthy, routing control Off");
    }
}
