package io.drplatform.dr.aws;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.MeasuredSteps;
import io.drplatform.dr.engine.DrillAbortedException;
import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.measure.EntryPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code dr drill db-failover}: a Multi-AZ reboot with failover of the active region's database, measured the same
 * way as a region failover (heartbeat through the entry point, RTO to the first accepted write, lost writes).
 */
final class MultiAzFailoverDrill {
    private final AwsDeployment aws;
    private final AwsAlarms alarms;
    private final EntryPoint entryPoint;

    MultiAzFailoverDrill(AwsDeployment aws, AwsAlarms alarms, EntryPoint entryPoint) {
        this.aws = aws;
        this.alarms = alarms;
        this.entryPoint = entryPoint;
    }

    List<DrillStep> steps(DrillSession session) {
        String region = aws.activeRegion();
        List<DrillStep> steps = new ArrayList<>();
        steps.add(DrillStep.of(
                "preflight", List.of("cloudwatch:DescribeAlarms (stop conditions)", "rds:DescribeDBInstances"), ctx -> {
                    List<String> firing = alarms.firing();
                    if (!firing.isEmpty()) {
                        throw new DrillAbortedException("alarms already firing: " + firing);
                    }
                    DBInstance db = aws.describeDatabase(region);
                    if (!Boolean.TRUE.equals(db.multiAZ())) {
                        throw new IllegalStateException(db.dbInstanceIdentifier()
                                + " is not Multi-AZ: a reboot with failover has no standby to fail over to");
                    }
                    if (!"available".equals(db.dbInstanceStatus())) {
                        throw new IllegalStateException(
                                db.dbInstanceIdentifier() + " is " + db.dbInstanceStatus() + ", not available");
                    }
                    return db.dbInstanceIdentifier() + " available, Multi-AZ";
                }));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.startHeartbeat(session, entryPoint));
        } else {
            session.note("no entry point token: RTO and RPO cannot be measured (pass --token or set DR_TOKEN)");
        }
        steps.add(new DrillStep(
                "reboot with failover",
                List.of(
                        "rds:DescribeDBInstances (AvailabilityZone and SecondaryAvailabilityZone before)",
                        "rds:RebootDBInstance ForceFailover=true",
                        "rds:DescribeDBInstances until available after rebooting was seen or the zones swapped"),
                Duration.ofSeconds(120),
                ctx -> {
                    String id = aws.resources(region).dbInstanceId();
                    DBInstance before = aws.describe(region, id);
                    MeasuredSteps.markFault(session, ctx);
                    aws.clients
                            .rds(region)
                            .rebootDBInstance(b -> b.dbInstanceIdentifier(id).forceFailover(true));
                    FailoverEvidence evidence = new FailoverEvidence(before);
                    try {
                        aws.waiter.until(
                                ctx,
                                "failover of " + id,
                                aws.timing.reboot(),
                                () -> aws.describe(region, id),
                                evidence::completedBy,
                                evidence::describe);
                    } catch (IllegalStateException timedOut) {
                        throw new IllegalStateException(evidence.missing(id, aws.timing.reboot()), timedOut);
                    }
                    ctx.mark(Milestone.PROMOTION);
                    return id + " failed over (" + evidence.observed() + ") and is available";
                },
                null));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.verifyWrites(session));
            steps.add(MeasuredSteps.measureDataLoss(session, entryPoint, false));
        }
        return steps;
    }
}
