package io.drplatform.tco.region;

import io.drplatform.tco.problem.ApiException;
import io.drplatform.tco.problem.ProblemType;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Refuses writes on a replica and in a fenced region (503 {@code read-only} with Retry-After). */
@Component
public class RegionWriteGuard implements WriteGuard {
    private final RegionRole role;

    public RegionWriteGuard(RegionRole role) {
        this.role = role;
    }

    @Override
    public Mono<Void> checkWritable() {
        return role.current().flatMap(r -> {
            if (r.replica()) {
                return Mono.error(new ApiException(
                        ProblemType.READ_ONLY,
                        "the database in this region is a read-only replica",
                        Duration.ofSeconds(5)));
            }
            if (r.fenced()) {
                return Mono.error(new ApiException(
                        ProblemType.READ_ONLY,
                        "this region is fenced after a failover; the active region is " + r.activeRegion(),
                        Duration.ofSeconds(30)));
            }
            return Mono.empty();
        });
    }
}
