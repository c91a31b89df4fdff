package io.drplatform.dr.local;

import java.io.PrintStream;
import java.util.List;

/** A Redis server in each region, as the services' cache. */
final class LocalRedis implements LocalResource {

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        for (LocalState.RegionNode node : List.copyOf(state.regions())) {
            long redisPid =
                    LocalProcesses.startRedis(state.regionDirectory(node.name()).resolve("redis"), node.redisPort());
            state = startup.record(state.withRegion(new LocalState.RegionNode(
                    node.name(), node.postgresPort(), node.redisPort(), redisPid, node.servicePort(), -1)));
            startup.out().println("Redis in " + node.name() + " on 127.0.0.1:" + node.redisPort());
        }
        return state;
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        LocalProcesses.stop(node.redisPid(), "redis-server");
    }
}
