package io.drplatform.dr.local;

import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.provider.ComputeScaling;
import java.util.List;

/** One service instance per region: a warm standby on loopback, started if a fence stopped it. */
final class LocalCompute implements ComputeScaling {
    private final LocalPair pair;

    LocalCompute(LocalPair pair) {
        this.pair = pair;
    }

    @Override
    public Operation scaleUp(String region) {
        return new Operation(
                List.of("ensure the service instance in " + region + " runs on 127.0.0.1:"
                        + pair.state().region(region).servicePort()),
                ctx -> {
                    LocalState state = pair.state();
                    LocalState.RegionNode node = state.region(region);
                    if (LocalProcesses.alive(node.servicePid())) {
                        return "service instance already running in " + region + " (warm standby on loopback)";
                    }
                    long pid = RegionServiceLauncher.start(state, node);
                    pair.recordServicePid(region, pid);
                    return "started service instance in " + region + " (pid " + pid + ")";
                });
    }
}
