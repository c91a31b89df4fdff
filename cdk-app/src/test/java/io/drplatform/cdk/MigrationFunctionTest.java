package io.drplatform.cdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration custom resource's function, run by Python with boto3 (Debian's python3-boto3) against ECS and the
 * CloudFormation response URL at the wire: it starts the task, waits for it, and reports the outcome to CloudFormation.
 */
class MigrationFunctionTest {
    private static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
    private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/tco-calculator-production/0123abcd";
    private WireMockServer wire;

    @TempDir
    Path work;

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        wire.stubFor(put(urlEqualTo("/cloudformation-response"))
                .willReturn(aResponse().withStatus(200)));
        wire.stubFor(post("/")
                .withHeader("X-Amz-Target", equalTo(ECS_TARGET + "RunTask"))
                .willReturn(json("{\"tasks\":[{\"taskArn\":\"" + TASK
                        + "\",\"lastStatus\":\"PROVISIONING\"}],\"failures\":[]}")));
    }

    @AfterEach
    void stop() {
        wire.stop();
    }

    @Test
    void aMigrationThatExitsZeroSucceedsAfterTheTaskStops() throws Exception {
        describeTasksStopsWith(0);

        run("Create");

        LoggedRequest runTask = wire.findAll(
                        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS_TARGET + "RunTask")))
                .get(0);
        assertThat(runTask.getBodyAsString())
                .contains(
                        "\"taskDefinition\": \"arn:aws:ecs:us-east-1:123456789012:task-definition/tco-calculator-production-api-migrate:7\"")
                .contains("\"launchType\": \"FARGATE\"")
                .contains("\"assignPublicIp\": \"DISABLED\"")
                .contains("subnet-a");
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(ECS_TARGET + "DescribeTasks"))))
                .as("polled until stopped")
                .hasSize(2);
        wire.verify(putRequestedFor(urlEqualTo("/cloudformation-response"))
                .withRequestBody(matchingJsonPath("$.Status", equalTo("SUCCESS")))
                .withRequestBody(matchingJsonPath("$.PhysicalResourceId", equalTo(TASK)))
                .withRequestBody(matchingJsonPath("$.LogicalResourceId", equalTo("ServicesapiMigrationRun"))));
    }

    @Test
    void aFailedMigrationFailsTheStackUpdateAndSaysWhereItsOutputIs() throws Exception {
        describeTasksStopsWith(1);

        run("Update");

        wire.verify(putRequestedFor(urlEqualTo("/cloudformation-response"))
                .withRequestBody(matchingJsonPath("$.Status", equalTo("FAILED")))
                .withRequestBody(matchingJsonPath(
                        "$.Reason",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("stopped with exit code 1")))
                .withRequestBody(matchingJsonPath(
                        "$.Reason",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("stream prefix api-migrate"))));
    }

    @Test
    void deletingTheResourceRunsNothing() throws Exception {
        run("Delete");

        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();
        wire.verify(putRequestedFor(urlEqualTo("/cloudformation-response"))
                .withRequestBody(matchingJsonPath("$.Status", equalTo("SUCCESS"))));
    }

    private void describeTasksStopsWith(int exitCode) {
        String describe = ECS_TARGET + "DescribeTasks";
        wire.stubFor(post("/")
                .withHeader("X-Amz-Target", equalTo(describe))
                .inScenario("task")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json("{\"tasks\":[{\"taskArn\":\"" + TASK
                        + "\",\"lastStatus\":\"RUNNING\",\"containers\":[{\"name\":\"api\"}]}]}"))
                .willSetStateTo("stopped"));
        wire.stubFor(post("/")
                .withHeader("X-Amz-Target", equalTo(describe))
                .inScenario("task")
                .whenScenarioStateIs("stopped")
                .willReturn(json("{\"tasks\":[{\"taskArn\":\"" + TASK
                        + "\",\"lastStatus\":\"STOPPED\",\"stoppedReason\":\"Essential container in task exited\","
                        + "\"containers\":[{\"name\":\"api\",\"exitCode\":" + exitCode + "}]}]}")));
    }

    /** Invokes the handler as Lambda would, with boto3's ECS client pointed at WireMock. */
    private void run(String requestType) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        assertThat(python)
                .as("Debian's python3 with python3-boto3 (./platform test installs it)")
                .isExecutable();
        Files.copy(Path.of("src/main/resources/io/drplatform/cdk/services/run_migration.py"), work.resolve("index.py"));
        String event = "{\"RequestType\":\"" + requestType + "\",\"ResponseURL\":\"" + wire.baseUrl()
                + "/cloudformation-response\","
                + "\"StackId\":\"arn:aws:cloudformation:us-east-1:123456789012:stack/tco-calculator-production-us-east-1/1\","
                + "\"RequestId\":\"r-1\",\"LogicalResourceId\":\"ServicesapiMigrationRun\","
                + ("Create".equals(requestType) ? "" : "\"PhysicalResourceId\":\"" + TASK + "\",")
                + "\"ResourceProperties\":{\"Cluster\":\"arn:aws:ecs:us-east-1:123456789012:cluster/tco-calculator-production\","
                + "\"TaskDefinition\":\"arn:aws:ecs:us-east-1:123456789012:task-definition/tco-calculator-production-api-migrate:7\","
                + "\"Subnets\":[\"subnet-a\",\"subnet-b\"],\"SecurityGroups\":[\"sg-1\"],\"Service\":\"api\",\"PollIntervalSeconds\":\"0.05\"}}";
        Files.writeString(work.resolve("event.json"), event);
        Files.writeString(
                work.resolve("invoke.py"),
                String.join(
                        "\n",
                        "import json, os, sys, boto3",
                        "client = boto3.client",
                        "boto3.client = lambda name, **kw: client(name, endpoint_url=os.environ['ECS_ENDPOINT'], **kw)",
                        "import index",
                        "class Context:",
                        "    def get_remaining_time_in_millis(self):",
                        "        return 600000",
                        "index.handler(json.load(open('event.json')), Context())",
                        ""));
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "invoke.py")
                .directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment()
                .putAll(java.util.Map.of(
                        "ECS_ENDPOINT",
                        wire.baseUrl(),
                        "AWS_DEFAULT_REGION",
                        "us-east-1",
                        "AWS_ACCESS_KEY_ID",
                        "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY",
                        "secret"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the handler returns")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }
}
