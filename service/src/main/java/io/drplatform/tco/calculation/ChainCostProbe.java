package io.drplatform.tco.calculation;

import io.drplatform.tco.resilience.DatabaseGateway;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The resilience chain's cost measured in one JVM (bench profile only): the same repository query, once through
 * the service's guarded repository and once through a repository whose gateway passes calls straight through.
 * Two service instances differ by more than the chain costs on a small shared machine (JIT, heap, scheduling);
 * one instance serving both paths alternately leaves the chain as the only difference.
 */
@RestController
@Profile("bench")
public class ChainCostProbe {
    private final CalculationRepository guarded;
    private final CalculationRepository unguarded;

    public ChainCostProbe(
            DatabaseClient db,
            CalculationRepository guarded,
            CircuitBreakerRegistry breakers,
            TimeLimiterRegistry timeLimiters,
            BulkheadRegistry bulkheads,
            RetryRegistry retries) {
        this.guarded = guarded;
        this.unguarded =
                new CalculationRepository(db, new DatabaseGateway(breakers, timeLimiters, bulkheads, retries, false));
    }

    @GetMapping(path = "/bench/chain-cost", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<String> page(@RequestParam String owner, @RequestParam(defaultValue = "true") boolean guarded) {
        return (guarded ? this.guarded : unguarded).page(owner, null, 1).map(rows -> "{\"rows\":" + rows.size() + "}");
    }
}
