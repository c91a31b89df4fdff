package io.drplatform.tco.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every Redis call goes through here: time limiter (default 100 ms) inside the circuit breaker inside a bulkhead,
 * no retry (a cache miss is cheaper than a second wait). Callers put their fallback (cache miss, in-memory rate
 * limit) outside this chain, so the breaker still sees every failure.
 */
@Component
public class CacheGateway {
    public static final String NAME = "redis";

    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final Bulkhead bulkhead;
    private final boolean enabled;

    public CacheGateway(
            CircuitBreakerRegistry breakers,
            TimeLimiterRegistry timeLimiters,
            BulkheadRegistry bulkheads,
            @org.springframework.beans.factory.annotation.Value("${tco.resilience.enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.breaker = breakers.circuitBreaker(NAME);
        this.timeLimiter = timeLimiters.timeLimiter(NAME);
        this.bulkhead = bulkheads.bulkhead(NAME);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public <T> Mono<T> call(Supplier<Mono<T>> call) {
        if (!enabled) {
            return Mono.defer(call);
        }
        return Mono.defer(call)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(BulkheadOperator.of(bulkhead));
    }
}
