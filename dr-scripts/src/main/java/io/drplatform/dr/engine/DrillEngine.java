package io.drplatform.dr.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs steps in order. Before each step it checks the stop condition; when an alarm fires or a step fails, it
 * rolls back the completed steps that can be undone, newest first, and skips the rest. In dry-run mode it only
 * prints every step and the calls it would make.
 */
public final class DrillEngine {
    private final Progress progress;
    private final StopCondition stopCondition;

    public DrillEngine(Progress progress, StopCondition stopCondition) {
        this.progress = progress;
        this.stopCondition = stopCondition;
    }

    public DrillRun run(List<DrillStep> steps, boolean dryRun) {
        Instant started = Instant.now();
        Map<Milestone, Instant> milestones = Collections.synchronizedMap(new EnumMap<>(Milestone.class));
        List<StepResult> results = new ArrayList<>();
        if (dryRun) {
            for (int i = 0; i < steps.size(); i++) {
                DrillStep step = steps.get(i);
                String label = (i + 1) + "/" + steps.size() + " " + step.name();
                progress.line(
                        label,
                        "DRY RUN: would run"
                                + (step.budget() == null
                                        ? ""
                                        : " (budget " + step.budget().toSeconds() + " s)"));
                for (String call : step.plannedCalls()) {
                    progress.line(label, "  would call: " + call);
                }
                progress.line(label, "  rollback: " + (step.rollback() == null ? "none" : "available"));
                Instant now = Instant.now();
                results.add(new StepResult(
                        step.name(),
                        now,
                        now,
                        StepStatus.DRY_RUN,
                        String.join("; ", step.plannedCalls()),
                        step.budget()));
            }
            return new DrillRun(
                    started, Instant.now(), results, Map.of(), DrillRun.Outcome.DRY_RUN, "dry run: nothing changed");
        }

        StepContext context = new StepContext(milestones, progress, stopCondition);
        Deque<DrillStep> completed = new ArrayDeque<>();
        DrillRun.Outcome outcome = DrillRun.Outcome.COMPLETED;
        String reason = null;
        int index = 0;
        for (; index < steps.size(); index++) {
            DrillStep step = steps.get(index);
            String label = (index + 1) + "/" + steps.size() + " " + step.name();
            context.currentStep(label);
            Instant stepStart = Instant.now();
            try {
                context.checkStop();
                progress.line(label, "started");
                String detail = step.action().run(context);
                Instant end = Instant.now();
                results.add(new StepResult(step.name(), stepStart, end, StepStatus.SUCCEEDED, detail, step.budget()));
                progress.line(
                        label,
                        "done in " + ms(stepStart, end) + (detail == null || detail.isBlank() ? "" : ": " + detail));
                completed.push(step);
            } catch (DrillAbortedException e) {
                results.add(new StepResult(
                        step.name(), stepStart, Instant.now(), StepStatus.ABORTED, e.getMessage(), step.budget()));
                progress.line(label, "ABORTED: " + e.getMessage());
                outcome = DrillRun.Outcome.ABORTED;
                reason = e.getMessage();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(new StepResult(
                        step.name(), stepStart, Instant.now(), StepStatus.ABORTED, "interrupted", step.budget()));
                outcome = DrillRun.Outcome.ABORTED;
                reason = "interrupted";
                break;
            } catch (Exception e) {
                String message = describe(e);
                results.add(new StepResult(
                        step.name(), stepStart, Instant.now(), StepStatus.FAILED, message, step.budget()));
                progress.line(label, "FAILED: " + message);
                outcome = DrillRun.Outcome.FAILED;
                reason = step.name() + ": " + message;
                break;
            }
        }
        if (outcome != DrillRun.Outcome.COMPLETED) {
            for (int skipped = index + 1; skipped < steps.size(); skipped++) {
                DrillStep step = steps.get(skipped);
                results.add(new StepResult(step.name(), null, null, StepStatus.SKIPPED, "not run", step.budget()));
            }
            rollBack(completed, context, results);
        }
        Map<Milestone, Instant> marked = new EnumMap<>(Milestone.class);
        synchronized (milestones) {
            marked.putAll(milestones);
        }
        return new DrillRun(started, Instant.now(), results, marked, outcome, reason);
    }

    private void rollBack(Deque<DrillStep> completed, StepContext context, List<StepResult> results) {
        // Rollback must run even though an alarm fires: that is what it is for.
        StepContext rollbackContext = new StepContext(new EnumMap<>(Milestone.class), progress, StopCondition.NONE);
        while (!completed.isEmpty()) {
            DrillStep step = completed.pop();
            String label = "rollback " + step.name();
            if (step.rollback() == null) {
                progress.line(label, "no rollback (read-only or irreversible); left as is");
                continue;
            }
            rollbackContext.currentStep(label);
            Instant start = Instant.now();
            try {
                String detail = step.rollback().run(rollbackContext);
                results.add(new StepResult(
                        "rollback: " + step.name(), start, Instant.now(), StepStatus.ROLLED_BACK, detail, null));
                progress.line(label, "rolled back" + (detail == null ? "" : ": " + detail));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                results.add(new StepResult(
                        "rollback: " + step.name(),
                        start,
                        Instant.now(),
                        StepStatus.ROLLBACK_FAILED,
                        String.valueOf(e.getMessage()),
                        null));
                progress.line(label, "ROLLBACK FAILED: " + e.getMessage());
            }
        }
    }

    /** JDK exceptions carry their meaning in the message; for others (SDK errors) the type names the error code. */
    static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.getClass().getName().startsWith("java.")) {
            return message.isEmpty() ? e.getClass().getSimpleName() : message;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static String ms(Instant a, Instant b) {
        return java.time.Duration.between(a, b).toMillis() + " ms";
    }
}
