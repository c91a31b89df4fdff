package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.drill.ScenarioProvider;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.Alarms;
import io.drplatform.dr.provider.ComputeScaling;
import io.drplatform.dr.provider.DatabaseOperations;
import io.drplatform.dr.provider.HealthCheckTimings;
import io.drplatform.dr.provider.RegionFaults;
import io.drplatform.dr.provider.Routing;
import io.drplatform.dr.provider.StatusReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The DR operations on the local region pair, one class per concern: {@link LocalDatabases} (real PostgreSQL),
 * {@link LocalFencing} (the fence and the drill's fault), {@link LocalCompute}, {@link LocalRouting} (the failover
 * entry point), {@link LocalAlarms} (marker files) and {@link LocalStatus}. A scenario of the pair's own goes in
 * {@link #scenario}, as the AWS provider's do.
 */
public final class LocalProvider implements ScenarioProvider {
    private final LocalPair pair;
    private final EntryPoint entryPoint;
    private final LocalFencing fencing;
    private final LocalDatabases databases;
    private final LocalCompute compute;
    private final LocalRouting routing;
    private final LocalAlarms alarms;
    private final LocalStatus status;

    public LocalProvider(Path stateDirectory, String bearerToken) throws IOException {
        this.pair = new LocalPair(stateDirectory);
        if (pair.state().entryPoint() == null) {
            throw new IllegalStateException("the rehearsal of " + pair.state().application() + " ("
                    + pair.state().environment() + ") has one region and no failover records: drills and status"
                    + " need a region pair; dr local status shows what runs");
        }
        String token = bearerToken;
        if (token == null || token.isBlank()) {
            token = LocalIdentityProvider.heartbeatToken(pair.state(), Duration.ofHours(2));
        }
        this.entryPoint = new EntryPoint(
                URI.create(pair.state().entryPointUrl()), token, io.drplatform.dr.measure.EntryPoint.CALCULATION_INPUT);
        this.fencing = new LocalFencing(pair);
        this.databases = new LocalDatabases(pair, fencing);
        this.compute = new LocalCompute(pair);
        this.routing = new LocalRouting(pair);
        this.alarms = new LocalAlarms(pair);
        this.status = new LocalStatus(pair, databases, alarms);
    }

    public LocalState state() {
        return pair.state();
    }

    @Override
    public String name() {
        return "local";
    }

    /**
     * The region whose PostgreSQL is up and not in recovery; when none is, the region that is down while the other
     * holds a replica (the failed active region a real failover moves away from).
     */
    @Override
    public String activeRegion() {
        String down = null;
        boolean replicaSeen = false;
        for (LocalState.RegionNode node : pair.state().regions()) {
            String role = pair.databaseRole(node.name());
            if ("primary".equals(role)) {
                return node.name();
            }
            if ("down".equals(role)) {
                down = node.name();
            } else {
                replicaSeen = true;
            }
        }
        if (down != null && replicaSeen) {
            return down;
        }
        throw new IllegalStateException("no writable database in the local region pair");
    }

    @Override
    public String standbyRegion() {
        return pair.other(activeRegion());
    }

    @Override
    public String primaryRegion() {
        return pair.state().primaryRegion();
    }

    /** primary, replica or down. */
    public String databaseRole(String region) {
        return pair.databaseRole(region);
    }

    JsonNode entryPointStatus() {
        return pair.entryPointStatus();
    }

    /**
     * The rehearsal's health checks run at its timing scale: Route 53's failover needs {@code threshold} checks of
     * the region, and a task started in the standby needs its target group's healthy threshold of checks; at the
     * synthesized intervals both take {@code 1 / scale} times as long.
     */
    @Override
    public Optional<HealthCheckTimings> healthCheckTimings() {
        LocalState state = pair.state();
        double scale = state.timingScale();
        double route53 = state.healthIntervalMs() / 1000.0 * state.failureThreshold();
        double loadBalancer = LocalLoadBalancers.slowestHealthyAfter(state).toMillis() / 1000.0;
        double added = (route53 + loadBalancer) * (1 / scale - 1);
        String basis = String.format(
                Locale.ROOT,
                "Route 53 health checks every %.1f s instead of %d s, %d to fail over; a new task healthy in its"
                        + " target group after %.1f s instead of %.1f s; at the synthesized timing up to %.1f s more",
                state.healthIntervalMs() / 1000.0,
                state.entryPoint().synthesizedIntervalSeconds(),
                state.failureThreshold(),
                loadBalancer,
                loadBalancer / scale,
                added);
        return Optional.of(new HealthCheckTimings(scale, added, basis));
    }

    @Override
    public EntryPoint entryPoint() {
        return entryPoint;
    }

    @Override
    public DatabaseOperations databases() {
        return databases;
    }

    /** The drill's fault on the pair: the region fenced and its PostgreSQL crashed. */
    @Override
    public RegionFaults faults() {
        return fencing;
    }

    @Override
    public ComputeScaling compute() {
        return compute;
    }

    @Override
    public Routing routing() {
        return routing;
    }

    @Override
    public Alarms alarms() {
        return alarms;
    }

    @Override
    public StatusReader status() {
        return status;
    }
}
