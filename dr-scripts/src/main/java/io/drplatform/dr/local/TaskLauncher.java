package io.drplatform.dr.local;

import io.drplatform.manifest.contract.ContainerVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place that starts and stops a region's tasks, from their {@link TaskDefinitionFile}s: the service jar as
 * its container runs it (the container's command as arguments, exactly the task's environment, the task's own
 * address), or a labelled {@link PlaceholderTask}. A task counts as started when it passes its target group's health
 * check, as ECS counts a task in service once the load balancer sees it healthy.
 */
final class TaskLauncher {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);

    private TaskLauncher() {}

    /** The service process's environment: the task's, on the task's own address, without CloudWatch publishing. */
    static Map<String, String> processEnvironment(Map<String, String> task, String address) {
        Map<String, String> environment = new java.util.LinkedHashMap<>(task);
        // The task's own interface: awsvpc gives every task an address, so every task binds the container port.
        environment.put("SERVER_ADDRESS", address);
        // No CloudWatch stand-in here: without its namespace the service publishes no metrics, rather than sending
        // PutMetricData to AWS from a rehearsal every minute.
        environment.remove(ContainerVariables.METRICS_NAMESPACE);
        return environment;
    }

    static long start(LocalState state, String region, LocalState.Task task) throws IOException, InterruptedException {
        TaskDefinitionFile definition = TaskDefinitionFile.load(TaskDefinitionFile.file(state, region, task.service()));
        Path log = state.regionDirectory(region).resolve(task.service() + "-task.log");
        long pid;
        if (TaskDefinitionFile.SERVICE_JAR.equals(definition.runs())) {
            List<String> command = new ArrayList<>(List.of(LocalProcesses.java()));
            command.addAll(definition.jvmOptions());
            command.addAll(List.of("-jar", state.serviceJar()));
            command.addAll(definition.command());
            pid = LocalProcesses.startDetached(
                    command, processEnvironment(definition.environment(), task.address()), log, false);
        } else {
            List<String> arguments =
                    new ArrayList<>(List.of(task.address(), Integer.toString(task.port()), definition.image()));
            arguments.addAll(definition.healthPaths());
            pid = LocalProcesses.startDetached(
                    LocalProcesses.toolJvm(24, PlaceholderTask.class, arguments.toArray(String[]::new)), Map.of(), log);
        }
        String health = "http://" + task.address() + ":" + task.port() + definition.healthCheckPath();
        if (!LocalProcesses.awaitHttp(health, HEALTHY_WITHIN, pid)) {
            LocalProcesses.stop(pid, marker(state, task), true);
            throw new IOException(task.serviceLogicalId() + " (" + task.service() + " in " + region
                    + ") did not pass its health check " + health + " within " + HEALTHY_WITHIN.toSeconds()
                    + " s; last lines of " + log + ":\n" + tail(log, 25));
        }
        return pid;
    }

    /**
     * What identifies a task's process besides its pid (pids get reused): the placeholder's address, or the service's
     * trust store, which lives in this rehearsal's directory.
     */
    static String marker(LocalState state, LocalState.Task task) {
        return task.runs().equals(TaskDefinitionFile.SERVICE_JAR) ? state.baseDirectory() : task.address();
    }

    static void stop(LocalState state, LocalState.Task task) {
        LocalProcesses.stop(task.pid(), marker(state, task));
    }

    static void kill(LocalState state, LocalState.Task task) {
        LocalProcesses.stop(task.pid(), marker(state, task), true);
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
