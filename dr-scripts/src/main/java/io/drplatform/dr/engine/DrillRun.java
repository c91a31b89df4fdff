package io.drplatform.dr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running steps: every step's result, the milestones marked, and whether the run completed,
 * failed (a step threw) or was aborted (a stop condition fired, or the run was stopped).
 *
 * @param leftAsIs what a run that did not complete did not undo: steps without rollback, the step that was stopped
 *                 while running, rollbacks that failed
 */
public record DrillRun(
        Instant startedAt,
        Instant endedAt,
        List<StepResult> steps,
        Map<Milestone, Instant> milestones,
        Outcome outcome,
        String reason,
        List<String> leftAsIs) {
    public DrillRun {
        leftAsIs = List.copyOf(leftAsIs);
    }

    public enum Outcome {
        COMPLETED,
        FAILED,
        ABORTED,
        DRY_RUN
    }
}
