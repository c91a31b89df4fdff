package io.drplatform.dr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DrillEngineTest {
    private final List<String> log = new ArrayList<>();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(terminal, true, StandardCharsets.UTF_8));

    private DrillStep step(String name, boolean reversible) {
        DrillStep s = DrillStep.of(name, List.of("call " + name), ctx -> {
            log.add("run " + name);
            return name + " ok";
        });
        return reversible
                ? s.withRollback(ctx -> {
                    log.add("undo " + name);
                    return null;
                })
                : s;
    }

    @Test
    void runsStepsInOrderAndRecordsEveryResult() {
        DrillRun run = new DrillEngine(progress, StopCondition.NONE)
                .run(List.of(step("a", true), step("b", false), step("c", true)), false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.COMPLETED);
        assertThat(log).containsExactly("run a", "run b", "run c");
        assertThat(run.steps()).extracting(StepResult::name).containsExactly("a", "b", "c");
        assertThat(run.steps())
                .allMatch(r -> r.status() == StepStatus.SUCCEEDED && r.detail().endsWith("ok"));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("1/3 a", "3/3 c", "done in");
    }

    @Test
    void failingStepRollsBackCompletedReversibleStepsNewestFirstAndSkipsTheRest() {
        DrillStep boom = DrillStep.of("boom", List.of(), ctx -> {
            throw new IllegalStateException("promotion failed");
        });
        DrillRun run = new DrillEngine(progress, StopCondition.NONE)
                .run(List.of(step("a", true), step("b", false), step("c", true), boom, step("d", true)), false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.FAILED);
        assertThat(run.reason()).contains("promotion failed");
        assertThat(log).containsExactly("run a", "run b", "run c", "undo c", "undo a");
        assertThat(run.steps())
                .extracting(StepResult::name, StepResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("b", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("c", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("boom", StepStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple("d", StepStatus.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("rollback: c", StepStatus.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple("rollback: a", StepStatus.ROLLED_BACK));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("no rollback (read-only or irreversible)");
    }

    @Test
    void alarmFiringBetweenStepsAbortsAndRollsBack() {
        AtomicBoolean alarm = new AtomicBoolean();
        DrillStep trigger = DrillStep.of("inject fault", List.of(), ctx -> {
                    log.add("run inject fault");
                    alarm.set(true);
                    return null;
                })
                .withRollback(ctx -> {
                    log.add("undo inject fault");
                    return null;
                });
        StopCondition stop = () -> alarm.get() ? List.of("api-5xx-rate") : List.of();
        DrillRun run =
                new DrillEngine(progress, stop).run(List.of(step("a", true), trigger, step("promote", false)), false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.ABORTED);
        assertThat(run.reason()).contains("api-5xx-rate");
        assertThat(log).containsExactly("run a", "run inject fault", "undo inject fault", "undo a");
        assertThat(run.steps())
                .filteredOn(r -> r.name().equals("promote"))
                .extracting(StepResult::status)
                .containsExactly(StepStatus.ABORTED);
    }

    @Test
    void alarmFiringDuringAWaitAbortsTheStep() {
        AtomicBoolean alarm = new AtomicBoolean();
        DrillStep waiting = DrillStep.of("switch routing", List.of(), ctx -> {
            alarm.set(true);
            ctx.await("never", java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(10), () -> false);
            return "unreachable";
        });
        DrillRun run = new DrillEngine(progress, () -> alarm.get() ? List.of("replica-lag") : List.of())
                .run(List.of(step("a", true), waiting), false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.ABORTED);
        assertThat(log).containsExactly("run a", "undo a");
    }

    @Test
    void unreadableStopConditionStopsTheDrill() {
        DrillRun run = new DrillEngine(progress, () -> {
                    throw new IllegalStateException("throttled");
                })
                .run(List.of(step("a", true)), false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.ABORTED);
        assertThat(run.reason()).contains("cannot read stop-condition alarms");
        assertThat(log).isEmpty();
    }

    @Test
    void dryRunPrintsEveryStepAndCallAndRunsNothing() {
        DrillRun run = new DrillEngine(progress, () -> List.of("would-abort"))
                .run(List.of(step("a", true), step("b", false)), true);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.DRY_RUN);
        assertThat(log).isEmpty();
        assertThat(run.steps()).allMatch(r -> r.status() == StepStatus.DRY_RUN);
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .contains("DRY RUN", "would call: call a", "would call: call b", "rollback: none");
    }

    @Test
    void milestonesKeepTheirFirstOccurrence() {
        DrillStep marks = DrillStep.of("marks", List.of(), ctx -> {
            var first = ctx.mark(Milestone.FAULT);
            Thread.sleep(5);
            assertThat(ctx.mark(Milestone.FAULT)).isEqualTo(first);
            ctx.mark(Milestone.PROMOTION);
            return null;
        });
        DrillRun run = new DrillEngine(progress, StopCondition.NONE).run(List.of(marks), false);
        assertThat(run.milestones()).containsKeys(Milestone.FAULT, Milestone.PROMOTION);
        assertThat(run.milestones().get(Milestone.FAULT))
                .isBefore(run.milestones().get(Milestone.PROMOTION));
    }

    @Test
    void alarmsOfTheFaultedRegionStopNothingOnceTheFaultIsInButAlarmsElsewhereStillDo() {
        List<String> firing = new ArrayList<>();
        DrillStep fault = DrillStep.of("inject fault", List.of(), ctx -> {
            ctx.expectAlarmsFrom("us-east-1");
            // What the fault causes: the faulted region's load balancer answers 5xx.
            firing.add("us-east-1/app-staging-alb-5xx-rate");
            return "fault in";
        });
        DrillStep promote = DrillStep.of("promote", List.of(), ctx -> {
            firing.add("us-west-2/app-staging-alb-5xx-rate");
            return "promoted";
        });

        DrillRun run = new DrillEngine(progress, () -> List.copyOf(firing))
                .run(List.of(step("preflight", false), fault, promote, step("switch", true)), false);

        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.ABORTED);
        assertThat(run.reason()).contains("us-west-2/app-staging-alb-5xx-rate").doesNotContain("us-east-1/");
        assertThat(run.steps())
                .extracting(StepResult::name, StepResult::status)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("inject fault", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("promote", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("switch", StepStatus.ABORTED));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("alarms in us-east-1 are the fault's own");
    }

    @Test
    void stopInterruptsTheRunningStepAndBoundsEachRollback() throws Exception {
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        DrillStep hangsOnUndo = DrillStep.of("fault", List.of("call fault"), ctx -> "fault in")
                .withRollback(ctx -> {
                    Thread.sleep(60_000); // a region that no longer answers
                    return "restored";
                });
        DrillStep promotion = DrillStep.of("promote", List.of("rds:PromoteReadReplica"), ctx -> {
            waiting.countDown();
            Thread.sleep(60_000);
            return "promoted";
        });
        DrillEngine engine = new DrillEngine(progress, StopCondition.NONE);
        Thread signal = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                return;
            }
            engine.stop("stopped by a signal", java.time.Duration.ofMillis(300));
        });
        signal.start();
        long started = System.nanoTime();

        DrillRun run = engine.run(List.of(step("a", false), hangsOnUndo, promotion, step("d", true)), false);

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(10));
        assertThat(run.outcome()).isEqualTo(DrillRun.Outcome.ABORTED);
        assertThat(run.reason()).isEqualTo("stopped by a signal during 'promote'");
        assertThat(run.steps())
                .extracting(StepResult::name, StepResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("fault", StepStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("promote", StepStatus.ABORTED),
                        org.assertj.core.groups.Tuple.tuple("d", StepStatus.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("rollback: fault", StepStatus.ROLLBACK_FAILED));
        assertThat(run.leftAsIs())
                .satisfiesExactly(
                        promote -> assertThat(promote)
                                .startsWith("promote (stopped while running")
                                .contains("rds:PromoteReadReplica"),
                        fault -> assertThat(fault)
                                .startsWith("fault (ROLLBACK FAILED: not finished within")
                                .contains("undo by hand what 'fault' did: fault in"),
                        a -> assertThat(a).startsWith("a (done; no rollback"));
        assertThat(Thread.currentThread().isInterrupted())
                .as("the caller goes on to write the report")
                .isFalse();
        signal.join();
    }
}
