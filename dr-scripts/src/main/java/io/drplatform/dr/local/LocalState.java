package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code dr local up} started, written to the state directory so later commands (drill, failback, status,
 * down) find the same processes. Roles are not stored: they are read live from PostgreSQL.
 *
 * @param primaryRegion the region behind the entry point's PRIMARY record (the manifest's primary region)
 * @param serviceMode   {@code stand-in} or {@code service-jar}
 */
public record LocalState(
        String baseDirectory,
        String application,
        String environment,
        String primaryRegion,
        String standbyRegion,
        int entryPointPort,
        long entryPointPid,
        long healthIntervalMs,
        int failureThreshold,
        String healthPath,
        String serviceMode,
        String serviceJar,
        List<RegionNode> regions) {

    /** One region on loopback. */
    public record RegionNode(
            String name, int postgresPort, int redisPort, long redisPid, int servicePort, long servicePid) {}

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

    public Path regionDirectory(String name) {
        return base().resolve(name);
    }

    public Path fenceFile(String region) {
        return regionDirectory(region).resolve("fenced");
    }

    public Path alarmDirectory() {
        return base().resolve("alarms");
    }

    public PostgresServer postgres(String region) {
        return new PostgresServer(
                regionDirectory(region).resolve("pg"), region(region).postgresPort());
    }

    public String entryPointUrl() {
        return "http://127.0.0.1:" + entryPointPort;
    }

    public LocalState withRegion(RegionNode node) {
        return new LocalState(
                baseDirectory,
                application,
                environment,
                primaryRegion,
                standbyRegion,
                entryPointPort,
                entryPointPid,
                healthIntervalMs,
                failureThreshold,
                healthPath,
                serviceMode,
                serviceJar,
                regions.stream()
                        .map(r -> r.name().equals(node.name()) ? node : r)
                        .toList());
    }

    public void save(Path stateDirectory) throws IOException {
        Files.createDirectories(stateDirectory);
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(stateDirectory.resolve(FILE).toFile(), this);
    }

    public static LocalState load(Path stateDirectory) throws IOException {
        Path file = stateDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no local region pair in " + stateDirectory + " (run: dr local up)");
        }
        return new ObjectMapper().readValue(file.toFile(), LocalState.class);
    }
}
