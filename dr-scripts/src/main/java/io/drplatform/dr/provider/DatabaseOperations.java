package io.drplatform.dr.provider;

import io.drplatform.dr.engine.Operation;

/**
 * The databases of the pair: how far the standby is behind, whether it can be promoted, the write fence, the proof
 * that it replayed everything, promotion, and rebuilding a region as a replica.
 */
public interface DatabaseOperations {

    ReplicaLag replicaLag(String standbyRegion) throws Exception;

    /** Is the standby's database replicating (so it can be promoted)? */
    boolean standbyReplicating(String standbyRegion) throws Exception;

    /** Is the region's database a replica (promotable), whether or not its source still answers? */
    boolean isReplica(String region) throws Exception;

    /** Fences a region so its service refuses writes (planned switchover: stop writes). */
    Operation fence(String region);

    /** Lets the region write again where its database is the writable one; starts what the fence stopped. */
    Operation unfence(String region);

    /** Waits until {@code to} has replayed everything {@code from} wrote. */
    Operation awaitCaughtUp(String from, String to);

    Operation promote(String region);

    /**
     * Does {@link #rebuildAsReplica} rebuild? False where infrastructure code owns the replica (AWS: the stacks
     * create it when {@code dr.activeRegion} changes), so a switchover ends by saying what to deploy.
     */
    default boolean rebuildsReplicas() {
        return true;
    }

    /** Rebuilds the region's database as a replica of {@code source}. */
    Operation rebuildAsReplica(String region, String source);
}
