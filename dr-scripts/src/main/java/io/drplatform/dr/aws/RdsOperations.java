package io.drplatform.dr.aws;

import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.provider.DatabaseOperations;
import io.drplatform.dr.provider.RegionFence;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.provider.WalCatchUp;
import io.drplatform.manifest.contract.PlatformParameters;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The databases on AWS: RDS for the instances (promotion, replica state), CloudWatch for the lag, and SQL with the
 * credentials in Secrets Manager for what only the databases know (WAL positions, the service's {@code region_fence}
 * row). Stopping writes for a planned switchover uses the service's own fence, so reads keep being served. Rebuilding
 * a replica is the stacks' job ({@code dr.activeRegion} and a deploy), not this tool's.
 */
final class RdsOperations implements DatabaseOperations {
    private final AwsDeployment aws;
    private final AwsCompute compute;

    RdsOperations(AwsDeployment aws, AwsCompute compute) {
        this.aws = aws;
        this.compute = compute;
    }

    @Override
    public ReplicaLag replicaLag(String standbyRegion) {
        Double seconds = latestMetric(
                standbyRegion, "ReplicaLag", aws.resources(standbyRegion).dbInstanceId());
        String active = aws.other(standbyRegion);
        Double bytes = latestMetric(
                active, "OldestReplicationSlotLag", aws.resources(active).dbInstanceId());
        return new ReplicaLag(seconds, bytes == null ? null : bytes.longValue());
    }

    private Double latestMetric(String region, String metric, String instanceId) {
        Instant now = Instant.now();
        GetMetricDataResponse r = aws.clients
                .cloudWatch(region)
                .getMetricData(GetMetricDataRequest.builder()
                        .startTime(now.minus(Duration.ofMinutes(10)))
                        .endTime(now)
                        .metricDataQueries(MetricDataQuery.builder()
                                .id("m")
                                .returnData(true)
                                .metricStat(MetricStat.builder()
                                        .metric(Metric.builder()
                                                .namespace("AWS/RDS")
                                                .metricName(metric)
                                                .dimensions(Dimension.builder()
                                                        .name("DBInstanceIdentifier")
                                                        .value(instanceId)
                                                        .build())
                                                .build())
                                        .period(60)
                                        .stat("Maximum")
                                        .build())
                                .build())
                        .build());
        // Results come newest first (TimestampDescending is the default order).
        return r.metricDataResults().isEmpty()
                        || r.metricDataResults().get(0).values().isEmpty()
                ? null
                : r.metricDataResults().get(0).values().get(0);
    }

    @Override
    public boolean standbyReplicating(String standbyRegion) {
        DBInstance db = aws.describeDatabase(standbyRegion);
        return "available".equals(db.dbInstanceStatus()) && db.readReplicaSourceDBInstanceIdentifier() != null;
    }

    @Override
    public boolean isReplica(String region) {
        return aws.describeDatabase(region).readReplicaSourceDBInstanceIdentifier() != null;
    }

    /**
     * Stops writes in a region for a planned switchover: the service's own fence, written on the region's still
     * writable database (its instances refuse writes and keep serving reads). An application without the fence
     * table loses its compute instead.
     */
    @Override
    public Operation fence(String region) {
        String secret = PlatformParameters.name(aws.deployment, region, PlatformParameters.DB_SECRET_ARN);
        String other = aws.other(region);
        Operation scaleDown = compute.scaleDown(region);
        return new Operation(
                List.of(
                        "secretsmanager:GetSecretValue " + secret,
                        "SQL on " + region + ": INSERT INTO region_fence ... active_region = " + other + " (no table: "
                                + String.join("; ", scaleDown.plan()) + ")"),
                ctx -> {
                    try (Connection c = aws.databases.open(region)) {
                        if (!RegionFence.supported(c)) {
                            return scaleDown.run(ctx) + " (no region_fence table: the application cannot fence itself)";
                        }
                        if (!RegionFence.writable(c)) {
                            return region + "'s database is read-only (a replica): it takes no writes to stop";
                        }
                        long epoch = RegionFence.set(c, other);
                        return "region_fence set to " + other + " (epoch " + epoch + ") on " + region + "'s database: "
                                + region + " refuses writes";
                    }
                });
    }

