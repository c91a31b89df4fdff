package io.drplatform.dr.drill;

import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DrProvider;
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
        if (!targetIsReplica && provider.rebuildsReplicas()) {
            steps.add(DrillStep.of(
                    "rebuild " + to + " as replica of " + from,
                    provider.planRebuildAsReplica(to, from),
                    ctx -> provider.rebuildAsReplica(to, from, ctx)));
        }
        // Safe before the write stop: the target's database is a replica and refuses writes until promoted. Doing
        // it now keeps service start-up out of the write outage.
        steps.add(DrillStep.of(
                "lift the fence in " + to + " (its database is a replica)",
                provider.planFence(to, false),
                ctx -> provider.unfence(to, ctx)));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.startHeartbeat(session, entryPoint));
        }
        steps.add(new DrillStep(
                "stop writes in " + from,
                provider.planFence(from, true),
                null,
                ctx -> {
                    String detail = provider.fence(from, ctx);
                    // The "fault" of a switchover is the moment writes have stopped; the write outage (RTO) runs from
                    // here.
                    MeasuredSteps.markFault(session, ctx);
                    return detail;
                },
                ctx -> provider.unfence(from, ctx)));
        steps.add(
                DrillStep.of("wait for " + to + " to replay everything", provider.planAwaitCaughtUp(from, to), ctx -> {
                    session.recordLagBeforeFault(provider.replicaLag(to));
                    return provider.awaitCaughtUp(from, to, ctx);
                }));
        steps.add(DrillStep.of("promote " + to, provider.planPromote(to), ctx -> {
            String detail = provider.promote(to, ctx);
            ctx.mark(Milestone.PROMOTION);
            return detail;
        }));
        steps.add(
                DrillStep.of("scale up services in " + to, provider.planScaleUp(to), ctx -> provider.scaleUp(to, ctx)));
        steps.add(DrillStep.of(
                "switch routing to " + to,
                provider.planSwitchRouting(from, to),
                ctx -> provider.switchRouting(from, to, ctx)));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.verifyWrites(session));
            // A planned switchover must lose nothing: any lost acknowledged write fails it.
            steps.add(MeasuredSteps.measureDataLoss(session, entryPoint, true));
        }
        if (!provider.rebuildsReplicas()) {
            // The old region keeps its fence (its database still takes writes) until the stacks replace it.
            session.noteStacksRebuildReplica(to, from);
            return steps;
        }
        steps.add(DrillStep.of(
                "rebuild " + from + " as replica of " + to,
                provider.planRebuildAsReplica(from, to),
                ctx -> provider.rebuildAsReplica(from, to, ctx)));
        // Back to a warm standby: its database is a replica again, so its service may run.
        steps.add(DrillStep.of(
                "lift the fence in " + from + " (its database is a replica)",
                provider.planFence(from, false),
                ctx -> provider.unfence(from, ctx)));
        return steps;
    }
}
