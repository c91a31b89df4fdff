package io.drplatform.dr.drill;

import io.drplatform.dr.measure.DataLoss;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DrProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A planned switchover ({@code dr failback}): rebuild the target as a replica if it is not one, stop writes in
 * the active region, wait until the target has replayed everything, promote it, switch routing, and rebuild the
 * old active region as a replica. No acknowledged write may be lost; the heartbeat proves it.
 */
public final class SwitchoverOperation {
    private final DrProvider provider;
    private final DrillSession session;

    public SwitchoverOperation(DrProvider provider, DrillSession session) {
        this.provider = provider;
        this.session = session;
    }

    public List<DrillStep> steps(String from, String to, boolean targetIsReplica) {
        DrillSettings settings = session.settings();
        EntryPoint entryPoint = provider.entryPoint();
        List<DrillStep> steps = new ArrayList<>();
        steps.add(DrillStep.of("preflight", List.of("read stop-condition alarms"), ctx -> {
            List<String> firing = provider.firingAlarms();
            if (!firing.isEmpty()) {
                throw new DrillAbortedException("alarms firing: " + String.join(", ", firing));
            }
            return "no alarm firing; " + from + " is active";
        }));
        if (!targetIsReplica) {
            steps.add(DrillStep.of("rebuild " + to + " as replica of " + from, provider.planRebuildAsReplica(to, from),
                    ctx -> provider.rebuildAsReplica(to, from, ctx)));
        }
        if (entryPoint != null) {
            steps.add(DrillStep.of("start heartbeat writer", List.of("POST " + entryPoint.baseUri() + "/api/v1/calculations"), ctx -> {
                var hb = session.startHeartbeat(entryPoint);
                if (!ctx.await("first acknowledged heartbeat", Duration.ofSeconds(30), Duration.ofMillis(100), () -> hb.journal().size() > 0)) {
                    throw new IllegalStateException("no heartbeat write acknowledged (last error: " + hb.lastError() + ")");
                }
                Thread.sleep(settings.baselineDuration().toMillis());
                return hb.journal().size() + " writes acknowledged before writes stopped";
            }).withRollback(ctx -> {
                session.heartbeat().stop();
                return "heartbeat stopped";
            }));
        }
        steps.add(new DrillStep("stop writes in " + from, provider.planFence(from, true), null, ctx -> {
            // The "fault" of a switchover is the planned write stop; RTO runs from here.
            Instant stop = ctx.mark(Milestone.FAULT);
            if (session.heartbeat() != null) {
                session.heartbeat().watchFirstAcceptedAfter(stop, at -> ctx.mark(Milestone.FIRST_ACCEPTED_WRITE, at));
            }
            return provider.fence(from, ctx);
        }, ctx -> provider.unfence(from, ctx)));
        steps.add(DrillStep.of("wait for " + to + " to replay everything", provider.planAwaitCaughtUp(from, to), ctx -> {
            session.recordLagBeforeFault(provider.replicaLag(to));
            return provider.awaitCaughtUp(from, to, ctx);
        }));
        steps.add(DrillStep.of("promote " + to, provider.planPromote(to), ctx -> {
            String detail = provider.promote(to, ctx);
            ctx.mark(Milestone.PROMOTION);
            return detail;
        }));
        steps.add(DrillStep.of("lift the fence in " + to, provider.planFence(to, false), ctx -> provider.unfence(to, ctx)));
        steps.add(DrillStep.of("scale up services in " + to, provider.planScaleUp(to), ctx -> provider.scaleUp(to, ctx)));
        steps.add(DrillStep.of("switch routing to " + to, provider.planSwitchRouting(from, to), ctx -> provider.switchRouting(from, to, ctx)));
        if (entryPoint != null) {
            steps.add(DrillStep.of("verify writes through the entry point", List.of("wait for an acknowledged heartbeat write"), ctx -> {
                var hb = session.heartbeat();
                if (!ctx.await("first write accepted after the switch", settings.recoveryDeadline(), Duration.ofMillis(50),
                        () -> hb.firstAcceptedAfterFault() != null)) {
                    throw new IllegalStateException("no write accepted within " + settings.recoveryDeadline().toSeconds() + " s");
                }
                return "writes accepted again";
            }));
            steps.add(DrillStep.of("measure data loss", List.of("GET /api/v1/calculations/{id} for every acknowledged write"), ctx -> {
                DataLoss loss = session.assessDataLoss(entryPoint, ctx.milestone(Milestone.FAULT));
                if (loss.lost() > 0) {
                    throw new IllegalStateException(loss.lost() + " acknowledged writes lost in a planned switchover: " + loss.lostSequences());
                }
                return loss.checked() + " acknowledged writes checked, " + loss.lost() + " lost, " + loss.unknown() + " unknown";
            }));
        }
        steps.add(DrillStep.of("rebuild " + from + " as replica of " + to, provider.planRebuildAsReplica(from, to),
                ctx -> provider.rebuildAsReplica(from, to, ctx)));
        return steps;
    }
}
