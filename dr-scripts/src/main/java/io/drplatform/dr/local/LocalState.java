package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code dr local up} started from the synthesized templates, written to the state directory so later
 * commands (drill, failback, status, down) find the same processes. Every server keeps the logical id of the
 * template resource it stands for. Database roles are not stored: they are read live from PostgreSQL.
 *
 * @param primaryRegion the region behind the entry point's PRIMARY record (the manifest's primary region)
 * @param databaseName  the application's database on every instance (the primary's {@code DBName})
 * @param timingScale   the factor applied to the synthesized health-check intervals (1 = as deployed)
 */
public record LocalState(
        String baseDirectory,
        String application,
        String environment,
        String primaryRegion,
        String standbyRegion,
        String serviceJar,
        String databaseName,
        double timingScale,
        Server issuer,
        EntryPointNode entryPoint,
        List<RegionNode> regions) {

    /** A server standing for one template resource: its logical id, where it listens and its process (-1: none). */
    public record Server(String logicalId, String address, int port, long pid) {
        public String url() {
            return "http://" + address + ":" + port;
        }

        Server withPid(long newPid) {
            return new Server(logicalId, address, port, newPid);
        }
    }

    /**
     * One task of an ECS service: the service's name and logical id, what runs in place of its image, the task's
     * own address (awsvpc gives every task one), the container port and the target group it is registered in.
     */
    public record Task(
            String service,
            String serviceLogicalId,
            String runs,
            String address,
            int port,
            String targetGroupId,
            long pid) {

        Task withPid(long newPid) {
            return new Task(service, serviceLogicalId, runs, address, port, targetGroupId, newPid);
        }
    }

    /** One region stack on loopback. */
    public record RegionNode(
            String name, String stack, Server database, Server cache, Server loadBalancer, List<Task> tasks) {

        Optional<Task> task(String service) {
            return tasks.stream().filter(t -> t.service().equals(service)).findFirst();
        }

        RegionNode withTask(Task task) {
            return new RegionNode(
                    name,
                    stack,
                    database,
                    cache,
                    loadBalancer,
                    tasks.stream()
                            .map(t -> t.service().equals(task.service()) ? task : t)
                            .toList());
        }

        RegionNode withCache(Server server) {
            return new RegionNode(name, stack, database, server, loadBalancer, tasks);
        }

        RegionNode withLoadBalancer(Server server) {
            return new RegionNode(name, stack, database, cache, server, tasks);
        }
    }

    /**
     * The stand-in for the global stack's failover records and health checks.
     *
     * @param synthesizedIntervalSeconds the health checks' interval in the template, before scaling
     * @param records                    the logical id of the failover records it stands for, or of the health check
     *                                   it routes by where routing controls own the records
     */
    public record EntryPointNode(
            String address,
            int port,
            long pid,
            String healthPath,
            long intervalMs,
            int failureThreshold,
            int synthesizedIntervalSeconds,
            String records) {

        EntryPointNode withPid(long newPid) {
            return new EntryPointNode(
                    address,
                    port,
                    newPid,
                    healthPath,
                    intervalMs,
                    failureThreshold,
                    synthesizedIntervalSeconds,
                    records);
        }
    }

    public static final String FILE = "local-pair.json";

    public Path base() {
        return Path.of(baseDirectory);
    }

    public RegionNode region(String name) {
        return regions.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no local region " + name + "; regions: "
                        + regions.stream().map(RegionNode::name).toList()));
    }

    /** The other region of the pair. */
    public String other(String region) {
        return regions.stream()
                .map(RegionNode::name)
                .filter(n -> !n.equals(region))
                .findFirst()
                .orElseThrow();
    }

    public Path regionDirectory(String name) {
        return base().resolve(name);
    }

    public Path fenceFile(String region) {
        return regionDirectory(region).resolve("fenced");
    }

    public Path alarmDirectory() {
        return base().resolve("alarms");
    }

    /** The secrets, keys and certificate of the rehearsal; readable by this user only. */
    public Path privateDirectory() {
        return base().resolve("private");
    }

    public PostgresServer postgres(String region) {
        Server database = region(region).database();
        return new PostgresServer(
                regionDirectory(region).resolve("pg"),
                database.address(),
                database.port(),
                privateDirectory().resolve(PostgresServer.ADMIN_PASSWORD_FILE));
    }

    public String entryPointUrl() {
        return "http://" + entryPoint.address() + ":" + entryPoint.port();
    }

    public long healthIntervalMs() {
        return entryPoint.intervalMs();
    }

    public int failureThreshold() {
        return entryPoint.failureThreshold();
    }

    public LocalState withRegion(RegionNode node) {
        return new LocalState(
                baseDirectory,
                application,
                environment,
                primaryRegion,
                standbyRegion,
                serviceJar,
                databaseName,
                timingScale,
                issuer,
                entryPoint,
                regions.stream()
                        .map(r -> r.name().equals(node.name()) ? node : r)
                        .toList());
    }

    public LocalState withIssuer(Server server) {
        return new LocalState(
                baseDirectory,
                application,
                environment,
                primaryRegion,
                standbyRegion,
                serviceJar,
                databaseName,
                timingScale,
                server,
                entryPoint,
                regions);
    }

    public LocalState withEntryPoint(EntryPointNode node) {
        return new LocalState(
                baseDirectory,
                application,
                environment,
                primaryRegion,
                standbyRegion,
                serviceJar,
                databaseName,
                timingScale,
                issuer,
                node,
                regions);
    }

    public void save(Path stateDirectory) throws IOException {
        Files.createDirectories(stateDirectory);
        Path temporary = stateDirectory.resolve(FILE + ".tmp");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(
                temporary,
                stateDirectory.resolve(FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static LocalState load(Path stateDirectory) throws IOException {
        Path file = stateDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no local region pair in " + stateDirectory + " (run: dr local up)");
        }
        return new ObjectMapper().readValue(file.toFile(), LocalState.class);
    }
}
