package io.drplatform.dr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running steps: every step's result, the milestones marked, and whether the run completed,
 * failed (a step threw) or was aborted (a stop condition fired).
 */
public record DrillRun(
        Instant startedAt,
        Instant endedAt,
        List<StepResult> steps,
        Map<Milestone, Instant> milestones,
        Outcome outcome,
        String reason) {
    public enum Outcome {
        COMPLETED,
        FAILED,
        ABORTED,
        DRY_RUN
    }
}
