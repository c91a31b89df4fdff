package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code AWS::ECS::Service} of a region stack: how many tasks it runs there, its task definition's container of
 * the same name (port, environment, secrets, command), the container's own health check command if it declares one,
 * and the target group the load balancer registers it in, if any.
 */
public record EcsService(
        String logicalId,
        String name,
        int desiredCount,
        ContainerSpec container,
        Optional<List<String>> containerHealthCheck,
        Optional<String> targetGroupId) {

    static EcsService read(SynthesizedStack stack, String logicalId, JsonNode props) {
        String taskDefinitionId = props.path("TaskDefinition").path("Ref").asText();
        JsonNode balancer = props.path("LoadBalancers").path(0);
        String name = props.has("ServiceName")
                ? props.path("ServiceName").asText()
                : balancer.path("ContainerName").asText();
        JsonNode definition = containerDefinition(stack, logicalId, taskDefinitionId, name);
        Optional<List<String>> healthCheck = Optional.empty();
        if (definition.has("HealthCheck")) {
            List<String> command = new ArrayList<>();
            definition.path("HealthCheck").path("Command").forEach(part -> command.add(part.asText()));
            healthCheck = Optional.of(List.copyOf(command));
        }
        Optional<String> targetGroup = balancer.isMissingNode()
                ? Optional.empty()
                : Optional.of(balancer.path("TargetGroupArn").path("Ref").asText());
        return new EcsService(
                logicalId,
                name,
                props.path("DesiredCount").asInt(1),
                ContainerSpec.read(taskDefinitionId, definition),
                healthCheck,
                targetGroup);
    }

    private static JsonNode containerDefinition(
            SynthesizedStack stack, String serviceId, String taskDefinitionId, String name) {
        JsonNode definitions =
                stack.resource(taskDefinitionId).path("Properties").path("ContainerDefinitions");
        for (JsonNode definition : definitions) {
            if (name.equals(definition.path("Name").asText())) {
                return definition;
            }
        }
        if (definitions.size() == 1) {
            return definitions.get(0);
        }
        throw new IllegalStateException(
                serviceId + " runs " + taskDefinitionId + ", which has no container named " + name);
    }
}
