package io.drplatform.tco.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.drplatform.tco.TcoServiceApplication;
import io.drplatform.tco.migrate.MigrateCommand;
import io.drplatform.tco.support.LocalServers;
import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.TestTokens;
import io.drplatform.tco.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Database credential rotation under load, end to end: the service runs as the application user that
 * {@code migrate} provisioned, with Secrets Manager served at the wire by WireMock (GetSecretValue, AWSCURRENT),
 * while clients write and read. Two rotations are performed exactly as Secrets Manager's PostgreSQL multi-user
 * rotation does them (as the owner: create the clone and grant it the user, then, on the next rotation, change
 * the original user's password, which the task started with), with pooled connections recycled every two seconds
 * and idle ones terminated. Every request must succeed, with one read of the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialRotationTest {
    private static final String DATABASE = "rotation";
    private static final String USER = "rot_app";
    private static final String CLONE = USER + "_clone";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tco/rotation-AbCdEf";
    private static final Duration LOAD = Duration.ofSeconds(16);
    private static final int CLIENTS = 4;

    private static LocalServers.Postgres pg;
    private static WireMockServer secretsManager;
    private static ConfigurableApplicationContext service;
    private static String baseUrl;

    @BeforeAll
    static void start() throws SQLException, InterruptedException {
        System.setProperty("aws.accessKeyId", "AKIDROTATIONTEST");
        System.setProperty("aws.secretAccessKey", "rotation-test-secret-key");
        pg = LocalServers.get().postgres();
        try (Connection owner = owner("tco");
                Statement s = owner.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        assertThat(MigrateCommand.run(
                        "--spring.flyway.url=" + jdbcUrl(),
                        "--spring.flyway.user=" + pg.user(),
                        "--spring.flyway.password=" + pg.password(),
                        "--tco.database.application-role=rotation_application",
                        "--tco.database.application-user.username=" + USER,
                        "--tco.database.application-user.password=start-pw",
                        "--logging.structured.format.console="))
                .isZero();

        secretsManager = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        secretsManager.start();
        awsCurrent(USER, "start-pw", "v1");

        service = new SpringApplicationBuilder(TcoServiceApplication.class)
                .run(
                        "--server.port=0",
                        // The task's environment as the platform gives it: the start credentials and the secret's ARN.
                        "--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE,
                        "--spring.r2dbc.username=" + USER,
                        "--spring.r2dbc.password=start-pw",
                        "--tco.database.credentials.secret-arn=" + ARN,
                        "--tco.database.credentials.region=us-east-1",
                        "--tco.database.credentials.endpoint=" + secretsManager.baseUrl(),
                        // New physical connections all the time, as a long-running task's pool (max life 30 min) has
                        // them.
                        "--spring.r2dbc.pool.max-life-time=2s",
                        "--spring.r2dbc.pool.max-idle-time=2s",
                        "--spring.data.redis.port=" + LocalServers.get().redisPort(),
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.jwkSetUri(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                        "--tco.rate-limit.limits.calculations.capacity=1000000",
                        "--resilience4j.timelimiter.instances.redis.timeout-duration=1s",
                        "--logging.structured.format.console=");
        baseUrl = "http://127.0.0.1:"
                + ((WebServerApplicationContext) service).getWebServer().getPort();
        // After start-up the service reads the secret once in the background (a check of its access).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (secretsManager.findAll(postRequestedFor(urlEqualTo("/"))).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
        assertThat(service.getBean(RotatingCredentials.class).renewals()).isZero();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (secretsManager != null) {
            secretsManager.stop();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void twoMultiUserRotationsUnderLoadFailNoRequest(CapturedOutput output) throws Exception {
        Load load = new Load();
        load.start();
        Thread.sleep(3_000);
        assertThat(load.requests.get()).as("the load is running").isPositive();
        System.out.println("rotation 1 at " + load.elapsed());

        // Rotation 1: the clone does not exist yet.
        createSecret();
        execute("CREATE ROLE " + CLONE + " WITH LOGIN PASSWORD 'rotation-1-pw'", "GRANT " + USER + " TO " + CLONE);
        finishSecret(CLONE, "rotation-1-pw", "v2");
        terminateIdleBackends();
        Thread.sleep(4_000);

        // Rotation 2: the current user is the clone, so the original user gets a new password; the start
        // credentials of the running service stop working for new connections from here on.
        System.out.println("rotation 2 at " + load.elapsed());
        createSecret();
        execute("ALTER USER " + USER + " WITH PASSWORD 'rotation-2-pw'");
        terminateIdleBackends();
        assertThatThrownBy(() ->
                        DriverManager.getConnection(jdbcUrl(), USER, "start-pw").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        Thread.sleep(1_500); // the Lambda's steps are separate invocations: testSecret, then finishSecret
        finishSecret(USER, "rotation-2-pw", "v3");
        terminateIdleBackends();
        Thread.sleep(3_000); // longer than a connection's life: every session now was opened after the renewal
        Set<String> serviceUsers = serviceUsers();

        load.awaitEnd();
        int reads = secretsManager.findAll(postRequestedFor(urlEqualTo("/"))).size() - 1; // less the start-up check
        DatabaseCredentials now = service.getBean(RotatingCredentials.class).current();
        System.out.printf(
                "rotation under load: %d requests, %d failed, %d GetSecretValue calls, %d renewals,"
                        + " now %s, backends as %s%n",
                load.requests.get(),
                load.failures.size(),
                reads,
                service.getBean(RotatingCredentials.class).renewals(),
                now.username(),
                serviceUsers);

        assertThat(load.failures).as("failed requests").isEmpty();
        assertThat(load.requests.get()).isGreaterThan(100);
        // One read of the secret served every connection PostgreSQL refused.
        assertThat(reads).isEqualTo(1);
        assertThat(service.getBean(RotatingCredentials.class).renewals()).isEqualTo(1);
        // Either version the service can have read is valid now: the clone (AWSCURRENT until finishSecret) or the
        // original user with its new password; the start password is not among them.
        assertThat(Map.of(now.username(), now.password()))
                .isIn(Map.of(CLONE, "rotation-1-pw"), Map.of(USER, "rotation-2-pw"));
        assertThat(serviceUsers).containsOnly(now.username());
        assertThat(output).contains("PostgreSQL refused the credentials of user " + USER + " (SQLSTATE 28P01)");
        // The calls were signed AWS JSON requests for the current version of the secret.
        secretsManager.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withHeader("Authorization", WireMock.containing("AWS4-HMAC-SHA256"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(ARN)))
                .withRequestBody(matchingJsonPath("$.VersionStage", equalTo("AWSCURRENT"))));
    }

    // ---- the rotation, as the multi-user rotation Lambda performs it

    private static void createSecret() {
        // createSecret only stages AWSPENDING; GetSecretValue for AWSCURRENT still answers the previous version.
    }

    private static void finishSecret(String username, String password, String versionId) {
        awsCurrent(username, password, versionId);
    }

    private static void awsCurrent(String username, String password, String versionId) {
        String secret = new String(
                Json.write(Map.of(
                        "engine",
                        "postgres",
                        "host",
                        "127.0.0.1",
                        "port",
                        pg.port(),
                        "dbname",
                        DATABASE,
                        "username",
                        username,
                        "password",
                        password)),
                java.nio.charset.StandardCharsets.UTF_8);
        String body = new String(
                Json.write(Map.of(
                        "ARN",
                        ARN,
                        "Name",
                        "tco/rotation",
                        "VersionId",
                        versionId,
                        "SecretString",
                        secret,
                        "VersionStages",
                        List.of("AWSCURRENT"),
                        "CreatedDate",
                        1.7e9)),
                java.nio.charset.StandardCharsets.UTF_8);
        secretsManager.resetMappings();
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    // ---- database helpers (as the owner, which stands for the RDS master user the Lambda logs in as)

    private static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE;
    }

    private static Connection owner(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + database, pg.user(), pg.password());
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = owner(DATABASE);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Forces new physical connections: the service's sessions that are not running a statement are ended. */
    private static void terminateIdleBackends() throws SQLException {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE
                + "' AND usename IN ('" + USER + "', '" + CLONE + "') AND state = 'idle'");
    }

    private static Set<String> serviceUsers() throws SQLException {
        Set<String> users = new TreeSet<>();
        try (Connection c = owner(DATABASE);
                Statement s = c.createStatement();
                var r = s.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '" + DATABASE
                        + "' AND usename IN ('" + USER + "', '" + CLONE + "')")) {
            while (r.next()) {
                users.add(r.getString(1));
            }
        }
        return users;
    }

    // ---- the load: clients that store a calculation (with an idempotency key), read it back and list

    private static final class Load {
        final AtomicInteger requests = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        final long started = System.nanoTime();

        void start() {
            long end = started + LOAD.toNanos();
            for (int t = 0; t < CLIENTS; t++) {
                String token = TestTokens.token("rotation-client-" + t);
                Thread thread = new Thread(
                        () -> {
                            while (running.get() && System.nanoTime() < end) {
                                round(token);
                            }
                        },
                        "rotation-load-" + t);
                threads.add(thread);
                thread.start();
            }
        }

        void awaitEnd() throws InterruptedException {
            for (Thread t : threads) {
                t.join(LOAD.toMillis() + 60_000);
            }
            running.set(false);
        }

        private void round(String token) {
            HttpResponse<String> created = send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/calculations"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(Requests.VALID)),
                    201);
            if (created == null) {
                return;
            }
            String id = Json.readTree(created.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .get("id")
                    .stringValue();
            send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/calculations/" + id))
                            .header("Authorization", "Bearer " + token)
                            .GET(),
                    200);
            send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/calculations?limit=5"))
                            .header("Authorization", "Bearer " + token)
                            .GET(),
                    200);
        }

        private String elapsed() {
            return String.format("t+%.1fs", (System.nanoTime() - started) / 1e9);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
            requests.incrementAndGet();
            try {
                HttpResponse<String> r = http.send(
                        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != expected) {
                    failures.add(elapsed() + " " + r.statusCode() + " "
                            + r.request().method() + " " + r.uri().getPath() + ": " + r.body());
                    return null;
                }
                return r;
            } catch (Exception e) {
                failures.add(elapsed() + " " + e);
                return null;
            }
        }
    }
}
