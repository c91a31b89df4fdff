package io.drplatform.dr.provider;

import io.drplatform.dr.drill.StepContext;
import io.drplatform.dr.measure.EntryPoint;
import java.util.List;

/**
 * The operations drills and failovers are made of, implemented against AWS or against the local region pair.
 * Every mutating operation has a {@code plan...} twin listing the API calls it would make, for {@code --dry-run}.
 */
public interface DrProvider extends AutoCloseable {

    String name();

    /** What each failover step is expected to take here; none by default (a local pair has no documented figures). */
    default FailoverBudgets budgets() {
        return FailoverBudgets.NONE;
    }

    /** The region whose database is writable now. */
    String activeRegion() throws Exception;

    /** The other region of the pair. */
    String standbyRegion() throws Exception;

    List<RegionState> status() throws Exception;

    /** Names of stop-condition alarms firing now. */
    List<String> firingAlarms() throws Exception;

    ReplicaLag replicaLag(String standbyRegion) throws Exception;

    /** Is the standby's database replicating (so it can be promoted)? */
    boolean standbyReplicating(String standbyRegion) throws Exception;

    /** Is the region's database a replica (promotable), whether or not its source still answers? */
    boolean isReplica(String region) throws Exception;

    /** The application's entry point for the heartbeat writer, or null when not configured. */
    EntryPoint entryPoint();

    /** Fault injection for a drill: fence the region so it refuses writes (and, locally, crash its database). */
    String injectRegionFault(String region, StepContext context) throws Exception;

    List<String> planRegionFault(String region);

    /** Undoes {@link #injectRegionFault} when a drill aborts before promotion. */
    String recoverRegionFault(String region, StepContext context) throws Exception;

    /** Fences a region so its service refuses writes (planned switchover: stop writes). */
    String fence(String region, StepContext context) throws Exception;

    String unfence(String region, StepContext context) throws Exception;

    List<String> planFence(String region, boolean fence);

    /** Waits until the standby has replayed everything the active database wrote. */
    String awaitCaughtUp(String from, String to, StepContext context) throws Exception;

    List<String> planAwaitCaughtUp(String from, String to);

    String promote(String region, StepContext context) throws Exception;

    List<String> planPromote(String region);

    /** Scales the region's services to the strategy's serving capacity (pilot light starts at zero). */
    String scaleUp(String region, StepContext context) throws Exception;

    List<String> planScaleUp(String region);

    /** Moves traffic to the region and waits until the routing answers with it; marks DETECTION and ROUTING_SWITCH. */
    String switchRouting(String from, String to, StepContext context) throws Exception;

    List<String> planSwitchRouting(String from, String to);

    /**
     * Does {@link #rebuildAsReplica} rebuild? False where infrastructure code owns the replica (AWS: the stacks
     * create it when {@code dr.activeRegion} changes), so a switchover ends by saying what to deploy.
     */
    default boolean rebuildsReplicas() {
        return true;
    }

    /** Rebuilds the region's database as a replica of the active one. */
    String rebuildAsReplica(String region, String source, StepContext context) throws Exception;

    List<String> planRebuildAsReplica(String region, String source);

    @Override
    default void close() throws Exception {}
}