    @Override
    public Operation unfence(String region) {
        return new Operation(
                List.of(
                        "ecs:UpdateService desiredCount=<remembered> in " + region + " (if this run scaled it down)",
                        "SQL on " + region + ": region_fence set to " + region
                                + " if its database is writable and the fence names another region"),
                ctx -> {
                    StringBuilder detail = new StringBuilder(compute.restoreScale(region));
                    // A fence naming another region stays while this region's database is a replica (read-only
                    // anyway) or cannot be reached; it is lifted where this region's database is the writable one.
                    try (Connection c = aws.databases.open(region)) {
                        detail.append(RegionFence.lift(c, region));
                    } catch (SQLException | RuntimeException e) {
                        detail.append("; region_fence not checked (")
                                .append(e.getMessage())
                                .append(")");
                    }
                    return detail.toString();
                });
    }

    /** Cross-region replication on RDS is WAL streaming: the same proof as locally, over the network. */
    @Override
    public Operation awaitCaughtUp(String from, String to) {
        // One read a second: every read is a TLS connection across regions, and RDS replays within seconds anyway.
        WalCatchUp catchUp = new WalCatchUp(
                aws.databases::open,
                aws.timing.catchUp(),
                aws.timing.catchUp().multipliedBy(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        return new Operation(WalCatchUp.plan(from, to), ctx -> catchUp.await(from, to, ctx));
    }

    @Override
    public Operation promote(String region) {
        return new Operation(
                List.of(
                        "rds:PromoteReadReplica "
                                + PlatformParameters.name(aws.deployment, region, PlatformParameters.DB_INSTANCE_ID),
                        "rds:DescribeDBInstances until available and no longer a replica (deadline "
                                + aws.timing.promotion().toMinutes() + " min)",
                        "SQL (credentials from Secrets Manager): region_fence set to " + region + " on " + region
                                + " and, if it answers, on " + aws.other(region)),
                ctx -> promote(region, ctx));
    }

    private String promote(String region, StepContext context) throws InterruptedException {
        String id = aws.resources(region).dbInstanceId();
        Integer retention =
                aws.deployment.database() != null ? aws.deployment.database().backupRetentionDays() : null;
        aws.clients.rds(region).promoteReadReplica(b -> {
            b.dbInstanceIdentifier(id);
            if (retention != null) {
                b.backupRetentionPeriod(retention);
            }
        });
        DBInstance db = aws.waiter.until(
                context,
                "promotion of " + id,
                aws.timing.promotion(),
                () -> aws.describe(region, id),
                d -> "available".equals(d.dbInstanceStatus()) && d.readReplicaSourceDBInstanceIdentifier() == null,
                d -> d.dbInstanceStatus()
                        + (d.readReplicaSourceDBInstanceIdentifier() != null ? " (still a replica)" : ""));
        return id + " promoted; status " + db.dbInstanceStatus() + "; " + writeFenceAfterPromotion(region);
    }

    /**
     * The failover's fence: the promoted database names its region, and so does the old primary's if it still
     * answers, so instances there refuse writes when they come back. A database that cannot be reached does not
     * stop the failover; the detail says what was not written.
     */
    private String writeFenceAfterPromotion(String promoted) {
        List<String> done = new ArrayList<>();
        for (String region : List.of(promoted, aws.other(promoted))) {
            try (Connection c = aws.databases.open(region)) {
                if (!RegionFence.supported(c)) {
                    return "no region_fence table: the application has no fence to set";
                }
                if (!RegionFence.writable(c)) {
                    done.add(region + " is a replica (no fence needed)");
                    continue;
                }
                done.add("region_fence set to " + promoted + " on " + region + " (epoch " + RegionFence.set(c, promoted)
                        + ")");
            } catch (SQLException | RuntimeException e) {
                done.add("region_fence NOT written on " + region + " (" + e.getMessage() + ")"
                        + (region.equals(promoted) ? "" : ": keep its services scaled to zero until it is rebuilt"));
            }
        }
        return String.join("; ", done);
    }

    /** The stacks own the replica: after a switch, {@code dr.activeRegion} and a deploy create it. */
    @Override
    public boolean rebuildsReplicas() {
        return false;
    }

    @Override
    public Operation rebuildAsReplica(String region, String source) {
        return new Operation(List.of("not supported on AWS: deploy with dr.activeRegion: " + source), ctx -> {
            throw new UnsupportedOperationException("not supported on AWS: set dr.activeRegion: " + source
                    + " in the manifest and deploy; the stacks create the new cross-region replica in " + region);
        });
    }
}
