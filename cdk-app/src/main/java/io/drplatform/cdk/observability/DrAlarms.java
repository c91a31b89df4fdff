package io.drplatform.cdk.observability;

import io.drplatform.cdk.database.CrossRegionReplica;
import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.DatabaseSpec;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;

/**
 * Disaster-recovery alarms. Each says what it means for the ability to fail over and what on-call does about it.
 * Like every platform alarm they go through {@link AlarmFactory}: SNS actions and a runbook anchor.
 */
public final class DrAlarms {
    private static final Duration MINUTE = Duration.minutes(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    private DrAlarms() {}

    /** The cross-region replica: lag against the RPO target, CPU and free storage. */
    public static void replica(
            AlarmFactory alarms, CrossRegionReplica replica, DatabaseSpec spec, int rpoSeconds, String sourceRegion) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.DR_REPLICA_LAG,
                        "The cross-region replica " + replica.getIdentifier() + " has been more than " + rpoSeconds
                                + " s (the RPO target) behind the primary in " + sourceRegion
                                + " for 5 minutes, or stopped reporting lag."
                                + " A failover now would lose more data than the RPO allows.",
                        "check the primary's write load and the replica's CPU and IO; ReplicaLag also grows on an idle primary, so"
                                + " confirm with the DR tool's heartbeat write; if replication broke, rebuild the replica (raise dr.replicaGeneration"
                                + " in the old primary region, or recreate the standby stack's replica).",
                        replica.metric("ReplicaLag", "Maximum", MINUTE),
                        rpoSeconds,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.DR_REPLICA_CPU,
                        "The cross-region replica " + replica.getIdentifier()
                                + " has averaged above 80% CPU for 15 minutes;"
                                + " replay falls behind and the standby is too small to take the primary's load.",
                        "compare with the primary's CPU; keep the replica's instance class equal to the primary's in the manifest.",
                        replica.metric("CPUUtilization", "Average", FIVE_MINUTES),
                        80,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.MISSING),
                null);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.DR_REPLICA_STORAGE,
                        "The cross-region replica " + replica.getIdentifier()
                                + " has less than 10% of the primary's allocated storage free;"
                                + " replication stops when it fills up.",
                        "storage autoscaling should be growing the replica; if it reached maxAllocatedStorageGiB, raise it in the manifest and deploy both regions.",
                        replica.metric("FreeStorageSpace", "Minimum", FIVE_MINUTES),
                        spec.allocatedStorageGiB() * 0.1 * 1024 * 1024 * 1024,
                        ComparisonOperator.LESS_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
    }

    /** The promoted instance after a failover: the same database alarms the primary has. */
    public static void promoted(AlarmFactory alarms, CrossRegionReplica database, DatabaseSpec spec) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.RDS_CPU,
                        "The database (promoted after a failover) has averaged above 80% CPU for 15 minutes.",
                        "check Performance Insights for the top statements; scale the instance class if the load is legitimate.",
                        database.metric("CPUUtilization", "Average", FIVE_MINUTES),
                        80,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.RDS_FREE_STORAGE,
                        "The database (promoted after a failover) has less than 10% of its allocated storage free.",
                        "storage autoscaling should be growing the volume; if it reached maxAllocatedStorageGiB, raise it in the manifest and deploy.",
                        database.metric("FreeStorageSpace", "Minimum", FIVE_MINUTES),
                        spec.allocatedStorageGiB() * 0.1 * 1024 * 1024 * 1024,
                        ComparisonOperator.LESS_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.RDS_CONNECTIONS,
                        "The database (promoted after a failover) has used more than 80% of its connection limit for 10 minutes.",
                        "look for a connection leak or too many tasks for the pool size; the service pool is bounded per task.",
                        database.metric("DatabaseConnections", "Maximum", FIVE_MINUTES),
                        Math.floor(PostgresLimits.maxConnections(spec.instanceClass()) * 0.8),
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
    }

    /** Warm standby: a service runs fewer tasks than the standby minimum, so it cannot take traffic at once. */
    public static void standbyTasks(AlarmFactory alarms, String cluster, String service, int minimum) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.DR_STANDBY_RUNNING_TASKS,
                        "Standby service " + service + " has run fewer than " + minimum
                                + " tasks (the warm-standby minimum) for 5 minutes;"
                                + " a failover now would start cold and miss the RTO.",
                        "look at the service's stopped tasks in the standby region (image pull through the endpoints, secrets replicated,"
                                + " replica reachable); the standby must be able to start tasks before it is needed.",
                        Metric.Builder.create()
                                .namespace("ECS/ContainerInsights")
                                .metricName("RunningTaskCount")
                                .dimensionsMap(Map.of("ClusterName", cluster, "ServiceName", service))
                                .statistic("Minimum")
                                .period(MINUTE)
                                .build(),
                        minimum,
                        ComparisonOperator.LESS_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                service);
    }

    /** S3 replication of one bucket to the standby region failed for some objects. */
    public static void bucketReplication(
            AlarmFactory alarms, String bucket, String sourceBucket, String destinationBucket, String ruleId) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.DR_S3_REPLICATION_FAILURES,
                        "Objects of bucket " + sourceBucket + " failed to replicate to " + destinationBucket
                                + " in the last 5 minutes;" + " the standby region is missing them.",
                        "check the replication role's access to both KMS keys and the destination bucket, then re-replicate the failed"
                                + " objects with S3 Batch Replication.",
                        Metric.Builder.create()
                                .namespace("AWS/S3")
                                .metricName("OperationsFailedReplication")
                                .dimensionsMap(Map.of(
                                        "SourceBucket",
                                        sourceBucket,
                                        "DestinationBucket",
                                        destinationBucket,
                                        "RuleId",
                                        ruleId))
                                .statistic("Sum")
                                .period(FIVE_MINUTES)
                                .build(),
                        0,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.NOT_BREACHING),
                bucket);
    }

    /** Route 53's view of the active region's deep-health path; the metric exists only in us-east-1. */
    public static void healthCheck(AlarmFactory alarms, String healthCheckId, String region, String url) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.DR_ROUTE53_HEALTH_CHECK,
                        "Route 53 health checkers have found " + url + " (the active region " + region
                                + ") unhealthy for 2 minutes:"
                                + " its database is unreachable or not writable. DNS is now answering with the standby region.",
                        "confirm with the dashboard whether the region or only the application is down; if the region is impaired"
                                + " beyond the RTO, run the DR tool's failover (promote the standby database, scale the standby), then set"
                                + " dr.activeRegion and deploy as cdk-app/README.md describes.",
                        Metric.Builder.create()
                                .namespace("AWS/Route53")
                                .metricName("HealthCheckStatus")
                                .dimensionsMap(Map.of("HealthCheckId", healthCheckId))
                                .statistic("Minimum")
                                .period(MINUTE)
                                .region("us-east-1")
                                .build(),
                        1,
                        ComparisonOperator.LESS_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                region);
    }
}
