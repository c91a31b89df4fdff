package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One container definition of a task definition: its environment and secrets as template expressions (resolved
 * later), its command and its port. The image's entry point is the service's ({@code java ... JarLauncher}); a
 * definition that overrides it is refused, since the contract test runs the jar with the command as arguments.
 *
 * @param isolation its user and the paths it may write
 */
public record ContainerSpec(
        String taskDefinitionId,
        String name,
        Map<String, JsonNode> environment,
        Map<String, JsonNode> secrets,
        List<String> command,
        OptionalInt containerPort,
        ContainerIsolation isolation) {

    static ContainerSpec read(String taskDefinitionId, JsonNode container) {
        String name = container.path("Name").asText();
        if (container.has("EntryPoint")) {
            throw new IllegalStateException(taskDefinitionId + " container " + name
                    + " overrides the image's entry point: " + container.path("EntryPoint"));
        }
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        container
                .path("Environment")
                .forEach(e -> put(environment, e.path("Name").asText(), e.path("Value"), name));
        Map<String, JsonNode> secrets = new LinkedHashMap<>();
        container.path("Secrets").forEach(s -> put(secrets, s.path("Name").asText(), s.path("ValueFrom"), name));
        List<String> command = new ArrayList<>();
        for (JsonNode argument : container.path("Command")) {
            if (!argument.isTextual()) {
                throw new IllegalStateException(
                        taskDefinitionId + " container " + name + " has a computed command argument: " + argument);
            }
            command.add(argument.asText());
        }
        JsonNode ports = container.path("PortMappings");
        OptionalInt port = ports.isEmpty()
                ? OptionalInt.empty()
                : OptionalInt.of(ports.get(0).path("ContainerPort").asInt());
        return new ContainerSpec(
                taskDefinitionId,
                name,
                environment,
                secrets,
                List.copyOf(command),
                port,
                ContainerIsolation.read(taskDefinitionId, container));
    }

    private static void put(Map<String, JsonNode> into, String variable, JsonNode value, String container) {
        if (into.put(variable, value) != null) {
            throw new IllegalStateException("container " + container + " sets " + variable + " twice");
        }
    }
}
