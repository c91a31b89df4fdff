package io.drplatform.dr.aws;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.MeasuredSteps;
import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.manifest.contract.PlatformParameters;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * {@code dr drill restore-backup}, the monthly restore drill (a backup counts only once a restore
 * from it has been proven): restore the newest automated snapshot (or a
 * point in time) to a temporary instance, verify it with SQL, delete it. The achieved RPO of the backup is its age
 * (for point-in-time recovery, how far the log backups trail). The copy goes into the source's subnet group and
 * security groups, so it is as private as the source and reachable the same way (from inside the VPC, or through a
 * tunnel named {@code restore} in {@code DR_DB_TUNNELS}).
 */
final class BackupRestoreDrill {
    private final AwsDeployment aws;

    BackupRestoreDrill(AwsDeployment aws) {
        this.aws = aws;
    }

    /** What one run found and made, handed from step to step. */
    private static final class Restore {
        DBSnapshot snapshot;
        Instant point;
        DBInstance instance;
    }

    /**
     * @param pointInTime null for the newest automated snapshot, {@link Instant#MAX} for the latest restorable time
     *                    (point-in-time recovery from the transaction logs), or the instant to restore to
     */
    List<DrillStep> steps(DrillSession session, Instant pointInTime) {
        String region = aws.activeRegion();
        String tempId = resourcesIdForDrill(session);
        Restore restore = new Restore();
        List<DrillStep> steps = new ArrayList<>();
        if (pointInTime == null) {
            steps.add(DrillStep.of(
                    "find the newest automated snapshot",
                    List.of("rds:DescribeDBSnapshots SnapshotType=automated"),
                    ctx -> {
                        String id = aws.resources(region).dbInstanceId();
                        restore.snapshot = aws
                                .clients
                                .rds(region)
                                .describeDBSnapshotsPaginator(
                                        b -> b.dbInstanceIdentifier(id).snapshotType("automated"))
                                .dbSnapshots()
                                .stream()
                                .filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null)
                                .max(java.util.Comparator.comparing(DBSnapshot::snapshotCreateTime))
                                .orElseThrow(
                                        () -> new IllegalStateException("no available automated snapshot of " + id));
                        Duration age = Duration.between(restore.snapshot.snapshotCreateTime(), Instant.now());
                        session.recordBackupWindow(age);
                        return restore.snapshot.dbSnapshotIdentifier() + " taken "
                                + restore.snapshot.snapshotCreateTime() + " (" + age.toMinutes() + " min old)";
                    }));
        } else {
            steps.add(DrillStep.of(
                    "find the restore point", List.of("rds:DescribeDBInstances (LatestRestorableTime)"), ctx -> {
                        DBInstance source = aws.describeDatabase(region);
                        Instant newest = source.latestRestorableTime();
                        if (newest == null) {
                            throw new IllegalStateException(source.dbInstanceIdentifier()
                                    + " has no restorable time: are automated backups on?");
                        }
                        if (!pointInTime.equals(Instant.MAX) && pointInTime.isAfter(newest)) {
                            throw new IllegalStateException(
                                    pointInTime + " is after the latest restorable time " + newest);
                        }
                        // What point-in-time recovery would lose right now: everything after the newest
                        // restorable time, whichever point this drill restores to.
                        Duration lag = Duration.between(newest, Instant.now());
                        session.recordBackupWindow(lag);
                        if (pointInTime.equals(Instant.MAX)) {
                            restore.point = newest;
                            return "latest restorable time " + newest + " (" + lag.toSeconds() + " s behind)";
                        }
                        restore.point = pointInTime;
                        session.note("restore to a chosen time " + pointInTime
                                + ": the RPO window is the backup's lag behind now (" + lag.toSeconds()
                                + " s), not the chosen point");
                        return "restoring to " + pointInTime + " (latest restorable " + newest + ")";
                    }));
        }
        steps.add(new DrillStep(
                "restore to temporary instance " + tempId,
                List.of(
                        pointInTime == null
                                ? "rds:RestoreDBInstanceFromDBSnapshot " + tempId
                                : "rds:RestoreDBInstanceToPointInTime " + tempId,
                        "rds:DescribeDBInstances until available"),
                Duration.ofMinutes(30),
                ctx -> {
                    MeasuredSteps.markFault(session, ctx);
                    String sourceId = aws.resources(region).dbInstanceId();
                    DBInstance source = aws.describe(region, sourceId);
                    // The copy is as private as the source: same subnet group and security groups, never public.
                    String subnets = source.dbSubnetGroup() == null
                            ? null
                            : source.dbSubnetGroup().dbSubnetGroupName();
                    List<String> groups = source.vpcSecurityGroups().stream()
                            .map(g -> g.vpcSecurityGroupId())
                            .toList();
                    var tag = software.amazon.awssdk.services.rds.model.Tag.builder()
                            .key("dr-drill")
                            .value(session.drillId())
                            .build();
                    if (pointInTime == null) {
                        aws.clients
                                .rds(region)
                                .restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier(tempId)
                                        .dbSnapshotIdentifier(restore.snapshot.dbSnapshotIdentifier())
                                        .dbInstanceClass(source.dbInstanceClass())
                                        .dbSubnetGroupName(subnets)
                                        .vpcSecurityGroupIds(groups)
                                        .multiAZ(false)
                                        .publiclyAccessible(false)
                                        .deletionProtection(false)
                                        .tags(tag));
                    } else {
                        aws.clients
                                .rds(region)
                                .restoreDBInstanceToPointInTime(b -> b.sourceDBInstanceIdentifier(sourceId)
                                        .targetDBInstanceIdentifier(tempId)
                                        .restoreTime(restore.point)
                                        .dbInstanceClass(source.dbInstanceClass())
                                        .dbSubnetGroupName(subnets)
                                        .vpcSecurityGroupIds(groups)
                                        .multiAZ(false)
                                        .publiclyAccessible(false)
                                        .deletionProtection(false)
                                        .tags(tag));
                    }
                    restore.instance = aws.waiter.until(
                            ctx,
                            "restore of " + tempId,
                            aws.timing.restore(),
                            () -> aws.describe(region, tempId),
                            d -> "available".equals(d.dbInstanceStatus()),
                            DBInstance::dbInstanceStatus);
                    ctx.mark(Milestone.PROMOTION);
                    return tempId + " available at "
                            + (restore.instance.endpoint() == null
                                    ? "?"
                                    : restore.instance.endpoint().address());
                },
                ctx -> deleteTemporary(region, tempId, ctx)));
        steps.add(DrillStep.of(
                "run verification queries",
                List.of(
                        "secretsmanager:GetSecretValue "
                                + PlatformParameters.name(aws.deployment, region, PlatformParameters.DB_SECRET_ARN),
                        "SQL on " + tempId + ": SELECT count(*), max(created_at) FROM calculations"),
                ctx -> {
                    // A snapshot keeps the master password it was taken with: the source's secret opens the
                    // copy (unless the password rotated after the snapshot, which the error then says).
                    String secretArn = aws.resources(region).require(PlatformParameters.DB_SECRET_ARN);
                    try (Connection c = aws.databases.open("restore", restore.instance, region, secretArn);
                            var rs = c.createStatement()
                                    .executeQuery("SELECT count(*), max(created_at) FROM calculations")) {
                        rs.next();
                        ctx.mark(Milestone.FIRST_ACCEPTED_WRITE);
                        return rs.getLong(1) + " calculations, newest written " + rs.getTimestamp(2);
                    }
                }));
        steps.add(DrillStep.of(
                "delete temporary instance " + tempId,
                List.of("rds:DeleteDBInstance SkipFinalSnapshot=true", "rds:DescribeDBInstances until gone"),
                ctx -> deleteTemporary(region, tempId, ctx)));
        session.note((pointInTime == null
                        ? "RPO of a backup restore = age of the newest snapshot"
                        : "RPO of a point-in-time restore = how far the log backups trail (LatestRestorableTime)")
                + "; RTO here = restore start to the first verification query");
        return steps;
    }

    private static String resourcesIdForDrill(DrillSession session) {
        String id = "dr-restore-" + session.drillId().toLowerCase().replaceAll("[^a-z0-9-]", "-");
        return id.length() > 63 ? id.substring(0, 63).replaceAll("-+$", "") : id;
    }

    private String deleteTemporary(String region, String tempId, StepContext ctx) throws InterruptedException {
        try {
            aws.clients
                    .rds(region)
                    .deleteDBInstance(b -> b.dbInstanceIdentifier(tempId)
                            .skipFinalSnapshot(true)
                            .deleteAutomatedBackups(true));
        } catch (DbInstanceNotFoundException e) {
            return tempId + " already gone";
        }
        aws.waiter.until(
                ctx,
                "deletion of " + tempId,
                aws.timing.restore(),
                () -> {
                    try {
                        return aws.describe(region, tempId).dbInstanceStatus();
                    } catch (DbInstanceNotFoundException e) {
                        return "deleted";
                    }
                },
                "deleted"::equals,
                s -> s);
        return tempId + " deleted";
    }
}
