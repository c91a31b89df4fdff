package io.drplatform.tco.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tco.rate-limit.*}: per-route token buckets. {@code limits.<route>.capacity} requests per
 * {@code limits.<route>.period}, keyed by the authenticated subject or, for anonymous calls, the client IP taken
 * from X-Forwarded-For only through {@code trusted-proxy-hops} proxies (0: the TCP peer).
 */
@ConfigurationProperties("tco.rate-limit")
public record RateLimitProperties(Boolean enabled, Integer trustedProxyHops, Map<String, Limit> limits) {

    public record Limit(long capacity, Duration period) {
        /** Milliseconds to earn one token back. */
        public double msPerToken() {
            return (double) period.toMillis() / capacity;
        }
    }

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        trustedProxyHops = trustedProxyHops == null ? 0 : trustedProxyHops;
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }
}
