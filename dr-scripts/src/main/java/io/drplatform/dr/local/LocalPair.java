package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The running local region pair as every local operation sees it: its state (reloaded from and saved to the state
 * directory when a service instance starts or stops), the other region of the pair, each database's role read live,
 * and the entry point's view of the regions.
 */
final class LocalPair {
    private final Path stateDirectory;
    private LocalState state;

    LocalPair(Path stateDirectory) throws IOException {
        this.stateDirectory = stateDirectory;
        this.state = LocalState.load(stateDirectory);
    }

    synchronized LocalState state() {
        return state;
    }

    /** The other region of the pair. */
    String other(String region) {
        return state().regions().stream()
                .map(LocalState.RegionNode::name)
                .filter(n -> !n.equals(region))
                .findFirst()
                .orElseThrow();
    }

    /** Records the region's service instance (-1: none), so later commands find it. */
    synchronized void recordServicePid(String region, long pid) throws IOException {
        LocalState.RegionNode node = state.region(region);
        state = state.withRegion(new LocalState.RegionNode(
                node.name(), node.postgresPort(), node.redisPort(), node.redisPid(), node.servicePort(), pid));
        state.save(stateDirectory);
    }

    /** primary, replica or down. */
    String databaseRole(String region) {
        try (Connection c = state().postgres(region).connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1) ? "replica" : "primary";
        } catch (SQLException e) {
            return "down";
        }
    }

    /** What the failover entry point reports (regions' health, which answers, events), or null when it is down. */
    JsonNode entryPointStatus() {
        try {
            return new ObjectMapper()
                    .readTree(LocalProcesses.httpBody(
                            state().entryPointUrl() + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(2)));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
