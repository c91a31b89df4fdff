package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.rehearsal.edge.LoadBalancerStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code dr local status}: every server of the rehearsal under the logical id of the template resource it stands
 * for, with its kind, local address and health read live, so on-call can map the rehearsal to the console.
 */
public final class LocalInventory {

    /** One row: which stack, which resource, what runs for it, where, and how it is. */
    public record Row(String stack, String logicalId, String kind, String address, String health) {}

    private LocalInventory() {}

    public static List<Row> rows(Path stateDirectory) throws IOException {
        LocalPair pair = new LocalPair(stateDirectory);
        LocalState state = pair.state();
        List<Row> rows = new ArrayList<>();
        for (LocalState.RegionNode node : state.regions()) {
            LocalState.Server db = node.database();
            rows.add(new Row(node.stack(), db.logicalId(), "database", hostPort(db), pair.databaseRole(node.name())));
            if (node.cache() != null) {
                rows.add(new Row(
                        node.stack(),
                        node.cache().logicalId(),
                        "redis",
                        hostPort(node.cache()),
                        LocalProcesses.alive(node.cache().pid()) ? "running" : "down"));
            }
            Optional<LoadBalancerStatus> targets = LocalLoadBalancers.status(state, node.name());
            for (LocalState.Task task : node.tasks()) {
                String target = task.address() + ":" + task.port();
                String health = !LocalProcesses.alive(task.pid())
                        ? "no task running"
                        : targets.map(t -> t.stateOf(task.targetGroupId(), target))
                                .map(s -> "task running, target " + s)
                                .orElse("task running");
                rows.add(new Row(
                        node.stack(), task.serviceLogicalId(), "service (" + task.runs() + ")", target, health));
            }
            if (node.loadBalancer() != null) {
                rows.add(new Row(
                        node.stack(),
                        node.loadBalancer().logicalId(),
                        "listener",
                        hostPort(node.loadBalancer()),
                        LocalProcesses.alive(node.loadBalancer().pid()) ? "listening" : "down"));
            }
        }
        rows.add(new Row(
                "(auth)",
                state.issuer().logicalId(),
                "OIDC issuer",
                hostPort(state.issuer()),
                LocalProcesses.alive(state.issuer().pid()) ? "running" : "down"));
        if (state.entryPoint() == null) {
            return rows;
        }
        JsonNode entryPoint = pair.entryPointStatus();
        rows.add(new Row(
                "(global)",
                state.entryPoint().records(),
                "entry point",
                state.entryPoint().address() + ":" + state.entryPoint().port(),
                entryPoint == null
                        ? "down"
                        : "answering from " + entryPoint.path("answering").asText()));
        return rows;
    }

    /** Where users reach the rehearsal: the failover entry point, else the first region's listener. */
    public static String entryPointUrl(Path stateDirectory) throws IOException {
        LocalState state = LocalState.load(stateDirectory);
        return state.entryPoint() != null
                ? state.entryPointUrl()
                : state.regions().get(0).loadBalancer().url();
    }

    private static String hostPort(LocalState.Server server) {
        return server.address() + ":" + server.port();
    }
}
