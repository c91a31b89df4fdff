package io.drplatform.dr.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What a running step can see: milestones, live progress, the stop condition and a bounded wait. */
public final class StepContext {
    private final Map<Milestone, Instant> milestones;
    private final Progress progress;
    private final StopCondition stopCondition;
    private String currentStep = "";
    /** Alarm-name prefixes (a region's) whose alarms the drill itself causes from some step on. */
    private final java.util.Set<String> expected = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StepContext(Map<Milestone, Instant> milestones, Progress progress, StopCondition stopCondition) {
        this.milestones = milestones;
        this.progress = progress;
        this.stopCondition = stopCondition;
    }

    public static StepContext standalone(Progress progress, StopCondition stopCondition) {
        return new StepContext(new EnumMap<>(Milestone.class), progress, stopCondition);
    }

    void currentStep(String name) {
        this.currentStep = name;
    }

    /** Marks a milestone now, unless it was already marked (the first occurrence counts). */
    public Instant mark(Milestone milestone) {
        return mark(milestone, Instant.now());
    }

    public synchronized Instant mark(Milestone milestone, Instant at) {
        Instant existing = milestones.putIfAbsent(milestone, at);
        if (existing == null) {
            progress.line(currentStep, "* " + milestone.label());
            return at;
        }
        return existing;
    }

    public synchronized Instant milestone(Milestone milestone) {
        return milestones.get(milestone);
    }

    public void progress(String message) {
        progress.line(currentStep, message);
    }

    /**
     * From now on, alarms of this region are the fault's own consequences (its load balancer answers 5xx once its
     * tasks are gone, for example) and no longer stop the run; alarms anywhere else still do.
     */
    public void expectAlarmsFrom(String region) {
        if (expected.add(region + "/")) {
            progress("alarms in " + region + " are the fault's own from here and no longer stop the drill");
        }
    }

    /** Throws {@link DrillAbortedException} when an alarm of the stop condition is firing. */
    public void checkStop() {
        List<String> firing;
        try {
            firing = stopCondition.firing();
        } catch (Exception e) {
            // An unreadable stop condition is not a green light: a drill that cannot see its alarms stops.
            throw new DrillAbortedException("cannot read stop-condition alarms: " + e.getMessage());
        }
        firing = firing.stream()
                .filter(name -> expected.stream().noneMatch(name::startsWith))
                .toList();
        if (!firing.isEmpty()) {
            throw new DrillAbortedException("stop condition: alarm firing: " + String.join(", ", firing));
        }
    }

    /**
     * Polls until the condition holds, checking the stop condition on every poll; gives up at the deadline.
     *
     * @return true when the condition held before the deadline
     */
    public boolean await(String what, Duration deadline, Duration interval, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        long lastReport = System.nanoTime();
        while (true) {
            checkStop();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                progress("still waiting: " + what);
                lastReport = System.nanoTime();
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
