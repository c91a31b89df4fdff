package io.drplatform.tco.ops;

import io.drplatform.tco.region.RegionRole;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every {@code tco.resilience.snapshot-interval} (60 s) one INFO line with the resilience state as flat JSON keys,
 * for CloudWatch Logs metric filters (which cannot read the Prometheus gauges, and cannot turn transition lines
 * into time spent in a state):
 *
 * <pre>{"signal":"resilience.snapshot","breakerOpen":0,"postgresBreakerOpen":0,"redisBreakerOpen":0,
 * "readOnly":0,"fenced":0, ...}</pre>
 *
 * <ul>
 *   <li>{@code <name>BreakerOpen}: 1 while that breaker is not letting calls through normally (OPEN, HALF_OPEN,
 *   FORCED_OPEN), 0 when CLOSED (or DISABLED / METRICS_ONLY); {@code breakerOpen} is the maximum of them.</li>
 *   <li>{@code readOnly}: 1 while the database is a replica ({@code pg_is_in_recovery()}); {@code fenced}: 1 while
 *   the failover fence names another region. Both are re-read at each snapshot (through the database breaker);
 *   when the database cannot answer, the last known role is reported, and before any role is known both keys are
 *   left out rather than guessed.</li>
 * </ul>
 *
 * The discriminator key is {@code signal}, not {@code event}: in ECS {@code event} is an object field set.
 */
@Component
public class ResilienceSnapshot {
    public static final String SIGNAL = "resilience.snapshot";
    private static final Logger log = LoggerFactory.getLogger(ResilienceSnapshot.class);
    private static final Duration ROLE_DEADLINE = Duration.ofSeconds(3);

    private final CircuitBreakerRegistry breakers;
    private final RegionRole role;

    public ResilienceSnapshot(CircuitBreakerRegistry breakers, RegionRole role) {
        this.breakers = breakers;
        this.role = role;
    }

    /** Writes one snapshot line and emits the values it wrote. Scheduled; tests call it directly. */
    @Scheduled(
            fixedRateString = "${tco.resilience.snapshot-interval:60s}",
            initialDelayString = "${tco.resilience.snapshot-interval:60s}")
    public Mono<Map<String, Object>> tick() {
        return role.current()
                .timeout(ROLE_DEADLINE)
                .map(Optional::of)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(Optional.empty())
                .map(fresh -> values(fresh.orElseGet(role::lastKnown)))
                .doOnNext(ResilienceSnapshot::write);
    }

    /** The values of one snapshot, in the order they are logged; breaker states are read now. */
    Map<String, Object> values(RegionRole.Role known) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("signal", SIGNAL);
        Map<String, Object> perBreaker = new LinkedHashMap<>();
        int anyOpen = 0;
        for (CircuitBreaker cb : breakers.getAllCircuitBreakers().stream()
                .sorted(Comparator.comparing(CircuitBreaker::getName))
                .toList()) {
            int open = isOpen(cb.getState()) ? 1 : 0;
            anyOpen = Math.max(anyOpen, open);
            perBreaker.put(cb.getName() + "BreakerOpen", open);
        }
        values.put("breakerOpen", anyOpen);
        values.putAll(perBreaker);
        if (known != null) {
            values.put("readOnly", known.replica() ? 1 : 0);
            values.put("fenced", known.fenced() ? 1 : 0);
        }
        return values;
    }

    static boolean isOpen(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN
                || state == CircuitBreaker.State.HALF_OPEN
                || state == CircuitBreaker.State.FORCED_OPEN;
    }

    private static void write(Map<String, Object> values) {
        LoggingEventBuilder line = log.atInfo();
        StringBuilder message = new StringBuilder("resilience snapshot:");
        values.forEach((key, value) -> {
            line.addKeyValue(key, value);
            if (!"signal".equals(key)) {
                message.append(' ').append(key).append('=').append(value);
            }
        });
        line.setMessage(message.toString()).log();
    }
}
