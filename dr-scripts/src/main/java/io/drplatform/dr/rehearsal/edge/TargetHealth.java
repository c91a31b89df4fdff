package io.drplatform.dr.rehearsal.edge;

/**
 * One registered target's health as the ALB keeps it: {@code initial} until its first verdict, {@code healthy}
 * after {@code healthyThreshold} consecutive passed checks, {@code unhealthy} after {@code unhealthyThreshold}
 * consecutive failed ones; a single check never flips it.
 */
final class TargetHealth {
    enum State {
        INITIAL,
        HEALTHY,
        UNHEALTHY
    }

    /** What one health check saw: passed, or why not (an ELB reason code and a description). */
    record Check(boolean passed, String reason, String description) {
        static Check pass() {
            return new Check(true, null, null);
        }

        static Check fail(String reason, String description) {
            return new Check(false, reason, description);
        }
    }

    private final String target;
    private State state = State.INITIAL;
    private int passes;
    private int failures;
    private String reason = "Elb.InitialHealthChecking";
    private String description = "Initial health checks in progress";

    TargetHealth(String target) {
        this.target = target;
    }

    synchronized void record(Check check, LoadBalancerSpec.HealthCheck rules) {
        if (check.passed()) {
            passes++;
            failures = 0;
            if (state != State.HEALTHY && passes >= rules.healthyThreshold()) {
                state = State.HEALTHY;
                reason = null;
                description = null;
            }
            return;
        }
        failures++;
        passes = 0;
        if (state != State.UNHEALTHY && failures >= rules.unhealthyThreshold()) {
            state = State.UNHEALTHY;
        }
        if (state == State.UNHEALTHY) {
            reason = check.reason();
            description = check.description();
        }
    }

    synchronized boolean isHealthy() {
        return state == State.HEALTHY;
    }

    String target() {
        return target;
    }

    synchronized LoadBalancerStatus.Target status() {
        return new LoadBalancerStatus.Target(
                target, state.name().toLowerCase(java.util.Locale.ROOT), reason, description);
    }
}
