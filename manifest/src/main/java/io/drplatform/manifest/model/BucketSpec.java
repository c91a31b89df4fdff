package io.drplatform.manifest.model;

import java.util.List;

/**
 * An S3 bucket of the application (reports, backups, audit logs). Always encrypted with a customer-managed KMS
 * key, TLS-only and private. When the deployment has a standby region the bucket replicates there.
 *
 * @param name           short name; the bucket is named {@code <app>-<env>-<name>-<account>-<region>}
 * @param versioned      keep object versions (required, and forced, when the bucket replicates)
 * @param transitions    lifecycle transitions to cheaper storage classes
 * @param expirationDays delete current objects this many days after creation (e.g. 2190 for six years)
 * @param replicate      replicate to the standby region (default: true when there is a standby)
 */
public record BucketSpec(
        String name,
        Boolean versioned,
        List<LifecycleTransition> transitions,
        Integer expirationDays,
        Boolean replicate) {

    /** Whether objects are copied to the standby region for this deployment. */
    public boolean replicatesIn(Deployment deployment) {
        return deployment.hasStandby() && !Boolean.FALSE.equals(replicate);
    }

    /** Versioning is on unless switched off, and always on for a replicating bucket. */
    public boolean versionedIn(Deployment deployment) {
        return !Boolean.FALSE.equals(versioned) || replicatesIn(deployment);
    }

    /** The globally unique bucket name in one region. */
    public String bucketName(Deployment deployment, String region) {
        return deployment.qualifiedName() + "-" + name + "-" + deployment.account() + "-" + region;
    }
}
