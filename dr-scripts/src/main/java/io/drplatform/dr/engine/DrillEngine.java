package io.drplatform.dr.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs steps in order. Before each step it checks the stop condition; when an alarm fires or a step fails, it
 * rolls back the completed steps that can be undone, newest first, and skips the rest. {@link #stop} (a signal)
 * interrupts the running step and rolls back the same way, each rollback bounded by the stop's budget. In dry-run
 * mode it only prints every step and the calls it would make.
 */
public final class DrillEngine {
    private final Progress progress;
    private final StopCondition stopCondition;
    /** Completed steps and what they did, newest first, until rolled back; read by a stop that runs out of time. */
    private final Deque<Done> completed = new ConcurrentLinkedDeque<>();
    /** The thread running the steps, while it runs them: only it is interrupted by {@link #stop}. */
    private Thread runner;

    private volatile String stopReason;
    private volatile long rollbackDeadline = Long.MAX_VALUE;

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
                    started,
                    Instant.now(),
                    results,
                    Map.of(),
                    DrillRun.Outcome.DRY_RUN,
                    "dry run: nothing changed",
                    List.of());
        }

        StepContext context = new StepContext(milestones, progress, stopCondition);
        completed.clear();
        synchronized (this) {
            runner = Thread.currentThread();
        }
        DrillRun.Outcome outcome = DrillRun.Outcome.COMPLETED;
        String reason = null;
        List<String> left = new ArrayList<>();
        int index = 0;
        for (; index < steps.size(); index++) {
            DrillStep step = steps.get(index);
            String label = (index + 1) + "/" + steps.size() + " " + step.name();
            context.currentStep(label);
            Instant stepStart = Instant.now();
            if (stopReason != null) {
                results.add(new StepResult(
                        step.name(), stepStart, stepStart, StepStatus.ABORTED, "not started: " + stopReason, null));
                outcome = DrillRun.Outcome.ABORTED;
                reason = stopReason + " before '" + step.name() + "'";
                break;
            }
            try {
                context.checkStop();
                progress.line(label, "started");
                String detail = step.action().run(context);
                Instant end = Instant.now();
                results.add(new StepResult(step.name(), stepStart, end, StepStatus.SUCCEEDED, detail, step.budget()));
                progress.line(
                        label,
                        "done in " + ms(stepStart, end) + (detail == null || detail.isBlank() ? "" : ": " + detail));
                completed.push(new Done(step, detail));
            } catch (Exception e) {
                if (stopReason != null || e instanceof InterruptedException) {
                    // Stopped mid-step (an interrupted SDK call throws its own exception): an abort, not a failure.
                    String why = stopReason != null ? stopReason : "interrupted";
                    results.add(new StepResult(
                            step.name(), stepStart, Instant.now(), StepStatus.ABORTED, why, step.budget()));
                    progress.line(label, "ABORTED: " + why);
                    outcome = DrillRun.Outcome.ABORTED;
                    reason = why + " during '" + step.name() + "'";
                    left.add(step.name() + " (stopped while running, not undone: what it had started goes on; check "
                            + String.join(", ", step.plannedCalls()) + ")");
                    break;
                }
                if (e instanceof DrillAbortedException) {
                    results.add(new StepResult(
                            step.name(), stepStart, Instant.now(), StepStatus.ABORTED, e.getMessage(), step.budget()));
                    progress.line(label, "ABORTED: " + e.getMessage());
                    outcome = DrillRun.Outcome.ABORTED;
                    reason = e.getMessage();
                    break;
                }
                String message = describe(e);
                results.add(new StepResult(
                        step.name(), stepStart, Instant.now(), StepStatus.FAILED, message, step.budget()));
                progress.line(label, "FAILED: " + message);
                outcome = DrillRun.Outcome.FAILED;
                reason = step.name() + ": " + message;
                break;
            }
        }
        synchronized (this) {
            runner = null;
        }
        // A stop that arrived as the last step ended must not cut the rollback's calls or the report's writes short.
        boolean interrupted = Thread.interrupted();
        if (outcome != DrillRun.Outcome.COMPLETED) {
            for (int skipped = index + 1; skipped < steps.size(); skipped++) {
                DrillStep step = steps.get(skipped);
                results.add(new StepResult(step.name(), null, null, StepStatus.SKIPPED, "not run", step.budget()));
            }
            rollBack(results, left);
        }
        if (interrupted && stopReason == null) {
            Thread.currentThread().interrupt();
        }
        Map<Milestone, Instant> marked = new EnumMap<>(Milestone.class);
        synchronized (milestones) {
            marked.putAll(milestones);
        }
        return new DrillRun(started, Instant.now(), results, marked, outcome, reason, left);
    }

    /**
     * Stops the run from another thread (a shutdown hook): the running step is interrupted, the run ends ABORTED, and
     * the completed steps are rolled back, each rollback given at most what is left of {@code rollbackBudget}.
     */
    public void stop(String why, Duration rollbackBudget) {
        rollbackDeadline = System.nanoTime() + rollbackBudget.toNanos();
        stopReason = why;
        synchronized (this) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /** Completed steps whose rollback has not run (yet), newest first: what to undo by hand if the process dies now. */
    public List<String> notRolledBack() {
        return completed.stream()
                .filter(done -> done.step().rollback() != null)
                .map(Done::undo)
                .toList();
    }

    private void rollBack(List<StepResult> results, List<String> left) {
        // Rollback must run even though an alarm fires: that is what it is for.
        StepContext rollbackContext = new StepContext(new EnumMap<>(Milestone.class), progress, StopCondition.NONE);
        while (!completed.isEmpty()) {
            Done done = completed.peek();
            DrillStep step = done.step();
            String label = "rollback " + step.name();
            if (step.rollback() == null) {
                progress.line(label, "no rollback (read-only or irreversible); left as is");
                left.add(step.name() + " (done; no rollback: read-only or irreversible)");
                completed.pop();
                continue;
            }
            rollbackContext.currentStep(label);
            Instant start = Instant.now();
            try {
                String detail = bounded(step.rollback(), rollbackContext);
                completed.pop();
                results.add(new StepResult(
                        "rollback: " + step.name(), start, Instant.now(), StepStatus.ROLLED_BACK, detail, null));
                progress.line(label, "rolled back" + (detail == null ? "" : ": " + detail));
            } catch (Exception e) {
                completed.pop();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                left.add(step.name() + " (ROLLBACK FAILED: " + e.getMessage() + "; " + done.undo() + ")");
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

    /** A completed step and its result, which says what to undo by hand when its rollback cannot run. */
    private record Done(DrillStep step, String detail) {
        String undo() {
            return "undo by hand what '" + step.name() + "' did: " + (detail == null ? "see its progress" : detail);
        }
    }

    /** Runs a rollback; once stopped, on its own thread and only until the stop's budget runs out. */
    private String bounded(StepAction rollback, StepContext context) throws Exception {
        long deadline = rollbackDeadline;
        if (deadline == Long.MAX_VALUE) {
            return rollback.run(context);
        }
        FutureTask<String> task = new FutureTask<>(() -> rollback.run(context));
        Thread thread = new Thread(task, "dr-rollback");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new TimeoutException("not finished within the time a stopped run has; it may still complete");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
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
