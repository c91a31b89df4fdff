package io.drplatform.tco.region;

import io.drplatform.tco.resilience.DatabaseGateway;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What this instance may do, as seen from its database: whether the database is a replica
 * ({@code pg_is_in_recovery()}) and which region the failover fence names. Checked at most every
 * {@code tco.region-role.check-interval} (1 s), and at once after a read-only error, so a promotion is noticed
 * within about a second and a demotion on the first refused write.
 */
@Component
public class RegionRole {
    private static final Logger log = LoggerFactory.getLogger(RegionRole.class);

    /** One observation. {@code activeRegion} is null when no fence is set. */
    public record Role(boolean replica, String activeRegion, String region) {
        public boolean fenced() {
            return activeRegion != null && !activeRegion.equals(region);
        }

        public boolean writable() {
            return !replica && !fenced();
        }
    }

    private final DatabaseClient db;
    private final DatabaseGateway gateway;
    private final String region;
    private final Duration interval;
    private final AtomicReference<Mono<Role>> cached = new AtomicReference<>();
    private final AtomicReference<Role> last = new AtomicReference<>();

    public RegionRole(
            DatabaseClient db,
            DatabaseGateway gateway,
            RegionProperties region,
            MeterRegistry meters,
            @Value("${tco.region-role.check-interval:1s}") Duration interval) {
        this.db = db;
        this.gateway = gateway;
        this.region = region.region();
        this.interval = interval;
        gateway.onReadOnly(e -> invalidate());
        Gauge.builder(
                        "tco.degraded.mode",
                        this,
                        r -> r.lastKnown() != null && r.lastKnown().replica() ? 1 : 0)
                .tag("mode", "read-only")
                .description("1 while the mode is active")
                .register(meters);
        Gauge.builder(
                        "tco.degraded.mode",
                        this,
                        r -> r.lastKnown() != null && r.lastKnown().fenced() ? 1 : 0)
                .tag("mode", "fenced")
                .description("1 while the mode is active")
                .register(meters);
    }

    /** The current role, from a cache refreshed at most once per interval (concurrent callers share one query). */
    public Mono<Role> current() {
        Mono<Role> m = cached.get();
        if (m == null) {
            Mono<Role> fresh = fetch().cache(v -> interval, e -> Duration.ZERO, () -> Duration.ZERO);
            m = cached.compareAndSet(null, fresh) ? fresh : cached.get();
        }
        return m;
    }

    public void invalidate() {
        cached.set(null);
    }

    public Role lastKnown() {
        return last.get();
    }

    private Mono<Role> fetch() {
        return gateway.read(() -> db.sql("SELECT pg_is_in_recovery() AS replica,"
                                + " (SELECT active_region FROM region_fence WHERE id = 1) AS active_region")
                        .map(r -> new Role(
                                Boolean.TRUE.equals(r.get("replica", Boolean.class)),
                                r.get("active_region", String.class),
                                region))
                        .one())
                .doOnNext(this::remember);
    }

    private void remember(Role role) {
        Role before = last.getAndSet(role);
        if (before == null
                || before.writable() != role.writable()
                || before.replica() != role.replica()
                || !Objects.equals(before.activeRegion(), role.activeRegion())) {
            log.warn(
                    "region role: replica={} activeRegion={} region={} writable={}",
                    role.replica(),
                    role.activeRegion(),
                    region,
                    role.writable());
        }
    }
}
