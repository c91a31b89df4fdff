package io.drplatform.manifest.model;

import java.util.List;

/**
 * Disaster-recovery intent.
 *
 * @param activeRegion   the region that currently holds the writable database; changed after a real failover
 * @param routingControl use Route 53 Application Recovery Controller routing controls for the switch
 * @param replicaGeneration numbers the cross-region replica rebuilt in the manifest's primary region after a
 *                       failover ({@code <app>-<env>-<region>-r<generation>}); raise it to build a fresh replica
 *                       when a rebuilt one has to be thrown away. The old instance keeps its identifier.
 * @param stopConditions the alarms (by their section in {@code ops-runbooks/alarm-guide.md}, see {@link AlarmKind})
 *                       whose firing stops a DR drill and rolls it back; null means every alarm of the application
 */
public record DisasterRecovery(
        DrStrategy strategy,
        Integer rpoSeconds,
        Integer rtoSeconds,
        String activeRegion,
        Boolean routingControl,
        Integer replicaGeneration,
        List<String> stopConditions) {

    /** Does an alarm of this kind stop drills? */
    public boolean stopsDrills(AlarmKind kind) {
        return stopConditions == null || stopConditions.contains(kind.anchor());
    }

    public int replicaGenerationOrDefault() {
        return replicaGeneration == null ? 1 : replicaGeneration;
    }
}
