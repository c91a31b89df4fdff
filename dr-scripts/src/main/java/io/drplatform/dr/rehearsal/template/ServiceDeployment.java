package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a stack says about running one service: its ECS service's container (environment, secrets, port), the
 * one-off migration task if the stack declares one (a task definition whose container of the same name runs
 * {@code migrate}), the service's target group and health check path, and the HTTPS listener's routing.
 */
public record ServiceDeployment(
        ContainerSpec container,
        Optional<ContainerSpec> migration,
        String targetGroupId,
        String healthCheckPath,
        ListenerRules listener,
        Map<String, String> serviceByTargetGroup) {

    public static final List<String> MIGRATE_COMMAND = List.of("migrate");

    public static ServiceDeployment read(SynthesizedStack stack, String serviceName) {
        Map<String, String> serviceByTargetGroup = new LinkedHashMap<>();
        String taskDefinitionId = null;
        String targetGroupId = null;
        for (JsonNode service : stack.resourcesOfType("AWS::ECS::Service").values()) {
            for (JsonNode balancer : service.path("LoadBalancers")) {
                String container = balancer.path("ContainerName").asText();
                String group = balancer.path("TargetGroupArn").path("Ref").asText();
                serviceByTargetGroup.put(group, container);
                if (container.equals(serviceName)) {
                    targetGroupId = group;
                    taskDefinitionId =
                            service.path("TaskDefinition").path("Ref").asText();
                }
            }
        }
        if (taskDefinitionId == null) {
            throw new IllegalStateException(
                    stack.name() + " has no ECS service behind the load balancer with a container " + serviceName);
        }
        ContainerSpec container = containerOf(stack, taskDefinitionId, serviceName);
        String healthCheckPath = stack.resource(targetGroupId)
                .path("Properties")
                .path("HealthCheckPath")
                .asText();
        return new ServiceDeployment(
                container,
                migrationTask(stack, serviceName),
                targetGroupId,
                healthCheckPath,
                ListenerRules.read(stack),
                Map.copyOf(serviceByTargetGroup));
    }

    /** The command and environment the schema migration runs with: its own task's, else the service's with {@code migrate}. */
    public ContainerSpec migrationOrServiceWithMigrateCommand() {
        return migration.orElseGet(() -> new ContainerSpec(
                container.taskDefinitionId(),
                container.name(),
                container.environment(),
                container.secrets(),
                MIGRATE_COMMAND,
                container.containerPort(),
                container.isolation()));
    }

    private static ContainerSpec containerOf(SynthesizedStack stack, String taskDefinitionId, String name) {
        for (JsonNode definition :
                stack.resource(taskDefinitionId).path("Properties").path("ContainerDefinitions")) {
            if (name.equals(definition.path("Name").asText())) {
                return ContainerSpec.read(taskDefinitionId, definition);
            }
        }
        throw new IllegalStateException(taskDefinitionId + " has no container named " + name);
    }

    private static Optional<ContainerSpec> migrationTask(SynthesizedStack stack, String name) {
        List<ContainerSpec> found = new ArrayList<>();
        stack.resourcesOfType("AWS::ECS::TaskDefinition").forEach((id, props) -> {
            for (JsonNode definition : props.path("ContainerDefinitions")) {
                if (name.equals(definition.path("Name").asText())) {
                    ContainerSpec container = ContainerSpec.read(id, definition);
                    if (container.command().equals(MIGRATE_COMMAND)) {
                        found.add(container);
                    }
                }
            }
        });
        if (found.size() > 1) {
            throw new IllegalStateException(stack.name() + " has several migration tasks for " + name + ": "
                    + found.stream().map(ContainerSpec::taskDefinitionId).toList());
        }
        return found.stream().findFirst();
    }
}
