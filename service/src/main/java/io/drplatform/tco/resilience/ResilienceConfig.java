package io.drplatform.tco.resilience;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The numbers (window, thresholds, timeouts, attempts) are resilience4j's standard Spring Boot properties in
 * application.yaml; this adds what properties cannot express: which errors count, which are retried, and one log
 * line per breaker transition.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfig {
    private static final Logger log = LoggerFactory.getLogger(ResilienceConfig.class);

    @Bean
    CircuitBreakerConfigCustomizer postgresBreakerPredicates() {
        return CircuitBreakerConfigCustomizer.of(
                DatabaseGateway.NAME, b -> b.ignoreException(DatabaseErrors::isNotAFailure));
    }

    @Bean
    RetryConfigCustomizer postgresRetryPredicates() {
        // Retry transient failures only: never an open breaker, a full bulkhead, a read-only database or an answer,
        // and not a timeout either: a hanging database would triple the wait (3 x 2 s) for nothing.
        java.util.function.Predicate<Throwable> transientFailure = e -> !(e instanceof CallNotPermittedException)
                && !(e instanceof BulkheadFullException)
                && !(e instanceof java.util.concurrent.TimeoutException)
                && !DatabaseErrors.isNotAFailure(e);
        return RetryConfigCustomizer.of(DatabaseGateway.NAME, b -> b.retryOnException(transientFailure));
    }

    /** The failure and its innermost cause, one line: the cause is what on-call needs (e.g. a PKIX path error). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure
                ? text
                : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    @Bean
    RegistryEventConsumer<CircuitBreaker> breakerTransitionLog() {
        return new RegistryEventConsumer<>() {
            @Override
            public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> event) {
                CircuitBreaker cb = event.getAddedEntry();
                // The transition line names the last recorded failure, so an opened breaker says why (a refused TLS
                // certificate, a wrong password, a timeout) without raising the dependency's own log level.
                java.util.concurrent.atomic.AtomicReference<Throwable> lastFailure =
                        new java.util.concurrent.atomic.AtomicReference<>();
                cb.getEventPublisher().onError(e -> lastFailure.set(e.getThrowable()));
                cb.getEventPublisher().onStateTransition(e -> {
                    Throwable failure =
                            e.getStateTransition().getToState() == CircuitBreaker.State.OPEN ? lastFailure.get() : null;
                    log.warn(
                            "circuit breaker {} {} -> {}{}",
                            cb.getName(),
                            e.getStateTransition().getFromState(),
                            e.getStateTransition().getToState(),
                            failure == null ? "" : "; last failure: " + describe(failure));
                });
            }

            @Override
            public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> event) {}

            @Override
            public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> event) {}
        };
    }
}
