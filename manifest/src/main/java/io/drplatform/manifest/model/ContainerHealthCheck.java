package io.drplatform.manifest.model;

import java.util.List;

/**
 * The check ECS runs inside each of a service's containers, replacing a container that keeps failing it; unlike the
 * load balancer's {@code healthCheckPath}, it also covers a container that no longer answers at all. Exactly one of
 * {@code command} or {@code path} says what to run. The timings not given are the platform defaults ({@code
 * defaults.yaml}: 30 s interval, 10 s timeout, 3 retries, 60 s start period).
 *
 * @param command            the check as ECS takes it: {@code [CMD, executable, args...]} or {@code [CMD-SHELL,
 *                           "shell command"]}; exit 0 means healthy
 * @param path               an HTTP path the container answers on its own port, fetched with {@code probe}
 * @param probe              the HTTP client in the image that fetches {@code path}
 * @param startPeriodSeconds failures during start-up do not count; the ECS service's grace period is at least this
 */
public record ContainerHealthCheck(
        List<String> command,
        String path,
        HealthProbe probe,
        Integer intervalSeconds,
        Integer timeoutSeconds,
        Integer retries,
        Integer startPeriodSeconds) {

    /** The command ECS runs in a container that listens on {@code containerPort}. */
    public List<String> ecsCommand(int containerPort) {
        if (command != null) {
            return command;
        }
        // The loopback address, not localhost: an image may resolve localhost to ::1 while the server listens on IPv4.
        return probe.command("http://127.0.0.1:" + containerPort + path, timeoutSeconds);
    }
}
