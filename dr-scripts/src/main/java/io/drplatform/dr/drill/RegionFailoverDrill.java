package io.drplatform.dr.drill;

import io.drplatform.dr.engine.DrillAbortedException;
import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DatabaseOperations;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.provider.FailoverBudgets;
import io.drplatform.dr.provider.ReplicaLag;
import java.util.ArrayList;
import java.util.List;

/**
 * Region failover, as a drill (inject the fault into a healthy primary region) or as the real operation
 * ({@code dr failover}: the primary region is already failing; fence it as far as it still answers).
 * Steps: preflight, heartbeat, fault/fence, promote standby, scale standby, switch routing, verify writes,
 * measure data loss.
 */
public final class RegionFailoverDrill {
    public enum Mode {
        DRILL,
        FAILOVER
    }

    private final DrProvider provider;
    private final DrillSession session;
    private final Mode mode;
    private final FailoverBudgets budgets;

    public RegionFailoverDrill(DrProvider provider, DrillSession session, Mode mode, FailoverBudgets budgets) {
        this.provider = provider;
        this.session = session;
        this.mode = mode;
        this.budgets = budgets;
    }

    public List<DrillStep> steps(String from, String to) {
        DrillSettings settings = session.settings();
        EntryPoint entryPoint = provider.entryPoint();
        DatabaseOperations databases = provider.databases();
        List<DrillStep> steps = new ArrayList<>();
        steps.add(DrillStep.of(
                "preflight",
                List.of(
                        "read stop-condition alarms",
                        "read replica lag of " + to,
                        "check that " + to + " is replicating"),
                ctx -> {
                    List<String> firing = provider.alarms().firing();
                    if (mode == Mode.FAILOVER) {
                        // A real failover happens because things are broken: alarms are expected and the source is
                        // gone.
                        if (!databases.isReplica(to)) {
                            throw new IllegalStateException(to + "'s database is not a replica; nothing to promote");
                        }
                        return to + " holds a promotable replica"
                                + (firing.isEmpty() ? "" : "; alarms firing (expected): " + String.join(", ", firing));
                    }
                    if (!firing.isEmpty()) {
                        throw new DrillAbortedException("alarms already firing: " + String.join(", ", firing));
                    }
                    if (!databases.standbyReplicating(to)) {
                        throw new IllegalStateException(
                                "standby " + to + " is not replicating; nothing to fail over to");
                    }
                    ReplicaLag lag = databases.replicaLag(to);
                    if (mode == Mode.DRILL && lag.seconds() != null && lag.seconds() > settings.rpoTargetSeconds()) {
                        throw new IllegalStateException("replica lag " + lag.seconds() + " s is above the RPO target "
                                + settings.rpoTargetSeconds() + " s");
                    }
                    return "no alarm firing; " + to + " replicating; lag " + lag.seconds() + " s, " + lag.bytesBehind()
                            + " bytes";
                }));
        if (entryPoint != null && mode == Mode.FAILOVER) {
            // The entry point is failing already: no baseline to wait for, and writes from before the outage were
            // never journaled, so this run measures RTO only.
            steps.add(DrillStep.of(
                    "start heartbeat writer", List.of("POST " + entryPoint.baseUri() + "/api/v1/calculations"), ctx -> {
                        session.startHeartbeat(entryPoint);
                        session.rpoNotMeasurable(
                                "a real failover cannot count lost writes: nothing journaled the writes acknowledged before"
                                        + " the outage; the replica lag recorded at the fence is the estimate");
                        return "heartbeat started";
                    }));
        } else if (entryPoint != null) {
            steps.add(MeasuredSteps.startHeartbeat(session, entryPoint));
        } else {
            session.note("no entry point configured: RTO and RPO cannot be measured (pass --entry-point and --token)");
        }
        Operation fault = provider.faults().inject(from);
        List<String> faultCalls = new ArrayList<>(List.of("record replica lag of " + to));
        faultCalls.addAll(fault.plan());
        steps.add(new DrillStep(
                mode == Mode.DRILL ? "inject fault: fence " + from : "fence failed region " + from,
                faultCalls,
                null,
                ctx -> {
                    try {
                        session.recordLagBeforeFault(databases.replicaLag(to));
                    } catch (Exception e) {
                        session.note("replica lag before the fault could not be read: " + e.getMessage());
                    }
                    MeasuredSteps.markFault(session, ctx);
                    ctx.expectAlarmsFrom(from);
                    if (mode == Mode.FAILOVER) {
                        try {
                            return fault.run(ctx);
                        } catch (Exception e) {
                            // A failed region may not answer: failing over must not depend on it.
                            return "could not fence " + from + " (" + e.getMessage() + "); continuing";
                        }
                    }
                    return fault.run(ctx);
                },
                mode == Mode.DRILL ? provider.faults().recover(from).action() : null));
        Operation promote = databases.promote(to);
        boolean stacksRebuildReplica = !databases.rebuildsReplicas();
        steps.add(new DrillStep(
                "promote standby database in " + to,
                promote.plan(),
                budgets.promotion(),
                ctx -> {
                    String detail = MeasuredSteps.promotion(promote).run(ctx);
                    // Only a promotion that happened leaves a database for the stacks to adopt: the deploy advice
                    // belongs to this moment, not to planning the steps.
                    if (stacksRebuildReplica) {
                        session.noteStacksRebuildReplica(to, from);
                    }
                    return detail;
                },
                null));
        // A standby that was the old primary of an earlier switchover still carries that switchover's fence.
        steps.add(DrillStep.of("lift the fence in " + to + " (if any)", databases.unfence(to)));
        steps.add(DrillStep.of("scale up services in " + to, provider.compute().scaleUp(to))
                .withBudget(budgets.scaleUp()));
        steps.add(DrillStep.of("switch routing to " + to, provider.routing().switchRouting(from, to))
                .withBudget(budgets.routing()));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.verifyWrites(session));
            if (mode == Mode.DRILL) {
                steps.add(MeasuredSteps.measureDataLoss(session, entryPoint, false));
            }
        }
        return steps;
    }
}
