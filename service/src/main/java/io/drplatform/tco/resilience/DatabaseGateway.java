package io.drplatform.tco.resilience;

import io.drplatform.tco.problem.ApiException;
import io.drplatform.tco.problem.ProblemType;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every PostgreSQL call goes through here: time limiter inside the circuit breaker (so a timeout is recorded as a
 * failure), the breaker inside a bulkhead, and a retry with exponential backoff and jitter outermost, only for
 * calls that are safe to repeat (reads, and writes carrying an idempotency key). Each attempt is a real call to
 * the database and is counted by the breaker; an open breaker or a full bulkhead is never retried. Failures leave
 * as 503 problems with Retry-After; a read-only database as the {@code read-only} problem type.
 */
@Component
public class DatabaseGateway {
    public static final String NAME = "postgres";

    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final List<Consumer<Throwable>> readOnlyListeners = new CopyOnWriteArrayList<>();
    private final boolean enabled;

    public DatabaseGateway(
            CircuitBreakerRegistry breakers,
            TimeLimiterRegistry timeLimiters,
            BulkheadRegistry bulkheads,
            RetryRegistry retries,
            @org.springframework.beans.factory.annotation.Value("${tco.resilience.enabled:true}") boolean enabled) {
        // Disabling the chain exists for the benchmark only (its cost and the behaviour without it).
        this.enabled = enabled;
        this.breaker = breakers.circuitBreaker(NAME);
        this.timeLimiter = timeLimiters.timeLimiter(NAME);
        this.bulkhead = bulkheads.bulkhead(NAME);
        this.retry = retries.retry(NAME);
    }

    /** Called whenever PostgreSQL answers that it is read-only (role re-check, connection eviction). */
    public void onReadOnly(Consumer<Throwable> listener) {
        readOnlyListeners.add(listener);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public <T> Mono<T> read(Supplier<Mono<T>> call) {
        return guard(Mono.defer(call), true);
    }

    public <T> Mono<List<T>> readAll(Supplier<Flux<T>> call) {
        return guard(Mono.defer(() -> call.get().collectList()), true);
    }

    /** A write; {@code repeatable} only when a retry cannot create a duplicate (an idempotency key). */
    public <T> Mono<T> write(Supplier<Mono<T>> call, boolean repeatable) {
        return guard(Mono.defer(call), repeatable);
    }

    private <T> Mono<T> guard(Mono<T> call, boolean retryable) {
        if (!enabled) {
            return call.onErrorMap(this::translate);
        }
        Mono<T> guarded = call.transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(BulkheadOperator.of(bulkhead));
        if (retryable) {
            guarded = guarded.transformDeferred(RetryOperator.of(retry));
        }
        return guarded.onErrorMap(this::translate);
    }

    private Throwable translate(Throwable e) {
        if (e instanceof ApiException) {
            return e;
        }
        if (DatabaseErrors.isReadOnly(e)) {
            readOnlyListeners.forEach(l -> l.accept(e));
            return new ApiException(
                    ProblemType.READ_ONLY, "the database is read-only in this region right now", Duration.ofSeconds(5));
        }
        if (e instanceof CallNotPermittedException) {
            return new ApiException(ProblemType.UNAVAILABLE, "the database is unavailable (circuit open)", openWait());
        }
        if (e instanceof BulkheadFullException) {
            return new ApiException(
                    ProblemType.UNAVAILABLE, "too many concurrent database calls", Duration.ofSeconds(1));
        }
        if (e instanceof TimeoutException
                || e instanceof DataAccessException
                || e instanceof IOException
                || e instanceof io.r2dbc.spi.R2dbcException
                || isConnectionFailure(e)) {
            return new ApiException(ProblemType.UNAVAILABLE, "the database is unavailable", Duration.ofSeconds(5));
        }
        return e;
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof IOException
                    || c instanceof io.r2dbc.spi.R2dbcException
                    || c.getClass().getName().startsWith("io.netty.channel")) {
                return true;
            }
        }
        return false;
    }

    private Duration openWait() {
        long ms = breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1);
        return Duration.ofMillis(Math.max(1000, ms));
    }
}
