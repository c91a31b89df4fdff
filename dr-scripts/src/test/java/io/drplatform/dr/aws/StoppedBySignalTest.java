package io.drplatform.dr.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.drplatform.dr.aws.AwsWire.cbor;
import static io.drplatform.dr.aws.AwsWire.cloudWatch;
import static io.drplatform.dr.aws.AwsWire.dbInstance;
import static io.drplatform.dr.aws.AwsWire.describeResult;
import static io.drplatform.dr.aws.AwsWire.json;
import static io.drplatform.dr.aws.AwsWire.jsonBody;
import static io.drplatform.dr.aws.AwsWire.rds;
import static io.drplatform.dr.aws.AwsWire.rdsXml;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.drplatform.dr.cli.DrCommand;
import io.drplatform.dr.report.DrillReport;
import io.drplatform.dr.report.ReportWriter;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI in its own JVM, stopped with SIGTERM (what a CI timeout sends) while it waits for the promotion: it
 * must give the faulted region its tasks back at the wire and record the run as ABORTED with what was left.
 */
class StoppedBySignalTest {
    static final String MANIFEST = "src/test/resources/manifests/drill-app.yaml";
    static final String UPDATE_SERVICE = "AmazonEC2ContainerServiceV20141113.UpdateService";

    WireMockServer wire;

    @TempDir
    Path reports;

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        Deployment deployment = ManifestLoader.load(Path.of(MANIFEST)).deployment(EnvironmentName.STAGING);
        for (String region : List.of("us-east-1", "us-west-2")) {
            AwsWire.regionParameters(
                    wire,
                    deployment,
                    region,
                    Map.of(
                            PlatformParameters.DB_INSTANCE_ID,
                            region.equals("us-east-1") ? "east-db" : "west-db",
                            PlatformParameters.ECS_CLUSTER,
                            region.equals("us-east-1") ? "east-cluster" : "west-cluster",
                            PlatformParameters.ECS_SERVICES,
                            "drill-app-staging-api",
                            PlatformParameters.ECS_FAILOVER_COUNTS,
                            "api=2"));
        }
        AwsWire.parameters(wire);
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
        // The standby is a replica until PromoteReadReplica arrives; from then on it stays "modifying", so the run
        // is waiting for the promotion when it is stopped.
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("promotion")
                .whenScenarioStateIs(STARTED)
                .willReturn(rdsXml("DescribeDBInstances", describeResult(westDb("available")))));
        wire.stubFor(rds("PromoteReadReplica")
                .inScenario("promotion")
                .willReturn(rdsXml("PromoteReadReplica", westDb("modifying")))
                .willSetStateTo("promoting"));
        wire.stubFor(rds("DescribeDBInstances")
                .inScenario("promotion")
                .whenScenarioStateIs("promoting")
                .willReturn(rdsXml("DescribeDBInstances", describeResult(westDb("modifying")))));
        wire.stubFor(json("AmazonEC2ContainerServiceV20141113.DescribeServices")
                .willReturn(jsonBody("{\"services\":[{\"serviceName\":\"drill-app-staging-api\",\"desiredCount\":2,"
                        + "\"runningCount\":2}],\"failures\":[]}")));
        wire.stubFor(json(UPDATE_SERVICE).willReturn(jsonBody("{\"service\":{}}")));
    }

    @AfterEach
    void stop() {
        wire.stop();
    }

    @Test
    void sigtermDuringThePromotionWaitRollsBackTheFaultAndRecordsTheRunAsAborted() throws Exception {
        Path output = reports.resolve("dr.out");
        Process dr = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Daws.accessKeyId=AKIDEXAMPLE",
                        "-Daws.secretAccessKey=secret",
                        DrCommand.class.getName(),
                        "drill",
                        "region-failover",
                        "--manifest",
                        MANIFEST,
                        "--endpoint-url",
                        wire.baseUrl(),
                        "--report-dir",
                        reports.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            awaitWire(dr, output, "Action=PromoteReadReplica");
            // The fault is in: east's service is at 0 and the promotion is being waited for.
            assertThat(updates()).containsExactly("0");

            dr.destroy(); // SIGTERM

            assertThat(dr.waitFor(40, TimeUnit.SECONDS))
                    .as("stops within its bound\n%s", read(output))
                    .isTrue();
        } finally {
            dr.destroyForcibly();
        }
        String terminal = read(output);
        assertThat(updates()).as(terminal).containsExactly("0", "2");
        wire.verify(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(UPDATE_SERVICE))
                .withRequestBody(matchingJsonPath("$.cluster", equalTo("east-cluster")))
                .withRequestBody(matchingJsonPath("$.desiredCount", equalTo("2"))));
        assertThat(dr.exitValue()).as(terminal).isEqualTo(3);
        DrillReport report = ReportWriter.read(onlyReport());
        assertThat(report.verdict()).isEqualTo(DrillReport.Verdict.ABORTED);
        assertThat(report.notes())
                .anyMatch(n -> n.startsWith("ABORTED: stopped by a signal")
                        && n.contains("promote standby database in us-west-2"))
                .anyMatch(n -> n.contains("left as is")
                        && n.contains("promote standby database in us-west-2")
                        && n.contains("PromoteReadReplica"))
                .noneMatch(n -> n.contains("dr.activeRegion"));
        assertThat(report.steps())
                .anyMatch(s -> s.name().equals("rollback: inject fault: fence us-east-1")
                        && s.status().equals("ROLLED_BACK"));
        assertThat(terminal).contains("verdict: ABORTED");
    }

    private List<String> updates() {
        List<String> counts = new ArrayList<>();
        List<LoggedRequest> all =
                wire.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(UPDATE_SERVICE)));
        for (LoggedRequest r : all) {
            counts.add(r.getBodyAsString().replaceAll(".*\"desiredCount\":(\\d+).*", "$1"));
        }
        return counts;
    }

    private void awaitWire(Process dr, Path output, String body) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!wire.findAll(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing(body)))
                    .isEmpty()) {
                return;
            }
            assertThat(dr.isAlive()).as("dr exited early:\n%s", read(output)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no " + body + " reached the wire:\n" + read(output));
    }

    private Path onlyReport() throws IOException {
        try (Stream<Path> files = Files.walk(reports)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("report.json"))
                    .toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static String westDb(String status) {
        return dbInstance("west-db", status, "arn:aws:rds:us-east-1:111122223333:db:east-db", false);
    }
}
