package io.drplatform.tco.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An opening breaker says why: the transition line carries the last failure and its innermost cause. */
@ExtendWith(OutputCaptureExtension.class)
class BreakerTransitionLogTest {

    @Test
    void theOpeningLineNamesTheLastFailureAndItsCause(CapturedOutput output) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(2)
                        .minimumNumberOfCalls(2)
                        .failureRateThreshold(50)
                        .build(),
                new ResilienceConfig().breakerTransitionLog());
        CircuitBreaker redis = registry.circuitBreaker("redis");

        RuntimeException refused = new RuntimeException(
                "Unable to connect to 127.0.0.3:6380", new SSLHandshakeException("PKIX path building failed"));
        redis.onError(5, TimeUnit.MILLISECONDS, refused);
        redis.onError(5, TimeUnit.MILLISECONDS, refused);

        assertThat(redis.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        awaitLine(output, "circuit breaker redis CLOSED -> OPEN");
        assertThat(output.getAll())
                .contains("circuit breaker redis CLOSED -> OPEN; last failure: RuntimeException: Unable"
                        + " to connect to 127.0.0.3:6380 (cause: SSLHandshakeException: PKIX path building failed)");

        redis.transitionToHalfOpenState();
        awaitLine(output, "circuit breaker redis OPEN -> HALF_OPEN");
        assertThat(output.getAll())
                .contains("circuit breaker redis OPEN -> HALF_OPEN")
                .doesNotContain("OPEN -> HALF_OPEN; last failure");
    }

    /**
     * When an earlier test of this JVM started the application, its logging is asynchronous: a line reaches the
     * output on the appender's thread, shortly after the call that logged it (5 s at most here).
     */
    private static void awaitLine(CapturedOutput output, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!output.getAll().contains(text) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
