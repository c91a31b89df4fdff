package io.drplatform.tco.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import io.drplatform.tco.web.Json;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Traces as the service records them, read from an in-memory exporter next to the OTLP one: a calculation request
 * is a server span whose descendants are the PostgreSQL queries and the Redis commands it made, and its trace id is
 * in every log line of the request and in the problem document of a bad request.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(TracingTest.SpanCapture.class)
@TestPropertySource(
        properties = {
            "management.tracing.sampling.probability=1.0",
            // Finished spans reach the exporter within 100 ms instead of the default 5 s batch delay.
            "management.opentelemetry.tracing.export.schedule-delay=100ms"
        })
class TracingTest extends ServiceTest {
    private static final long WAIT_NANOS = 15_000_000_000L;

    @TestConfiguration(proxyBeanMethods = false)
    static class SpanCapture {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;

    /**
     * This class has a context of its own, so its first calculation would be the application's first: connections to
     * PostgreSQL and Redis opened, code not yet compiled. One calculation first, whatever its outcome, so that the
     * assertions are about tracing, not about a cold start on a busy machine.
     */
    @BeforeEach
    void warmUpThenForgetEarlierSpans() throws InterruptedException {
        client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.token("trace-warm-up")))
                .bodyValue(Requests.VALID)
                .exchange()
                .expectBody()
                .returnResult();
        // Its server span ends last; once exported, nothing of the warm-up is left to arrive after the reset.
        awaitSpan(TracingTest::isCalculationServerSpan);
        spans.reset();
    }

    @Test
    void aCalculationIsAServerSpanWithDatabaseAndRedisSpansBeneathIt(CapturedOutput output)
            throws InterruptedException {
        String requestId = "trace-check-" + System.nanoTime();
        client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", requestId)
                .headers(h -> h.setBearerAuth(TestTokens.token("trace-user")))
                .bodyValue(Requests.VALID)
                .exchange()
                .expectStatus()
                .isCreated();

        SpanData server = awaitSpan(TracingTest::isCalculationServerSpan);
        assertThat(spans.getFinishedSpanItems().stream().filter(TracingTest::isCalculationServerSpan))
                .as("one calculation request since the reset")
                .hasSize(1);
        String traceId = server.getTraceId();
        SpanData query = awaitSpan(s -> s.getTraceId().equals(traceId) && isDatabaseSpan(s));
        SpanData redis = awaitSpan(s -> s.getTraceId().equals(traceId) && isRedisSpan(s));

        Map<String, SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        assertThat(server.getParentSpanContext().isValid())
                .as("the server span is the root of the trace")
                .isFalse();
        assertThat(ancestors(query, trace)).as("the query's parents").contains(server.getSpanId());
        assertThat(ancestors(redis, trace)).as("the Redis command's parents").contains(server.getSpanId());
        assertThat(query.getStartEpochNanos()).isGreaterThanOrEqualTo(server.getStartEpochNanos());
        assertThat(query.getEndEpochNanos()).isLessThanOrEqualTo(server.getEndEpochNanos());

        List<JsonNode> lines = awaitLogLines(output, requestId, "POST /api/v1/calculations 201");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l.get("message").stringValue()).startsWith("stored calculation"));
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.path("traceId").stringValue())
                        .as("traceId of %s", l)
                        .isEqualTo(traceId));
    }

    @Test
    void aBadRequestsProblemCarriesItsTraceId(CapturedOutput output) throws InterruptedException {
        String requestId = "trace-problem-" + System.nanoTime();
        byte[] body = client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", requestId)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode problem = Json.readTree(body);
        String traceId = problem.path("traceId").stringValue();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(problem.path("requestId").stringValue()).isEqualTo(requestId);

        SpanData server =
                awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
        assertThat(server.getAttributes().asMap().toString()).contains("400");
        assertThat(awaitLogLines(output, requestId, "POST /api/v1/quotes 400"))
                .allSatisfy(l -> assertThat(l.path("traceId").stringValue()).isEqualTo(traceId));
    }

    private static boolean isCalculationServerSpan(SpanData s) {
        return s.getKind() == SpanKind.SERVER
                && s.getAttributes().asMap().entrySet().stream()
                        .anyMatch(e -> e.getKey().getKey().equals("uri")
                                && "/api/v1/calculations".equals(String.valueOf(e.getValue())));
    }

    private static boolean isDatabaseSpan(SpanData s) {
        return s.getKind() == SpanKind.CLIENT
                && s.getAttributes().asMap().keySet().stream()
                        .anyMatch(k -> k.getKey().startsWith("r2dbc."));
    }

    private static boolean isRedisSpan(SpanData s) {
        return s.getKind() == SpanKind.CLIENT
                && s.getAttributes().asMap().entrySet().stream()
                        .anyMatch(e -> e.getKey().getKey().equals("db.system")
                                && "redis".equals(String.valueOf(e.getValue())));
    }

    /** The span ids above {@code span}, nearest first, as far as the trace's spans reach. */
    private static List<String> ancestors(SpanData span, Map<String, SpanData> trace) {
        var ids = new java.util.ArrayList<String>();
        Optional<SpanData> parent = Optional.ofNullable(trace.get(span.getParentSpanId()));
        while (parent.isPresent()) {
            ids.add(parent.get().getSpanId());
            parent = Optional.ofNullable(trace.get(parent.get().getParentSpanId()));
        }
        return ids;
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            Optional<SpanData> found =
                    spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such span among "
                        + spans.getFinishedSpanItems().stream()
                                .map(s -> s.getKind() + " " + s.getName() + " " + s.getAttributes())
                                .toList());
            }
            Thread.sleep(50);
        }
    }

    /** The JSON lines of one request, once its access line (written asynchronously) is out. */
    private static List<JsonNode> awaitLogLines(CapturedOutput output, String requestId, String accessLine)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline
                && output.getOut()
                        .lines()
                        .noneMatch(l -> l.contains(requestId) && l.contains(accessLine) && l.endsWith("}"))) {
            Thread.sleep(20);
        }
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(l -> l.contains(requestId))
                .map(l -> Json.readTree(l.getBytes(StandardCharsets.UTF_8)))
                .toList();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l.get("message").stringValue()).startsWith(accessLine));
        return lines;
    }
}
