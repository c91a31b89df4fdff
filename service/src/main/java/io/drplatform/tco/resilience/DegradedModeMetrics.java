package io.drplatform.tco.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code tco_degraded_mode{mode}} gauges (1 while active) for the breaker-driven modes, and one log line per mode
 * change. The role-driven modes (read-only, fenced) are published by RegionRole.
 */
@Component
public class DegradedModeMetrics {
    private static final Logger log = LoggerFactory.getLogger(DegradedModeMetrics.class);

    public DegradedModeMetrics(DatabaseGateway database, CacheGateway cache, MeterRegistry meters) {
        register(meters, "database-unavailable", database.breaker());
        register(meters, "cache-bypassed", cache.breaker());
    }

    private static void register(MeterRegistry meters, String mode, CircuitBreaker breaker) {
        Gauge.builder("tco.degraded.mode", breaker, b -> b.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .tag("mode", mode)
                .description("1 while the mode is active")
                .register(meters);
        breaker.getEventPublisher().onStateTransition(e -> {
            boolean degraded = e.getStateTransition().getToState() != CircuitBreaker.State.CLOSED;
            boolean wasDegraded = e.getStateTransition().getFromState() != CircuitBreaker.State.CLOSED;
            if (degraded != wasDegraded) {
                log.warn("degraded mode {} {}", mode, degraded ? "entered" : "left");
            }
        });
    }
}
