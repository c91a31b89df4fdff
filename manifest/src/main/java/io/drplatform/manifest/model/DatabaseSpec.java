package io.drplatform.manifest.model;

/**
 * The application's PostgreSQL database.
 *
 * @param engineVersion  full PostgreSQL version, major.minor (pinning the minor keeps deployments reproducible)
 * @param readReplicas   in-region read replicas
 */
public record DatabaseSpec(
        String engineVersion,
        String instanceClass,
        String databaseName,
        Integer allocatedStorageGiB,
        Integer maxAllocatedStorageGiB,
        Integer readReplicas,
        Integer backupRetentionDays,
        Boolean multiAz,
        Boolean deletionProtection,
        Integer monitoringIntervalSeconds) {

    public String majorVersion() {
        int dot = engineVersion.indexOf('.');
        return dot < 0 ? engineVersion : engineVersion.substring(0, dot);
    }
}
