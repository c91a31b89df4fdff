package io.drplatform.manifest;

/**
 * Disaster-recovery intent.
 *
 * @param activeRegion   the region that currently holds the writable database; changed after a real failover
 * @param routingControl use Route 53 Application Recovery Controller routing controls for the switch
 */
public record DisasterRecovery(
        DrStrategy strategy,
        Integer rpoSeconds,
        Integer rtoSeconds,
        String activeRegion,
        Boolean routingControl) {
}
