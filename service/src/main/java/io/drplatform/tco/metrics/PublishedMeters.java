package io.drplatform.tco.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Set;

/**
 * The meters that leave the task for CloudWatch: exactly what the platform's dashboard reads, each with a bounded
 * set of tag values, because CloudWatch bills every name and dimension combination as a metric of its own. Everything
 * else (JVM, pools, Reactor Netty, histograms) stays in the Prometheus endpoint for local use.
 *
 * <ul>
 *   <li>{@code calculations} ({@code outcome}: quoted, created, replayed, invalid): calculations per minute;
 *   <li>{@code tco.degraded.mode} ({@code mode}: database-unavailable, cache-bypassed, read-only, fenced);
 *   <li>{@code resilience4j.circuitbreaker.state} ({@code name}: postgres, redis; {@code state}: open, half_open);
 *   <li>{@code http.server.requests} for the API's routes ({@code uri} /api/..., or UNKNOWN for a request refused
 *       before routing, such as 401 and 429) with only {@code uri} and {@code outcome}: method, status and exception
 *       would multiply the combinations; the outcome already tells client from server errors.
 * </ul>
 *
 * The region tag that every meter carries ({@code management.metrics.tags.region}) stays: one value per task.
 */
public final class PublishedMeters {
    static final String CALCULATIONS = "calculations";
    static final String DEGRADED_MODE = "tco.degraded.mode";
    static final String BREAKER_STATE = "resilience4j.circuitbreaker.state";
    static final String HTTP_REQUESTS = "http.server.requests";

    static final Set<String> CALCULATION_OUTCOMES = Set.of("quoted", "created", "replayed", "invalid");
    static final Set<String> BREAKER_STATES = Set.of("open", "half_open");
    static final Set<String> HTTP_TAGS = Set.of("uri", "outcome");
    static final String API_PREFIX = "/api/";
    static final String UNROUTED = "UNKNOWN";

    private PublishedMeters() {}

    /** The filters, in order: trim the request tags, then accept only the list above. */
    public static List<MeterFilter> filters() {
        return List.of(trimRequestTags(), allowList());
    }

    private static MeterFilter trimRequestTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!HTTP_REQUESTS.equals(id.getName())) {
                    return id;
                }
                List<Tag> kept = id.getTags().stream()
                        .filter(t -> HTTP_TAGS.contains(t.getKey()))
                        .toList();
                return id.replaceTags(kept);
            }
        };
    }

    private static MeterFilter allowList() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return published(id) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
            }
        };
    }

    static boolean published(Meter.Id id) {
        return switch (id.getName()) {
            case CALCULATIONS -> CALCULATION_OUTCOMES.contains(id.getTag("outcome"));
            case DEGRADED_MODE -> true;
            case BREAKER_STATE -> BREAKER_STATES.contains(id.getTag("state"));
            case HTTP_REQUESTS -> {
                String uri = id.getTag("uri");
                yield uri != null && (uri.startsWith(API_PREFIX) || uri.equals(UNROUTED));
            }
            default -> false;
        };
    }
}
