package io.drplatform.tco.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.drplatform.tco.TcoServiceApplication;
import io.drplatform.tco.migrate.MigrateCommand;
import io.drplatform.tco.support.LocalServers;
import io.drplatform.tco.support.Requests;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The CloudWatch registry at the wire: the real service, configured as the platform configures it in AWS (a
 * namespace), sends PutMetricData to CloudWatch served by WireMock (RPC v2 CBOR). Every datum must be one of the
 * dashboard's meters with its bounded dimensions; JVM, pool, histogram and health-probe meters must not leave the
 * task. The counters sent at shutdown are the calls made here.
 */
class CloudWatchPublishingTest {
    private static final String NAMESPACE = "DrPlatform/tco-test/api";
    private static final String REGION = "eu-west-1";
    private static final String PUT_METRIC_DATA = "/service/GraniteServiceVersion20100801/operation/PutMetricData";
    private static final String DATABASE = "cloudwatch_metrics";
    private static final int QUOTES = 3;
    private static final int INVALID_QUOTES = 2;

    private static WireMockServer cloudWatch;
    private static List<Datum> sent;
    private static String namespace;

    /** One MetricDatum as CloudWatch received it. */
    record Datum(String name, Map<String, String> dimensions, double value) {}

    @BeforeAll
    static void publishWhileServing() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDMETRICSTEST");
        System.setProperty("aws.secretAccessKey", "metrics-test-secret-key");
        cloudWatch = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        cloudWatch.start();
        cloudWatch.stubFor(post(urlPathEqualTo(PUT_METRIC_DATA))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/cbor")
                        .withHeader("smithy-protocol", "rpc-v2-cbor")
                        // PutMetricData's output is an empty structure: an empty CBOR map.
                        .withBody(new byte[] {(byte) 0xA0})));

        LocalServers servers = LocalServers.get();
        LocalServers.Postgres pg = servers.postgres();
        // A database of its own, migrated, so the service is healthy: no breaker opens, no mode is entered.
        try (Connection owner = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = owner.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE;
        assertThat(MigrateCommand.run(
                        "--spring.flyway.url=" + jdbcUrl,
                        "--spring.flyway.user=" + pg.user(),
                        "--spring.flyway.password=" + pg.password(),
                        "--logging.structured.format.console="))
                .isZero();
        ConfigurableApplicationContext service = new SpringApplicationBuilder(TcoServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--tco.region=" + REGION,
                        "--tco.metrics.cloudwatch.namespace=" + NAMESPACE,
                        // One step for the whole test: the registry sends what it counted when the service stops (as a
                        // task
                        // does at scale-in), so every counter's value is exactly the calls made here, however late a
                        // loaded machine would run the scheduled sends.
                        "--tco.metrics.cloudwatch.step=1h",
                        "--tco.metrics.cloudwatch.region=" + REGION,
                        "--tco.metrics.cloudwatch.endpoint=" + cloudWatch.baseUrl(),
                        "--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE,
                        "--spring.r2dbc.username=" + pg.user(),
                        "--spring.r2dbc.password=" + pg.password(),
                        "--spring.data.redis.port=" + servers.redisPort(),
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri="
                                + io.drplatform.tco.support.TestTokens.jwkSetUri(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                                + io.drplatform.tco.support.TestTokens.ISSUER,
                        // As in the other API tests: a loaded test machine must not open the cache breaker.
                        "--resilience4j.timelimiter.instances.redis.timeout-duration=1s",
                        // The first requests of a new JVM on a shared, loaded machine may exceed the 10 s deadline.
                        "--tco.request-timeout=60s",
                        "--logging.structured.format.console=");
        try {
            String base = "http://127.0.0.1:"
                    + ((WebServerApplicationContext) service).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < QUOTES; i++) {
                assertThat(send(http, base, "/api/v1/quotes", Requests.VALID)).isEqualTo(200);
            }
            for (int i = 0; i < INVALID_QUOTES; i++) {
                assertThat(send(http, base, "/api/v1/quotes", "{}")).isEqualTo(400);
            }
            // No token: refused by security before any route matched.
            assertThat(send(http, base, "/api/v1/calculations", Requests.VALID)).isEqualTo(401);
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            service.close();
        }
        List<LoggedRequest> requests = cloudWatch.findAll(postRequestedFor(urlPathEqualTo(PUT_METRIC_DATA)));
        assertThat(requests).as("PutMetricData requests").isNotEmpty();
        CBORMapper cbor = new CBORMapper();
        sent = new ArrayList<>();
        for (LoggedRequest request : requests) {
            JsonNode body = cbor.readTree(request.getBody());
            namespace = body.path("Namespace").asString();
            for (JsonNode d : body.path("MetricData")) {
                Map<String, String> dimensions = new TreeMap<>();
                for (JsonNode dim : d.path("Dimensions")) {
                    dimensions.put(
                            dim.path("Name").asString(), dim.path("Value").asString());
                }
                sent.add(new Datum(
                        d.path("MetricName").asString(),
                        dimensions,
                        d.path("Value").asDouble()));
            }
        }
    }

    private static int send(HttpClient http, String base, String path, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @AfterAll
    static void stop() {
        if (cloudWatch != null) {
            cloudWatch.stop();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void onlyTheDashboardsMetersAreSentToTheConfiguredNamespace() {
        assertThat(namespace).isEqualTo(NAMESPACE);
        assertThat(sent.stream().map(Datum::name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "calculations.count",
                        "tco.degraded.mode.value",
                        "resilience4j.circuitbreaker.state.value",
                        "http.server.requests.count",
                        "http.server.requests.sum",
                        "http.server.requests.avg",
                        "http.server.requests.max");
    }

    @Test
    void calculationsAreCountedPerOutcome() {
        assertThat(total("calculations.count", Map.of("outcome", "quoted", "region", REGION)))
                .isEqualTo(QUOTES);
        assertThat(total("calculations.count", Map.of("outcome", "invalid", "region", REGION)))
                .isEqualTo(INVALID_QUOTES);
        assertThat(dimensionsOf("calculations.count"))
                .allSatisfy(d -> assertThat(d.keySet()).containsExactlyInAnyOrder("outcome", "region"));
    }

    @Test
    void requestsArePerRouteAndOutcomeOnly() {
        assertThat(total(
                        "http.server.requests.count",
                        Map.of("uri", "/api/v1/quotes", "outcome", "SUCCESS", "region", REGION)))
                .isEqualTo(QUOTES);
        assertThat(total(
                        "http.server.requests.count",
                        Map.of("uri", "/api/v1/quotes", "outcome", "CLIENT_ERROR", "region", REGION)))
                .isEqualTo(INVALID_QUOTES);
        assertThat(total(
                        "http.server.requests.count",
                        Map.of("uri", "UNKNOWN", "outcome", "CLIENT_ERROR", "region", REGION)))
                .as("the 401 refused before routing")
                .isEqualTo(1);
        // No method, status or exception dimension, and no health probe.
        assertThat(dimensionsOf("http.server.requests.count"))
                .allSatisfy(d -> assertThat(d.keySet()).containsExactlyInAnyOrder("uri", "outcome", "region"))
                .allSatisfy(d -> assertThat(d.get("uri")).matches("/api/.*|UNKNOWN"));
    }

    @Test
    void degradedModesAndOpenBreakerStatesAreGauges() {
        assertThat(dimensionsOf("tco.degraded.mode.value"))
                .containsExactlyInAnyOrder(
                        Map.of("mode", "database-unavailable", "region", REGION),
                        Map.of("mode", "cache-bypassed", "region", REGION),
                        Map.of("mode", "read-only", "region", REGION),
                        Map.of("mode", "fenced", "region", REGION));
        assertThat(dimensionsOf("resilience4j.circuitbreaker.state.value"))
                .containsExactlyInAnyOrder(
                        Map.of("name", "postgres", "state", "open", "region", REGION),
                        Map.of("name", "postgres", "state", "half_open", "region", REGION),
                        Map.of("name", "redis", "state", "open", "region", REGION),
                        Map.of("name", "redis", "state", "half_open", "region", REGION));
        // The database is a writable primary without a fence; each breaker-driven mode is on exactly when its breaker
        // is not closed (a loaded machine may open the cache breaker: the published values must say so consistently).
        assertThat(value("tco.degraded.mode.value", Map.of("mode", "read-only", "region", REGION)))
                .isZero();
        assertThat(value("tco.degraded.mode.value", Map.of("mode", "fenced", "region", REGION)))
                .isZero();
        assertThat(value("tco.degraded.mode.value", Map.of("mode", "database-unavailable", "region", REGION)))
                .isEqualTo(notClosed("postgres"));
        assertThat(value("tco.degraded.mode.value", Map.of("mode", "cache-bypassed", "region", REGION)))
                .isEqualTo(notClosed("redis"));
    }

    /** The last value sent for one gauge. */
    private static double value(String name, Map<String, String> dimensions) {
        return sent.stream()
                .filter(d -> d.name().equals(name) && d.dimensions().equals(dimensions))
                .reduce((first, second) -> second)
                .orElseThrow()
                .value();
    }

    private static double notClosed(String breaker) {
        return Math.max(
                value(
                        "resilience4j.circuitbreaker.state.value",
                        Map.of("name", breaker, "state", "open", "region", REGION)),
                value(
                        "resilience4j.circuitbreaker.state.value",
                        Map.of("name", breaker, "state", "half_open", "region", REGION)));
    }

    @Test
    void withoutANamespaceNothingIsPublished() {
        new ApplicationContextRunner()
                .withUserConfiguration(CloudWatchPublishing.class)
                .withPropertyValues("tco.metrics.cloudwatch.namespace=")
                .run(context -> assertThat(context).doesNotHaveBean(CloudWatchMeterRegistry.class));
        new ApplicationContextRunner()
                .withUserConfiguration(CloudWatchPublishing.class)
                .run(context -> assertThat(context).doesNotHaveBean(CloudWatchMeterRegistry.class));
    }

    private static double total(String name, Map<String, String> dimensions) {
        return sent.stream()
                .filter(d -> d.name().equals(name) && d.dimensions().equals(dimensions))
                .mapToDouble(Datum::value)
                .sum();
    }

    private static Set<Map<String, String>> dimensionsOf(String name) {
        return sent.stream()
                .filter(d -> d.name().equals(name))
                .map(Datum::dimensions)
                .collect(Collectors.toSet());
    }
}
