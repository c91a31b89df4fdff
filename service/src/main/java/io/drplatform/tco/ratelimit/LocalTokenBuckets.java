package io.drplatform.tco.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The per-instance fallback when Redis is down or slow: the same token bucket, in memory. Each instance then
 * enforces the limit on its own, which is looser across instances but never fails a request.
 */
@Component
public class LocalTokenBuckets {
    private static final int MAX_BUCKETS = 100_000;

    private static final class Bucket {
        double tokens;
        long ts;
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Decision take(String route, String client, RateLimitProperties.Limit limit, long nowMs) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // bounded memory; a reset only ever grants more
        }
        Bucket b = buckets.computeIfAbsent(route + ":" + client, k -> {
            Bucket n = new Bucket();
            n.tokens = limit.capacity();
            n.ts = nowMs;
            return n;
        });
        synchronized (b) {
            double perToken = limit.msPerToken();
            if (nowMs > b.ts) {
                b.tokens = Math.min(limit.capacity(), b.tokens + (nowMs - b.ts) / perToken);
                b.ts = nowMs;
            }
            boolean allowed = b.tokens >= 1;
            long retry = 0;
            if (allowed) {
                b.tokens -= 1;
            } else {
                retry = (long) Math.ceil((1 - b.tokens) * perToken - 1e-6);
            }
            return new Decision(
                    allowed,
                    limit.capacity(),
                    (long) Math.floor(b.tokens + 1e-9),
                    retry,
                    (long) Math.ceil((limit.capacity() - b.tokens) * perToken - 1e-6),
                    "memory");
        }
    }
}
