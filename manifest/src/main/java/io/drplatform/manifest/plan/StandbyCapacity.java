package io.drplatform.manifest.plan;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.DrStrategy;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many tasks each service runs in the standby region.
 *
 * <ul>
 *   <li>pilot light: zero tasks and no autoscaling; the DR tool scales each service to its
 *       {@link #failoverCounts failover count} (published as an SSM parameter) when it fails over.</li>
 *   <li>warm standby: the service's {@code minCount} capped at 2 and at least 1 ({@link #warmMinimum}), so the standby
 *       serves reads in two zones without paying for the primary's full minimum; autoscaling keeps the primary's
 *       maximum so the standby can absorb the whole load as soon as traffic arrives.</li>
 * </ul>
 * Task definitions are untouched: only counts differ from the active region.
 */
public final class StandbyCapacity {
    /** The most tasks a warm standby keeps per service before a failover. */
    public static final int WARM_STANDBY_CAP = 2;

    private StandbyCapacity() {}

    public static int warmMinimum(ServiceSpec spec) {
        return Math.max(1, Math.min(spec.minCount(), WARM_STANDBY_CAP));
    }

    /** The services as the standby region runs them. */
    public static List<ServiceSpec> standby(Deployment deployment) {
        return deployment.services().stream()
                .map(s -> standby(deployment.dr().strategy(), s))
                .toList();
    }

    static ServiceSpec standby(DrStrategy strategy, ServiceSpec s) {
        int min = strategy == DrStrategy.WARM_STANDBY ? warmMinimum(s) : 0;
        int max = strategy == DrStrategy.WARM_STANDBY ? Math.max(min, s.maxCount()) : 0;
        return new ServiceSpec(
                s.name(),
                s.image(),
                s.containerPort(),
                s.healthCheckPath(),
                s.deepHealthCheckPath(),
                s.cpu(),
                s.memory(),
                min,
                min,
                max,
                s.autoscaling(),
                s.routes(),
                s.environment(),
                s.secrets(),
                s.connectsTo(),
                s.resilienceSignals(),
                s.metrics(),
                s.migrations(),
                s.healthCheck(),
                s.readOnlyRootFilesystem(),
                s.user(),
                s.scratchVolumes(),
                s.connectionNaming(),
                s.connectionVariables());
    }

    /** Tasks per service in the standby region before a failover. */
    public static Map<String, Integer> minimums(Deployment deployment) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        standby(deployment).forEach(s -> counts.put(s.name(), s.desiredCount()));
        return counts;
    }

    /** {@code service=count,...}: what the DR tool scales the standby to at failover (the active region's desired count). */
    public static String failoverCounts(Deployment deployment) {
        return deployment.services().stream()
                .map(s -> s.name() + "=" + s.desiredCount())
                .collect(Collectors.joining(","));
    }
}
