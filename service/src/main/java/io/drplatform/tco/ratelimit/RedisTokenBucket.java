package io.drplatform.tco.ratelimit;

import io.drplatform.tco.resilience.CacheGateway;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The Lua token bucket in Redis, through the Redis resilience chain. */
@Component
public class RedisTokenBucket {
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT =
            RedisScript.of(new ClassPathResource("ratelimit/token_bucket.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final CacheGateway gateway;

    public RedisTokenBucket(ReactiveStringRedisTemplate redis, CacheGateway gateway) {
        this.redis = redis;
        this.gateway = gateway;
    }

    static String key(String route, String client) {
        return "tco:rl:{" + route + ":" + client + "}";
    }

    /** Takes one token at time {@code nowMs} (explicit, so refill is deterministic in tests). */
    public Mono<Decision> take(String route, String client, RateLimitProperties.Limit limit, long nowMs) {
        List<String> args = List.of(
                Long.toString(limit.capacity()), Double.toString(limit.msPerToken()), Long.toString(nowMs), "1");
        return gateway.call(() ->
                        redis.execute(SCRIPT, List.of(key(route, client)), args).next())
                .map(r -> new Decision(
                        num(r.get(0)) == 1, limit.capacity(), num(r.get(1)), num(r.get(2)), num(r.get(3)), "redis"));
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : Long.parseLong(o.toString());
    }
}
