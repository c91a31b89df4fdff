package io.drplatform.tco.region;

import reactor.core.publisher.Mono;

/**
 * The seam for region-role awareness: every write asks it first. The service-core implementation always allows;
 * the resilience work plugs in read-only detection and the failover fence here without touching the API code.
 */
public interface WriteGuard {

    /** Completes empty when writes are allowed; errors with an {@code ApiException} (503 read-only) otherwise. */
    Mono<Void> checkWritable();
}
