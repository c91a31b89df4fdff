package io.drplatform.tco.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.resilience.CacheGateway;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.web.Json;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.JsonNode;

/**
 * The resilience snapshot line as CloudWatch Logs metric filters read it: the real ECS JSON console output of
 * Spring Boot, with the keys at the top level and 0/1 as JSON numbers. The breaker states are driven through the
 * real registry; the real-replica and fence states are checked in {@link io.drplatform.tco.resilience.FaultInjectionTest}.
 */
@ExtendWith(OutputCaptureExtension.class)
public class ResilienceSnapshotTest extends ServiceTest {
    @Autowired
    ResilienceSnapshot snapshot;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    ScheduledTaskHolder scheduled;

    /**
     * Calls the snapshot once and returns the snapshot lines written meanwhile (parsed as JSON). Lines reach stdout
     * through the asynchronous appender's thread, so they are awaited (5 s at most).
     */
    public static List<JsonNode> tick(ResilienceSnapshot snapshot, CapturedOutput output) {
        int before = output.getOut().length();
        Map<String, Object> written = snapshot.tick().block(Duration.ofSeconds(10));
        assertThat(written).isNotNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<JsonNode> lines = snapshotLines(output, before);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            lines = snapshotLines(output, before);
        }
        assertThat(lines).as("snapshot lines written by one tick").isNotEmpty();
        return lines;
    }

    private static List<JsonNode> snapshotLines(CapturedOutput output, int from) {
        String out = output.getOut();
        return out.substring(from, Math.max(from, out.lastIndexOf('\n') + 1))
                .lines()
                .filter(l -> l.contains(ResilienceSnapshot.SIGNAL))
                .map(l -> Json.readTree(l.getBytes(StandardCharsets.UTF_8)))
                .filter(n -> n.path("signal").isString()
                        && ResilienceSnapshot.SIGNAL.equals(n.path("signal").stringValue()))
                .toList();
    }

    @Test
    void theSnapshotIsScheduledEveryMinuteByDefault() {
        assertThat(scheduled.getScheduledTasks()).anySatisfy(t -> {
            assertThat(t.getTask()).isInstanceOf(FixedRateTask.class);
            FixedRateTask task = (FixedRateTask) t.getTask();
            assertThat(task.getRunnable().toString()).contains("ResilienceSnapshot.tick");
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(60));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(60));
        });
    }

    @Test
    void theLineHasFlatNumericKeysForMetricFilters(CapturedOutput output) {
        List<JsonNode> lines = tick(snapshot, output);
        JsonNode line = lines.get(lines.size() - 1);
        for (String key : List.of("breakerOpen", "postgresBreakerOpen", "redisBreakerOpen", "readOnly", "fenced")) {
            assertThat(line.get(key)).as(key + " at the top level").isNotNull();
            assertThat(line.get(key).isIntegralNumber())
                    .as(key + " is a JSON number: " + line)
                    .isTrue();
        }
        assertThat(line.get("breakerOpen").asInt()).isZero();
        assertThat(line.get("readOnly").asInt())
                .as("the test database is a primary")
                .isZero();
        assertThat(line.get("fenced").asInt()).isZero();
        assertThat(line.get("message").stringValue()).startsWith("resilience snapshot:");
    }

    @Test
    void theBreakerKeysFlipWithTheBreakerState(CapturedOutput output) {
        var redis = breakers.circuitBreaker(CacheGateway.NAME);
        try {
            redis.transitionToForcedOpenState();
            for (JsonNode line : tick(snapshot, output)) {
                assertThat(line.get("redisBreakerOpen").asInt())
                        .as(line.toString())
                        .isEqualTo(1);
                assertThat(line.get("breakerOpen").asInt()).isEqualTo(1);
                assertThat(line.get("postgresBreakerOpen").asInt()).isZero();
            }
            redis.transitionToHalfOpenState();
            for (JsonNode line : tick(snapshot, output)) {
                assertThat(line.get("redisBreakerOpen").asInt())
                        .as("half-open is not yet recovered")
                        .isEqualTo(1);
            }
        } finally {
            redis.transitionToClosedState();
        }
        for (JsonNode line : tick(snapshot, output)) {
            assertThat(line.get("redisBreakerOpen").asInt()).isZero();
            assertThat(line.get("breakerOpen").asInt()).isZero();
        }
    }
}
