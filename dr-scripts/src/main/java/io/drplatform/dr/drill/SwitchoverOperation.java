package io.drplatform.dr.drill;

import io.drplatform.dr.engine.DrillAbortedException;
import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DatabaseOperations;
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
        EntryPoint entryPoint = provider.entryPoint();
        DatabaseOperations databases = provider.databases();
        List<DrillStep> steps = new ArrayList<>();
        steps.add(DrillStep.of("preflight", List.of("read stop-condition alarms"), ctx -> {
            List<String> firing = provider.alarms().firing();
            if (!firing.isEmpty()) {
                throw new DrillAbortedException("alarms firing: " + String.join(", ", firing));
            }
            return "no alarm firing; " + from + " is active";
        }));
        if (!targetIsReplica && databases.rebuildsReplicas()) {
            steps.add(DrillStep.of("rebuild " + to + " as replica of " + from, databases.rebuildAsReplica(to, from)));
        }
        // Safe before the write stop: the target's database is a replica and refuses writes until promoted. Doing
        // it now keeps service start-up out of the write outage.
        steps.add(DrillStep.of("lift the fence in " + to + " (its database is a replica)", databases.unfence(to)));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.startHeartbeat(session, entryPoint));
        }
        Operation fence = databases.fence(from);
        steps.add(new DrillStep(
                "stop writes in " + from,
                fence.plan(),
                null,
                ctx -> {
                    String detail = fence.run(ctx);
                    // The "fault" of a switchover is the moment writes have stopped; the write outage (RTO) runs from
                    // here.
                    MeasuredSteps.markFault(session, ctx);
                    return detail;
                },
                databases.unfence(from).action()));
        Operation catchUp = databases.awaitCaughtUp(from, to);
        steps.add(DrillStep.of("wait for " + to + " to replay everything", catchUp.plan(), ctx -> {
            session.recordLagBeforeFault(databases.replicaLag(to));
            return catchUp.run(ctx);
        }));
        Operation promote = databases.promote(to);
        boolean stacksRebuildReplica = !databases.rebuildsReplicas();
        steps.add(DrillStep.of("promote " + to, promote.plan(), ctx -> {
            String detail = MeasuredSteps.promotion(promote).run(ctx);
            if (stacksRebuildReplica) {
                // The old region keeps its fence (its database still takes writes) until the stacks replace it.
                session.noteStacksRebuildReplica(to, from);
            }
            return detail;
        }));
        steps.add(DrillStep.of("scale up services in " + to, provider.compute().scaleUp(to)));
        steps.add(DrillStep.of("switch routing to " + to, provider.routing().switchRouting(from, to)));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.verifyWrites(session));
            // A planned switchover must lose nothing: any lost acknowledged write fails it.
            steps.add(MeasuredSteps.measureDataLoss(session, entryPoint, true));
        }
        if (stacksRebuildReplica) {
            return steps;
        }
        steps.add(DrillStep.of("rebuild " + from + " as replica of " + to, databases.rebuildAsReplica(from, to)));
        // Back to a warm standby: its database is a replica again, so its service may run.
        steps.add(DrillStep.of("lift the fence in " + from + " (its database is a replica)", databases.unfence(from)));
        return steps;
    }
}
