package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.provider.RegionState;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.provider.StatusReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** {@code dr status} on the pair: roles from PostgreSQL, health and routing from the entry point, the instances. */
final class LocalStatus implements StatusReader {
    private final LocalPair pair;
    private final LocalDatabases databases;
    private final LocalAlarms alarms;

    LocalStatus(LocalPair pair, LocalDatabases databases, LocalAlarms alarms) {
        this.pair = pair;
        this.databases = databases;
        this.alarms = alarms;
    }

    @Override
    public List<RegionState> regions() throws Exception {
        LocalState state = pair.state();
        JsonNode ep = pair.entryPointStatus();
        List<RegionState> out = new ArrayList<>();
        for (LocalState.RegionNode node : state.regions()) {
            String role = pair.databaseRole(node.name());
            ReplicaLag lag = "replica".equals(role) ? databases.replicaLag(node.name()) : null;
            String health = "unknown";
            boolean answering = false;
            if (ep != null) {
                for (JsonNode r : ep.get("regions")) {
                    if (r.get("region").asText().equals(node.name())) {
                        health = (r.get("healthy").asBoolean() ? "healthy" : "unhealthy") + " ("
                                + r.get("record").asText() + ", "
                                + r.get("lastCheck").asText() + ")";
                    }
                }
                answering = node.name().equals(ep.get("answering").asText());
            }
            long running = node.tasks().stream()
                    .filter(t -> LocalProcesses.alive(t.pid()))
                    .count();
            String tasks = running + "/" + node.tasks().size() + " tasks"
                    + (Files.exists(state.fenceFile(node.name())) ? ", fenced" : "");
            out.add(new RegionState(
                    node.name(),
                    "primary".equals(role) ? "primary" : "replica".equals(role) ? "standby" : "down",
                    role,
                    lag,
                    health,
                    answering,
                    alarms.firing(),
                    tasks));
        }
        return out;
    }
}
