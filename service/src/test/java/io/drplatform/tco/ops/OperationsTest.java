package io.drplatform.tco.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import io.drplatform.tco.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Probes, metrics, info, request ids and structured logs. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends ServiceTest {

    @Test
    void probesAreUp() {
        client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void infoShowsVersionRegionAndCommit() {
        client.get()
                .uri("/actuator/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.region")
                .isEqualTo("test-region-1")
                .jsonPath("$.build.version")
                .isEqualTo("0.1.0-SNAPSHOT")
                .jsonPath("$.git.commit.id")
                .exists();
    }

    @Test
    void prometheusHasRequestHistogramsCalculationCountsAndTimers() {
        client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Requests.VALID)
                .exchange()
                .expectStatus()
                .isOk();
        client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.token("metrics-user")))
                .bodyValue(Requests.VALID)
                .exchange()
                .expectStatus()
                .isCreated();
        String metrics = client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("http_server_requests_seconds_bucket")
                .containsPattern("calculations_total\\{[^}]*outcome=\"quoted\"")
                .containsPattern("calculations_total\\{[^}]*outcome=\"invalid\"")
                .containsPattern("calculations_total\\{[^}]*outcome=\"created\"")
                .containsPattern("calculation_duration_seconds_count\\{[^}]*kind=\"calculation\"")
                .containsPattern("calculation_duration_seconds_count\\{[^}]*kind=\"quote\"");
    }

    @Test
    void requestIdIsTakenOrGeneratedAndReturned() {
        client.get()
                .uri("/actuator/health/liveness")
                .header("X-Request-Id", "given-id-42")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "given-id-42");
        String generated = client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        // A header that could forge log content is replaced, not echoed.
        String forged = client.get()
                .uri("/actuator/health/liveness")
                .header("X-Request-Id", "a b\"c")
                .exchange()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        assertThat(forged).isNotEqualTo("a b\"c");
    }

    @Test
    void everyLogLineOfARequestIsJsonWithItsRequestId(CapturedOutput output) throws InterruptedException {
        String requestId = "log-check-" + System.nanoTime();
        client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", requestId)
                .headers(h -> h.setBearerAuth(TestTokens.token("log-user")))
                .bodyValue(Requests.VALID)
                .exchange()
                .expectStatus()
                .isCreated();
        // The access line is queued as the exchange completes and written by the asynchronous appender's thread.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && output.getOut()
                        .lines()
                        .noneMatch(l -> l.contains(requestId)
                                && l.contains("POST /api/v1/calculations 201")
                                && l.endsWith("}"))) {
            Thread.sleep(20);
        }
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(l -> l.contains(requestId))
                .map(l -> Json.readTree(l.getBytes(StandardCharsets.UTF_8)))
                .toList();
        // The service's own line (written on a database thread) and the access line.
        assertThat(lines)
                .anySatisfy(l -> assertThat(l.get("message").stringValue()).startsWith("stored calculation"));
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l.get("message").stringValue()).startsWith("POST /api/v1/calculations 201"));
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.get("requestId").stringValue()).isEqualTo(requestId));
    }
}
