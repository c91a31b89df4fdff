package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The entry point routes like Route 53 failover records: threshold rule, primary preferred, both-down → primary. */
class FailoverEntryPointTest {
    private HttpServer east;
    private HttpServer west;
    private final AtomicInteger eastHealth = new AtomicInteger(200);
    private final AtomicInteger westHealth = new AtomicInteger(503);
    private int port;

    private HttpServer region(String name, AtomicInteger health) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        s.createContext("/health/deep", ex -> {
            ex.sendResponseHeaders(health.get(), -1);
            ex.close();
        });
        s.createContext("/api/v1/calculations", ex -> {
            byte[] body = ("{\"id\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(201, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }

    private JsonNode status() throws Exception {
        return new ObjectMapper()
                .readTree(LocalProcesses.httpBody(
                        "http://127.0.0.1:" + port + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(2)));
    }

    private String answering() throws Exception {
        return status().get("answering").asText();
    }

    private boolean awaitAnswering(String region, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (region.equals(answering())) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private FailoverEntryPoint ep;

    @AfterEach
    void stop() {
        if (ep != null) {
            ep.stop();
        }
        east.stop(0);
        west.stop(0);
    }

    @Test
    void failsOverAfterThresholdFailuresAndBackAfterThresholdSuccesses() throws Exception {
        east = region("east", eastHealth);
        west = region("west", westHealth);
        port = LocalProcesses.freePort();
        ep = new FailoverEntryPoint(
                new FailoverEntryPoint.Target(
                        "east",
                        URI.create("http://127.0.0.1:" + east.getAddress().getPort())),
                new FailoverEntryPoint.Target(
                        "west",
                        URI.create("http://127.0.0.1:" + west.getAddress().getPort())),
                "/health/deep",
                Duration.ofMillis(100),
                3);
        ep.start("127.0.0.1", port, Duration.ofMillis(100));
        assertThat(answering()).isEqualTo("east");
        assertThat(LocalProcesses.httpStatus(
                        "http://127.0.0.1:" + port + "/actuator/health/liveness", Duration.ofSeconds(1)))
                .isEqualTo(404);

        // east fails, west not yet healthy: both unhealthy → Route 53 answers with the primary
        eastHealth.set(503);
        Thread.sleep(600);
        assertThat(answering()).isEqualTo("east");
        JsonNode regions = status().get("regions");
        assertThat(regions.get(0).get("healthy").asBoolean()).isFalse();

        long promoted = System.nanoTime();
        westHealth.set(200);
        assertThat(awaitAnswering("west", Duration.ofSeconds(5))).isTrue();
        // three successes at 100 ms are needed, so not before ~200 ms
        assertThat(Duration.ofNanos(System.nanoTime() - promoted)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        // a single good east check does not flip it back: threshold applies both ways
        eastHealth.set(200);
        Thread.sleep(120);
        eastHealth.set(503);
        Thread.sleep(400);
        assertThat(answering()).isEqualTo("west");

        eastHealth.set(200);
        assertThat(awaitAnswering("east", Duration.ofSeconds(5))).isTrue();
        assertThat(status().get("events").toString())
                .contains("\"type\":\"unhealthy\",\"region\":\"east\"", "\"type\":\"answering\",\"region\":\"west\"");
    }
}
