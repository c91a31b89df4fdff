package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * How to start one service's task in one region, resolved once by {@code dr local up} from the task definition and
 * kept in the rehearsal's private directory (it holds the task's secrets): what runs in place of the image, the
 * container's command and environment, the JVM's own options, and the health check the load balancer runs.
 *
 * @param runs        {@link #SERVICE_JAR} or {@link #PLACEHOLDER}
 * @param image       the image the template names (an asset of this repository, or a registry reference)
 * @param healthPaths the paths a placeholder answers: its target group's health check and the service's deep
 *                    health path, which Route 53 checks through the load balancer
 * @param jvmOptions  options of the JVM itself (the trust store standing in for the image's CA certificates, the
 *                    task's memory as the container limit), never settings of the service
 * @param unresolved  why the environment could not be resolved (a placeholder's may name secrets the stacks do not
 *                    create, such as ones made by hand); null when it was
 */
record TaskDefinitionFile(
        String runs,
        String image,
        String taskDefinitionId,
        List<String> command,
        Map<String, String> environment,
        List<String> jvmOptions,
        String healthCheckPath,
        List<String> healthPaths,
        String unresolved) {

    static final String SERVICE_JAR = "service jar";
    static final String PLACEHOLDER = "placeholder";

    static Path file(LocalState state, String region, String service) {
        return state.privateDirectory().resolve("tasks").resolve(region + "." + service + ".json");
    }

    void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static TaskDefinitionFile load(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), TaskDefinitionFile.class);
    }
}
