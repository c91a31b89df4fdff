package io.drplatform.dr.rehearsal.edge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target group while the load balancer runs: its registered targets with their health, and which of them the
 * next request goes to. Re-registering the same targets (a spec reload) keeps their health, as re-registering a
 * registered target does on an ALB.
 */
final class TargetGroupState {
    private final String id;
    private volatile LoadBalancerSpec.TargetGroupSpec spec;
    private volatile Map<String, TargetHealth> targets = Map.of();
    private final AtomicInteger next = new AtomicInteger();
    private volatile long nextRoundNanos = System.nanoTime();
    private volatile boolean roundRunning;

    TargetGroupState(String id, LoadBalancerSpec.TargetGroupSpec spec) {
        this.id = id;
        update(spec);
    }

    synchronized void update(LoadBalancerSpec.TargetGroupSpec newSpec) {
        Map<String, TargetHealth> kept = new LinkedHashMap<>();
        for (String target : newSpec.targets()) {
            kept.put(target, targets.getOrDefault(target, new TargetHealth(target)));
        }
        targets = kept;
        spec = newSpec;
    }

    String id() {
        return id;
    }

    String name() {
        return spec.name() == null ? id : spec.name();
    }

    LoadBalancerSpec.HealthCheck healthCheck() {
        return spec.healthCheck();
    }

    List<TargetHealth> targets() {
        return List.copyOf(targets.values());
    }

    /**
     * The target for the next request: round robin over the healthy ones; over all registered ones when none is
     * healthy (the ALB fails open rather than refuse every request); {@code null} when none is registered.
     */
    String nextTarget() {
        List<TargetHealth> registered = targets();
        List<String> healthy = new ArrayList<>();
        registered.stream().filter(TargetHealth::isHealthy).forEach(t -> healthy.add(t.target()));
        List<String> candidates = healthy.isEmpty()
                ? registered.stream().map(TargetHealth::target).toList()
                : healthy;
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }

    /** Whether a health check round is due now; if so, it is marked running until {@link #roundDone()}. */
    synchronized boolean startRoundIfDue(long now) {
        if (roundRunning || now - nextRoundNanos < 0) {
            return false;
        }
        roundRunning = true;
        nextRoundNanos = now + spec.healthCheck().intervalMillis() * 1_000_000;
        return true;
    }

    synchronized void roundDone() {
        roundRunning = false;
    }

    LoadBalancerStatus.Group status() {
        return new LoadBalancerStatus.Group(
                name(), targets().stream().map(TargetHealth::status).toList());
    }
}
