package io.drplatform.dr.local;

import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.provider.ComputeScaling;
import java.util.List;

/**
 * A region's ECS services on the rehearsal: scaling up starts one task of every service that is not running, from
 * its task definition file, and registers it with the region's load balancer.
 */
final class LocalCompute implements ComputeScaling {
    private final LocalPair pair;

    LocalCompute(LocalPair pair) {
        this.pair = pair;
    }

    @Override
    public Operation scaleUp(String region) {
        return new Operation(
                List.of("start a task of every service in " + region + " that runs none: "
                        + pair.state().region(region).tasks().stream()
                                .map(t -> t.serviceLogicalId() + " on " + t.address() + ":" + t.port())
                                .toList()),
                ctx -> pair.startTasks(region));
    }
}
