package io.drplatform.dr.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One explicit step of a drill or operation.
 *
 * @param plannedCalls the API calls or commands the step makes, printed by {@code --dry-run}
 * @param budget       what the step is expected to take (AWS documented figures), shown beside the achieved time
 * @param rollback     how to undo the step when a later step fails or a stop condition fires; null when the step
 *                     cannot be undone (a promoted replica cannot be demoted)
 */
public record DrillStep(
        String name, List<String> plannedCalls, Duration budget, StepAction action, StepAction rollback) {

    public DrillStep {
        Objects.requireNonNull(name);
        Objects.requireNonNull(action);
        plannedCalls = List.copyOf(plannedCalls);
    }

    public static DrillStep of(String name, List<String> plannedCalls, StepAction action) {
        return new DrillStep(name, plannedCalls, null, action, null);
    }

    /** A step that runs one operation and plans what it plans. */
    public static DrillStep of(String name, Operation operation) {
        return new DrillStep(name, operation.plan(), null, operation.action(), null);
    }

    public DrillStep withBudget(Duration newBudget) {
        return new DrillStep(name, plannedCalls, newBudget, action, rollback);
    }

    public DrillStep withRollback(StepAction newRollback) {
        return new DrillStep(name, plannedCalls, budget, action, newRollback);
    }
}
