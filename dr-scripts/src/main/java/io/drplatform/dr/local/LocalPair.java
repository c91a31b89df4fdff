package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running rehearsal as every local operation sees it: its state (saved to the state directory when a task
 * starts or stops), the other region of the pair, each database's role read live,
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
        return state().other(region);
    }

    /** Records a task's process (-1: none), so later commands find it. */
    synchronized void recordTask(String region, LocalState.Task task) throws IOException {
        state = state.withRegion(state.region(region).withTask(task));
        state.save(stateDirectory);
    }

    /**
     * Starts a task of every service in the region that runs none and registers it with the region's load balancer,
     * as ECS does when a service scales up; returns what it did.
     */
    String startTasks(String region) throws IOException, InterruptedException {
        List<String> started = new ArrayList<>();
        for (LocalState.Task task : state().region(region).tasks()) {
            if (LocalProcesses.alive(task.pid())) {
                continue;
            }
            long pid = TaskLauncher.start(state(), region, task);
            recordTask(region, task.withPid(pid));
            started.add(task.serviceLogicalId() + " (pid " + pid + ")");
        }
        LocalLoadBalancers.registerTargets(state(), region);
        return started.isEmpty()
                ? "every service in " + region + " already runs a task"
                : "started and registered in " + region + ": " + String.join(", ", started);
    }

    /** Stops (or, for an outage, kills) the region's tasks and deregisters them from its load balancer. */
    String stopTasks(String region, boolean crash) throws IOException {
        List<String> stopped = new ArrayList<>();
        for (LocalState.Task task : state().region(region).tasks()) {
            if (!LocalProcesses.alive(task.pid())) {
                continue;
            }
            if (crash) {
                TaskLauncher.kill(state(), task);
            } else {
                TaskLauncher.stop(state(), task);
            }
            recordTask(region, task.withPid(-1));
            stopped.add(task.serviceLogicalId());
        }
        LocalLoadBalancers.registerTargets(state(), region);
        return (crash ? "killed" : "stopped") + " the tasks in " + region + ": " + stopped;
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
