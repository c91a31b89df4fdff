package io.drplatform.tco.ratelimit;

import io.drplatform.tco.problem.ApiException;
import io.drplatform.tco.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits the API per route: authenticated calls per JWT subject, anonymous ones per client IP. Runs after
 * the security filter chain (default order), so the subject is known. Redis holds the buckets; when Redis fails,
 * the per-instance buckets take over at the same limits. Rejections are 429 problems with Retry-After; every
 * limited response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.
 */
@Component
public class RateLimitFilter implements WebFilter {
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitProperties properties;
    private final RedisTokenBucket redis;
    private final LocalTokenBuckets local;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean fallbackActive = new AtomicBoolean();

    public RateLimitFilter(
            RateLimitProperties properties, RedisTokenBucket redis, LocalTokenBuckets local, MeterRegistry meters) {
        this.properties = properties;
        this.redis = redis;
        this.local = local;
        this.meters = meters;
    }

    static String route(String path) {
        if (path.equals("/api/v1/quotes")) {
            return "quotes";
        }
        if (path.equals("/api/v1/calculations") || path.startsWith("/api/v1/calculations/")) {
            return "calculations";
        }
        return null;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String route =
                properties.enabled() ? route(exchange.getRequest().getPath().value()) : null;
        RateLimitProperties.Limit limit =
                route == null ? null : properties.limits().get(route);
        if (limit == null) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(p -> p instanceof Authentication a && a.isAuthenticated())
                .map(p -> "sub:" + p.getName())
                .defaultIfEmpty("ip:" + clientIp(exchange))
                .flatMap(client -> decide(route, client, limit))
                .flatMap(d -> {
                    meters.counter(
                                    "tco.ratelimit.decisions",
                                    "route",
                                    route,
                                    "outcome",
                                    d.allowed() ? "allowed" : "rejected",
                                    "source",
                                    d.source())
                            .increment();
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("RateLimit-Limit", Long.toString(d.limit()));
                    headers.set("RateLimit-Remaining", Long.toString(d.remaining()));
                    headers.set("RateLimit-Reset", Long.toString(seconds(d.resetMs())));
                    if (!d.allowed()) {
                        return Mono.error(new ApiException(
                                ProblemType.RATE_LIMITED,
                                "rate limit exceeded for " + route,
                                Duration.ofSeconds(seconds(d.retryAfterMs()))));
                    }
                    return chain.filter(exchange);
                });
    }

    private Mono<Decision> decide(String route, String client, RateLimitProperties.Limit limit) {
        long now = clock.millis();
        return redis.take(route, client, limit, now)
                .doOnNext(d -> {
                    if (fallbackActive.compareAndSet(true, false)) {
                        log.warn("rate limiting back on Redis");
                    }
                })
                .onErrorResume(e -> {
                    if (fallbackActive.compareAndSet(false, true)) {
                        log.warn("rate limiting falls back to per-instance buckets: {}", e.toString());
                    }
                    return Mono.just(local.take(route, client, limit, now));
                });
    }

    private static long seconds(long ms) {
        return Math.max(ms > 0 ? 1 : 0, (ms + 999) / 1000);
    }

    /** The client's IP: X-Forwarded-For read through the configured number of trusted proxies, else the peer. */
    String clientIp(ServerWebExchange exchange) {
        int hops = properties.trustedProxyHops();
        String xff = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        if (hops > 0 && xff != null && !xff.isBlank()) {
            String[] ips = xff.split(",");
            // Each trusted proxy appended the address it saw; the one the last trusted proxy saw is the client.
            int index = Math.max(0, ips.length - hops);
            return ips[index].trim();
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }
}
