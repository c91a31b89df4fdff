package io.drplatform.dr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's safety rails: dry run touches nothing, production needs --allow-production and a confirmation. */
class DrCommandTest {
    static final String MANIFEST = "src/test/resources/manifests/drill-app.yaml";
    WireMockServer wire;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;
    InputStream oldIn;

    @TempDir
    Path reports;

    @BeforeEach
    void setUp() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterEach
    void tearDown() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
        wire.stop();
    }

    int dr(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--manifest";
        all[args.length + 1] = MANIFEST;
        all[args.length + 2] = "--endpoint-url";
        all[args.length + 3] = wire.baseUrl();
        all[args.length + 4] = "--report-dir";
        all[args.length + 5] = reports.toString();
        var cl = DrCommand.commandLine();
        cl.setErr(new java.io.PrintWriter(System.err, true));
        return cl.execute(all);
    }

    @Test
    void dryRunPrintsEveryStepAndApiCallAndMakesNoCall() {
        int exit = dr("drill", "region-failover", "--dry-run");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "DRY RUN",
                        "rds:PromoteReadReplica",
                        "ecs:UpdateService desiredCount=0",
                        "route53:GetHealthCheckStatus",
                        "dry run: nothing was changed");
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void productionNeedsAllowProduction() {
        int exit = dr("drill", "region-failover", "--env", "production");

        assertThat(exit).as("a refusal: nothing done").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs --allow-production");
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void productionNeedsTheTypedConfirmation() {
        System.setIn(new ByteArrayInputStream("yes\n".getBytes(StandardCharsets.UTF_8)));
        int exit = dr("failover", "--env", "production", "--allow-production");

        assertThat(exit).as("a refusal: nothing done").isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Type the application name to confirm");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not confirmed; nothing done");
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    /** us-west-2's database as RDS describes it: a replica of us-east-1's, or not. */
    void westDatabase(boolean replica) {
        wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/")
                .withHeader(
                        "X-Amz-Target",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.GetParametersByPath"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(
                                "{\"Parameters\":[{\"Name\":\"/dr-platform/drill-app/staging/us-west-2/database/instance-id\","
                                        + "\"Type\":\"String\",\"Value\":\"west-db\"}]}")));
        wire.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.post("/")
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                                "Action=DescribeDBInstances"))
                        .willReturn(
                                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                "<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBInstancesResult><DBInstances>"
                                                        + "<DBInstance><DBInstanceIdentifier>west-db</DBInstanceIdentifier><DBInstanceStatus>available</DBInstanceStatus>"
                                                        + (replica
                                                                ? "<ReadReplicaSourceDBInstanceIdentifier>arn:aws:rds:us-east-1:111122223333:db:east-db"
                                                                        + "</ReadReplicaSourceDBInstanceIdentifier>"
                                                                : "")
                                                        + "</DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>")));
    }

    @Test
    void failbackOnAwsNeedsTheStacksToHaveBuiltTheReplicaFirst() {
        westDatabase(false);

        assertThat(dr("failback", "--to", "us-west-2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("us-west-2 has no replica of us-east-1", "dr.activeRegion: us-east-1");
    }

    @Test
    void failbackOnAwsDryRunShowsTheFenceAndTheWalProofAndChangesNothing() {
        westDatabase(true);

        assertThat(dr("failback", "--to", "us-west-2", "--dry-run")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "INSERT INTO region_fence",
                        "pg_current_wal_lsn()",
                        "pg_last_wal_replay_lsn()",
                        "rds:PromoteReadReplica",
                        "dry run: nothing was changed");
        // Only the reads that decide the plan: nothing that changes anything.
        assertThat(wire.getAllServeEvents())
                .allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                        .doesNotContain("PromoteReadReplica", "UpdateService", "region_fence"));
    }

    @Test
    void statusThatCannotReadAwsExitsWithTheOperationalErrorCodeNotAtRisk() {
        // The role may not read the parameters: the status is unknown, which a script must tell from "at risk" (1).
        wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/")
                .withHeader(
                        "X-Amz-Target",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.GetParametersByPath"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform:"
                                + " ssm:GetParametersByPath\"}")));

        assertThat(dr("status")).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("could not complete", "AccessDeniedException", "ssm:GetParametersByPath");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("AT RISK");
    }

    @Test
    void unknownEnvironmentIsAUsageError() {
        assertThat(dr("status", "--env", "qa")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown environment qa");
    }
}
