package io.drplatform.tco.calculation;

import io.drplatform.tco.resilience.CacheGateway;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read-through cache of rendered calculation documents in Redis. Calculations are immutable, so entries never
 * need invalidation; the key contains the owner, so a hit can only ever serve the owner's own document. Any Redis
 * error or slowness is treated as a miss: the cache must never make a request fail.
 */
@Component
public class CalculationCache {
    private static final Logger log = LoggerFactory.getLogger(CalculationCache.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;
    private final CacheGateway gateway;

    public CalculationCache(
            ReactiveStringRedisTemplate redis, CacheGateway gateway, @Value("${tco.cache.ttl:1h}") Duration ttl) {
        this.redis = redis;
        this.gateway = gateway;
        this.ttl = ttl;
    }

    static String key(String owner, UUID id) {
        // The hash tag keeps one owner's entries on one Redis Cluster slot.
        return "tco:calc:{" + owner + "}:" + id;
    }

    Mono<String> get(String owner, UUID id) {
        // The fallback (a miss) sits outside the gateway's chain, so the breaker still records the failure.
        return gateway.call(() -> redis.opsForValue().get(key(owner, id))).onErrorResume(e -> {
            log.debug("cache read failed, reading from the database: {}", e.toString());
            return Mono.empty();
        });
    }

    Mono<Void> put(String owner, UUID id, String document) {
        return gateway.call(() -> redis.opsForValue().set(key(owner, id), document, ttl))
                .then()
                .onErrorResume(e -> {
                    log.debug("cache write failed: {}", e.toString());
                    return Mono.empty();
                });
    }
}
