package io.drplatform.tco.resilience;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Lets the service evict pooled connections, which r2dbc-pool cannot do one by one. {@link #evictAll()} starts a
 * new generation; a pooled connection created in an older generation is physically closed when it is next
 * acquired (the pool's validation query then discards it) and the acquisition is retried, so callers only ever get
 * connections opened after the eviction. Used when PostgreSQL answers SQLSTATE 25006: after a demotion the pool
 * must reconnect (through DNS) instead of keeping sessions on the read-only node.
 */
public final class EvictingConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {
    private final ConnectionFactory pool;
    private final int maxAttempts;
    private final AtomicLong generation = new AtomicLong();
    private final Map<Object, Long> bornIn = Collections.synchronizedMap(new WeakHashMap<>());

    public EvictingConnectionFactory(ConnectionFactory pool, int maxAttempts) {
        this.pool = pool;
        this.maxAttempts = maxAttempts;
    }

    /** Every connection opened before now is closed instead of being reused. */
    public void evictAll() {
        generation.incrementAndGet();
    }

    @Override
    public Mono<Connection> create() {
        return Mono.defer(() -> Mono.from(pool.create()).flatMap(pooled -> {
                    Object physical = pooled instanceof Wrapped<?> w ? w.unwrap() : pooled;
                    long current = generation.get();
                    Long born = bornIn.putIfAbsent(physical, current);
                    if (born == null || born >= current) {
                        return Mono.just(pooled);
                    }
                    bornIn.remove(physical);
                    Mono<Void> closePhysical = physical instanceof Connection c ? Mono.from(c.close()) : Mono.empty();
                    return closePhysical
                            .onErrorResume(e -> Mono.empty())
                            .then(Mono.from(pooled.close()).onErrorResume(e -> Mono.empty()))
                            .then(Mono.<Connection>error(new StaleConnectionException()));
                }))
                .retryWhen(Retry.max(maxAttempts)
                        .filter(e -> e instanceof StaleConnectionException
                                || e.getMessage() != null && e.getMessage().contains("validation")));
    }

    /** Shutdown: the pool is disposed through its wrapper (Spring calls whichever of these the definition names). */
    public void dispose() {
        if (pool instanceof reactor.core.Disposable d) {
            d.dispose();
        }
    }

    public void close() {
        dispose();
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return pool.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return pool;
    }

    /** Internal signal: the acquired connection was evicted; acquire another. */
    static final class StaleConnectionException extends RuntimeException {
        StaleConnectionException() {
            super("evicted pooled connection", null, false, false);
        }
    }
}
