package io.drplatform.dr.provider;

import java.util.List;

/**
 * One region as {@code dr status} shows it.
 *
 * @param role            primary (writable database) or standby (replica), or unknown/down
 * @param health          the failover health check's view of the region's deep health
 * @param answering       true when the failover records (or entry point) currently send traffic here
 * @param tasks           running/desired tasks, or a note for the local provider
 */
public record RegionState(
        String region,
        String role,
        String databaseState,
        ReplicaLag lag,
        String health,
        boolean answering,
        List<String> alarmsFiring,
        String tasks) {}
