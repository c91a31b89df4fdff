package io.drplatform.dr.provider;

import io.drplatform.dr.measure.EntryPoint;

/**
 * A region pair the tool operates, against AWS or on loopback: which region is active, and its operations by concern.
 * Drills and commands take the parts they use; each mutating operation is an {@link io.drplatform.dr.engine.Operation}
 * that also says what it would do, for {@code --dry-run}.
 */
public interface DrProvider extends AutoCloseable {

    String name();

    /** Health checks scaled down from the deployed timings, if this provider runs them so (the rehearsal does). */
    default java.util.Optional<HealthCheckTimings> healthCheckTimings() {
        return java.util.Optional.empty();
    }

    /** What each failover step is expected to take here; none by default (a local pair has no documented figures). */
    default FailoverBudgets budgets() {
        return FailoverBudgets.NONE;
    }

    /** The region whose database is writable now. */
    String activeRegion() throws Exception;

    /** The other region of the pair. */
    String standbyRegion() throws Exception;

    /** Where a failback returns to: the manifest's primary region (locally, the entry point's PRIMARY region). */
    String primaryRegion();

    /** The application's entry point for the heartbeat writer, or null when not configured. */
    EntryPoint entryPoint();

    DatabaseOperations databases();

    RegionFaults faults();

    ComputeScaling compute();

    Routing routing();

    Alarms alarms();

    StatusReader status();

    @Override
    default void close() throws Exception {}
}
