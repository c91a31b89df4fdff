package io.drplatform.tco.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.migrate.MigrateCommand;
import io.drplatform.tco.ops.ResilienceSnapshot;
import io.drplatform.tco.ops.ResilienceSnapshotTest;
import io.drplatform.tco.support.LocalServers;
import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.TcpProxy;
import io.drplatform.tco.support.TestTokens;
import io.drplatform.tco.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Fault injection with real processes: this class owns its PostgreSQL (behind a TCP proxy), Redis and later a hot
 * standby, and kills, pauses, fences and promotes them while the service runs. Throughout, background clients
 * post calculations; the last test checks that none of them ever saw a 500 or an unexpected status and that every
 * calculation acknowledged with 201 is still readable. Breakers stay open 8 s here instead of 30 s, to keep the
 * run short; the behaviour is the same.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tco.region=region-a",
            "tco.region-role.check-interval=200ms",
            "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=8s",
            "spring.r2dbc.pool.max-acquire-time=2s",
            "spring.r2dbc.pool.max-validation-time=1s",
            "tco.rate-limit.limits.quotes.capacity=1000000",
            "tco.rate-limit.limits.calculations.capacity=1000000",
            // Test machines are shared and often loaded: a 100 ms Redis deadline (the production default) would turn
            // assertions about cache contents into races. Fallback behaviour is the same at any deadline.
            "resilience4j.timelimiter.instances.redis.timeout-duration=1s"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class FaultInjectionTest {
    private static Path root;
    private static LocalServers.Postgres primary;
    private static LocalServers.Postgres standby;
    private static Process redis;
    private static int redisPort;
    private static TcpProxy pgProxy;

    private static final Set<Integer> ALLOWED = Set.of(200, 201, 503);
    private static final List<String> unexpected = new ArrayList<>();
    private static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean loadRunning = new AtomicBoolean();
    private static final AtomicInteger loadRequests = new AtomicInteger();
    private static Thread[] loadThreads;

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    DatabaseGateway database;

    @org.springframework.beans.factory.annotation.Autowired
    ResilienceSnapshot snapshot;

    WebTestClient client;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        root = Files.createTempDirectory("tco-faults-");
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        primary = LocalServers.startPostgres(root.resolve("primary"), "tco", "tco", "tco");
        redisPort = LocalServers.freePort();
        redis = LocalServers.startRedis(redisPort, root.resolve("redis"));
        pgProxy = new TcpProxy(primary.port());
        int code = MigrateCommand.run(
                "--spring.flyway.url=" + primary.jdbcUrl(),
                "--spring.r2dbc.username=tco",
                "--spring.r2dbc.password=tco");
        assertThat(code).isZero();
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://127.0.0.1:" + pgProxy.port() + "/tco");
        registry.add("spring.r2dbc.username", () -> "tco");
        registry.add("spring.r2dbc.password", () -> "tco");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redisPort);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopAll() throws IOException {
        loadRunning.set(false);
        pgProxy.close();
        redis.destroyForcibly();
        LocalServers.stopPostgres(primary.dataDir());
        if (standby != null) {
            LocalServers.stopPostgres(standby.dataDir());
        }
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    // ---- helpers

    private static final String TOKEN = TestTokens.token("fault-user");

    private EntityExchangeResult<byte[]> postCalculation(String key) {
        return client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    h.setBearerAuth(TOKEN);
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .bodyValue(Requests.VALID)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private int quote() {
        return client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Requests.VALID)
                .exchange()
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
    }

    private EntityExchangeResult<byte[]> get(String id) {
        return client.get()
                .uri("/api/v1/calculations/" + id)
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static String id(EntityExchangeResult<byte[]> r) {
        return Json.readTree(r.getResponseBody()).get("id").stringValue();
    }

    private static String problemType(EntityExchangeResult<byte[]> r) {
        JsonNode n = Json.readTree(r.getResponseBody());
        return n.get("type").stringValue().replace("https://drplatform.io/problems/", "");
    }

    /** Polls until a POST is accepted; returns the seconds it took. */
    private double untilWritesAccepted(Duration max) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < max.toNanos()) {
            if (postCalculation(null).getStatus().value() == 201) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("writes not accepted within " + max);
    }

    /** Every resilience snapshot line one tick wrote has {@code key} equal to {@code value}. */
    private void snapshotShows(CapturedOutput output, String key, int value) {
        for (JsonNode line : ResilienceSnapshotTest.tick(snapshot, output)) {
            assertThat(line.get(key)).as(key + " in " + line).isNotNull();
            assertThat(line.get(key).asInt()).as(key + " in " + line).isEqualTo(value);
        }
    }

    private static Connection jdbc(LocalServers.Postgres pg) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/tco", "tco", "tco");
    }

    private void startLoad() {
        loadRunning.set(true);
        loadThreads = new Thread[3];
        for (int t = 0; t < loadThreads.length; t++) {
            int worker = t;
            loadThreads[t] = new Thread(
                    () -> {
                        WebTestClient c = WebTestClient.bindToServer()
                                .baseUrl("http://127.0.0.1:" + port)
                                .responseTimeout(Duration.ofSeconds(30))
                                .build();
                        int i = 0;
                        while (loadRunning.get() && i < 100_000) {
                            String key = "load-" + worker + "-" + i++;
                            var r = c.post()
                                    .uri("/api/v1/calculations")
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .headers(h -> {
                                        h.setBearerAuth(TestTokens.token("load-user"));
                                        h.set("Idempotency-Key", key);
                                    })
                                    .bodyValue(Requests.VALID)
                                    .exchange()
                                    .expectBody()
                                    .returnResult();
                            loadRequests.incrementAndGet();
                            int status = r.getStatus().value();
                            if (!ALLOWED.contains(status)) {
                                synchronized (unexpected) {
                                    unexpected.add(status + " "
                                            + new String(
                                                    r.getResponseBody() == null ? new byte[0] : r.getResponseBody()));
                                }
                            }
                            if (status == 201) {
                                acknowledged.add(id(r));
                            }
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "fault-load-" + t);
            loadThreads[t].setDaemon(true);
            loadThreads[t].start();
        }
    }

    // ---- the scenarios, in order

    @Test
    @Order(1)
    void healthyBaseline() {
        assertThat(postCalculation(null).getStatus().value()).isEqualTo(201);
        client.get()
                .uri("/health/deep")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("primary")
                .jsonPath("$.breakers.postgres")
                .isEqualTo("CLOSED");
        startLoad();
    }

    @Test
    @Order(2)
    void redisDownBypassesTheCacheWithoutErrors() throws Exception {
        String id = id(postCalculation(null));
        redis.destroyForcibly().waitFor();
        for (int i = 0; i < 20; i++) {
            assertThat(get(id).getStatus().value()).isEqualTo(200);
            assertThat(quote()).isEqualTo(200);
            assertThat(postCalculation(null).getStatus().value()).isEqualTo(201);
        }
        redis = LocalServers.startRedis(redisPort, root.resolve("redis"));
        // Back to full service by itself: the cache fills again once the breaker lets calls through.
        long start = System.nanoTime();
        boolean cached = false;
        while (!cached && System.nanoTime() - start < Duration.ofSeconds(35).toNanos()) {
            get(id);
            var probe = new ProcessBuilder(
                            "redis-cli", "-p", Integer.toString(redisPort), "--scan", "--pattern", "tco:calc:*" + id)
                    .redirectErrorStream(true)
                    .start();
            cached = new String(probe.getInputStream().readAllBytes()).contains(id);
            Thread.sleep(200);
        }
        assertThat(cached).as("cache used again after Redis returned").isTrue();
    }

    @Test
    @Order(3)
    void postgresDownKeepsQuotesAndCachedReadsAndFailsFast() throws Exception {
        String cachedId = id(postCalculation(null));
        assertThat(get(cachedId).getStatus().value()).isEqualTo(200);
        LocalServers.stopPostgres(primary.dataDir());
        pgProxy.dropAll();

        for (int i = 0; i < 8; i++) {
            var r = postCalculation(null);
            assertThat(r.getStatus().value()).isEqualTo(503);
            assertThat(problemType(r)).isEqualTo("service-unavailable");
            assertThat(r.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        }
        assertThat(quote()).isEqualTo(200);
        assertThat(get(cachedId).getStatus().value())
                .as("cached read served from Redis")
                .isEqualTo(200);
        assertThat(get(UUID.randomUUID().toString()).getStatus().value()).isEqualTo(503);

        LocalServers.startPostgresOn(
                LocalServers.pgBin(),
                primary.dataDir(),
                primary.socketDir(),
                primary.port(),
                root.resolve("primary").resolve("postgres.log"));
        assertThat(untilWritesAccepted(Duration.ofSeconds(35))).isLessThan(35);
    }

    @Test
    @Order(4)
    void postgresHangTimesOutThenFailsFastWithTheBreakerOpen(CapturedOutput output) throws Exception {
        LocalServers.signalPostgres(primary.dataDir(), "STOP");
        try {
            long first = System.nanoTime();
            var r = postCalculation(null);
            assertThat(r.getStatus().value()).isEqualTo(503);
            assertThat((System.nanoTime() - first) / 1e9)
                    .as("bounded by the 2 s database timeout")
                    .isLessThan(4.5);
            // Deep health answers within a second even though the database hangs.
            long h = System.nanoTime();
            client.get().uri("/health/deep").exchange().expectStatus().isEqualTo(503);
            assertThat((System.nanoTime() - h) / 1e9).isLessThan(1.5);
            // Drive the breaker open, then measure fail-fast latency while it is open (calls made while it is
            // half-open are trial calls that rightly wait for the timeout; they are not samples of the open state).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            var open = io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;
            while (database.breaker().getState() != open && System.nanoTime() < deadline) {
                postCalculation(null);
            }
            assertThat(database.breaker().getState()).isEqualTo(open);
            snapshotShows(output, "postgresBreakerOpen", 1);
            snapshotShows(output, "breakerOpen", 1);
            long[] latencies = new long[100];
            int n = 0;
            while (n < latencies.length && System.nanoTime() < deadline) {
                boolean wasOpen = database.breaker().getState() == open;
                long t = System.nanoTime();
                var fast = postCalculation(null);
                long ms = (System.nanoTime() - t) / 1_000_000;
                assertThat(fast.getStatus().value()).isEqualTo(503);
                if (wasOpen && database.breaker().getState() == open) {
                    latencies[n++] = ms;
                }
            }
            assertThat(n).isEqualTo(latencies.length);
            Arrays.sort(latencies);
            System.out.printf(
                    "breaker open: p50 %d ms, p99 %d ms, max %d ms%n", latencies[49], latencies[98], latencies[99]);
            // The service's target is p99 < 50 ms (met on a quiet machine, see bench/results.md). Measured end to end
            // on a shared, often overloaded test machine, the test asserts the property that matters and is robust:
            // calls fail fast instead of waiting for the 2 s database timeout.
            assertThat(latencies[49]).as("p50 with the breaker open (ms)").isLessThan(50);
            assertThat(latencies[98]).as("p99 with the breaker open (ms)").isLessThan(500);
        } finally {
            LocalServers.signalPostgres(primary.dataDir(), "CONT");
        }
        assertThat(untilWritesAccepted(Duration.ofSeconds(35))).isLessThan(35);
    }

    @Test
    @Order(5)
    void hotStandbyIsReadOnlyThenPromotionAcceptsWritesWithinFiveSeconds(CapturedOutput output) throws Exception {
        untilWritesAccepted(Duration.ofSeconds(35));
        String before = id(postCalculation(null));
        Path dir = root.resolve("standby");
        Files.createDirectories(dir);
        LocalServers.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
        int standbyPort = LocalServers.freePort();
        Path data = dir.resolve("data");
        LocalServers.run(
                LocalServers.asPostgres(
                        LocalServers.pgBin().resolve("pg_basebackup").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(primary.port()),
                        "-U",
                        "tco",
                        "-D",
                        data.toString(),
                        "-R",
                        "-X",
                        "stream"),
                Duration.ofSeconds(60),
                "PGPASSWORD=tco");
        Path sock = dir.resolve("sock");
        Files.createDirectories(sock);
        LocalServers.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
        LocalServers.startPostgresOn(LocalServers.pgBin(), data, sock, standbyPort, dir.resolve("postgres.log"));
        standby = new LocalServers.Postgres(standbyPort, data, sock, "tco", "tco", "tco");

        // The region's endpoint now leads to the replica (as DNS would after a demotion).
        pgProxy.target(standbyPort);
        pgProxy.dropAll();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        EntityExchangeResult<byte[]> refused = postCalculation(null);
        while (!(refused.getStatus().value() == 503 && "read-only".equals(problemType(refused)))
                && System.nanoTime() < deadline) {
            assertThat(refused.getStatus().value()).isIn(201, 503);
            Thread.sleep(200);
            refused = postCalculation(null);
        }
        assertThat(problemType(refused)).isEqualTo("read-only");
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        // Reads are served by the replica.
        assertThat(get(before).getStatus().value()).isEqualTo(200);
        client.get()
                .uri("/health/deep")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("replica")
                .jsonPath("$.writable")
                .isEqualTo(false);
        snapshotShows(output, "readOnly", 1);
        snapshotShows(output, "fenced", 0);

        // Failover: the old primary stops (fast: its remaining WAL reaches the standby), the standby is promoted.
        LocalServers.run(
                LocalServers.asPostgres(
                        LocalServers.pgBin().resolve("pg_ctl").toString(),
                        "-D",
                        primary.dataDir().toString(),
                        "-m",
                        "fast",
                        "-w",
                        "stop"),
                Duration.ofSeconds(60));
        try (Connection c = jdbc(standby)) {
            c.createStatement().execute("SELECT pg_promote(true, 60)");
        }
        double seconds = untilWritesAccepted(Duration.ofSeconds(20));
        System.out.printf("promotion to first accepted write: %.2f s%n", seconds);
        assertThat(seconds).as("writes accepted within 5 s of promotion").isLessThan(5);
        client.get().uri("/health/deep").exchange().expectStatus().isOk();
        snapshotShows(output, "readOnly", 0);
    }

    @Test
    @Order(6)
    void aFencedRegionRefusesWritesEvenThoughItsDatabaseIsWritable(CapturedOutput output) throws Exception {
        try (Connection c = jdbc(standby)) {
            c.createStatement()
                    .execute("INSERT INTO region_fence (id, active_region, epoch) VALUES (1, 'region-b', 7)");
        }
        var r = postCalculation(null);
        assertThat(r.getStatus().value()).isEqualTo(503);
        assertThat(problemType(r)).isEqualTo("read-only");
        assertThat(Json.readTree(r.getResponseBody()).get("detail").stringValue())
                .contains("fenced");
        client.get()
                .uri("/health/deep")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.fenced")
                .isEqualTo(true)
                .jsonPath("$.activeRegion")
                .isEqualTo("region-b");
        snapshotShows(output, "fenced", 1);
        snapshotShows(output, "readOnly", 0);
        try (Connection c = jdbc(standby)) {
            c.createStatement().execute("UPDATE region_fence SET active_region = 'region-a', epoch = epoch + 1");
        }
        assertThat(untilWritesAccepted(Duration.ofSeconds(5))).isLessThan(5);
        snapshotShows(output, "fenced", 0);
    }

    @Test
    @Order(7)
    void theLoadSawOnlyExpectedStatusesAndLostNothing() throws Exception {
        loadRunning.set(false);
        for (Thread t : loadThreads) {
            t.join(Duration.ofSeconds(40).toMillis());
        }
        synchronized (unexpected) {
            assertThat(unexpected).as("statuses outside 200/201/503").isEmpty();
        }
        assertThat(loadRequests.get()).isGreaterThan(20);
        assertThat(acknowledged).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (String id : acknowledged) {
            int status = 0;
            // 503 is a transient answer (e.g. a breaker still half-open); only a 404 would mean a lost calculation.
            for (int attempt = 0; attempt < 50 && status != 200 && status != 404; attempt++) {
                status = client.get()
                        .uri("/api/v1/calculations/" + id)
                        .headers(h -> h.setBearerAuth(TestTokens.token("load-user")))
                        .exchange()
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value();
                if (status == 503) {
                    Thread.sleep(200);
                }
            }
            if (status != 200) {
                missing.add(id + " " + status);
            }
        }
        System.out.printf(
                "load during faults: %d requests, %d acknowledged, %d missing%n",
                loadRequests.get(), acknowledged.size(), missing.size());
        assertThat(missing)
                .as("acknowledged calculations readable after recovery")
                .isEmpty();
    }
}
