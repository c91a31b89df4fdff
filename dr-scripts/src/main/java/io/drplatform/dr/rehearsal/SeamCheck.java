package io.drplatform.dr.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.template.CacheReplicationGroup;
import io.drplatform.dr.rehearsal.template.ContainerSpec;
import io.drplatform.dr.rehearsal.template.EcsService;
import io.drplatform.dr.rehearsal.template.GlobalStackTemplate;
import io.drplatform.dr.rehearsal.template.ListenerRules;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.TargetGroup;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seams between the synthesized templates and what the services and the region pair need, checked before a
 * rehearsal starts anything: every variable a service needs is in its container definition; the Redis settings the
 * container gets are the replication group's; each target group checks a path its service serves; Route 53's
 * health check path reaches the health-checked service through the listener; the region's database has the role the
 * manifest plans. Each problem names the resource by its logical id, and all are reported at once.
 */
public final class SeamCheck {
    private SeamCheck() {}

    /** Fails with every problem found, each naming its resource's logical id. */
    public static void requireSound(EnvironmentTemplates environment) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "the synthesized " + environment.deployment().environment().id()
                            + " deployment does not hold together:\n  " + String.join("\n  ", problems));
        }
    }

    public static List<String> problems(EnvironmentTemplates environment) {
        List<String> problems = new ArrayList<>();
        for (EnvironmentTemplates.Region region : environment.regions()) {
            RegionStackTemplate template = region.template();
            String stack = template.stack().name() + ": ";
            template.regionDatabase().ifPresent(database -> {
                if (database.role().writable() != region.plan().writable()) {
                    problems.add(stack + database.logicalId() + " is a " + database.role() + " database, but "
                            + template.region() + " is planned as the "
                            + region.plan().role().id() + " region");
                }
            });
            for (ServiceSpec service : region.plan().services()) {
                Optional<EcsService> ecs = template.services().stream()
                        .filter(s -> s.name().equals(service.name()))
                        .findFirst();
                if (ecs.isEmpty()) {
                    problems.add(stack + "no ECS service runs " + service.name());
                    continue;
                }
                container(stack, service, ecs.get(), template.cache(), problems);
                ecs.get()
                        .targetGroupId()
                        .ifPresent(id -> targetGroup(stack, service, ecs.get(), template.targetGroup(id), problems));
            }
            environment.global().ifPresent(global -> routeHealthCheck(stack, region, global, problems));
        }
        return problems;
    }

    private static void container(
            String stack,
            ServiceSpec service,
            EcsService ecs,
            Optional<CacheReplicationGroup> cache,
            List<String> problems) {
        ContainerSpec container = ecs.container();
        String where = stack + container.taskDefinitionId() + " container " + container.name() + " (ECS service "
                + ecs.logicalId() + ")";
        for (String variable : ServiceNeeds.variables(service, cache)) {
            if (!container.environment().containsKey(variable)
                    && !container.secrets().containsKey(variable)) {
                problems.add(where + " does not set " + variable + ", which " + service.name() + " needs");
            }
        }
        cache.filter(group -> service.connectsTo(ServiceSpec.CACHE)).ifPresent(group -> {
            String portVariable = ServiceNeeds.cachePort(service);
            String tlsVariable = ServiceNeeds.cacheTls(service);
            literal(container, portVariable)
                    .filter(port -> !port.equals(Integer.toString(group.port())))
                    .ifPresent(port -> problems.add(where + " sets " + portVariable + "=" + port + ", but "
                            + group.logicalId() + " listens on " + group.port()));
            literal(container, tlsVariable)
                    .filter(tls -> Boolean.parseBoolean(tls) != group.tls())
                    .ifPresent(tls -> problems.add(where + " sets " + tlsVariable + "=" + tls + ", but "
                            + group.logicalId() + (group.tls() ? " requires" : " does not offer") + " TLS"));
        });
        container.containerPort().ifPresent(port -> {
            if (service.containerPort() != null && port != service.containerPort()) {
                problems.add(where + " maps port " + port + ", but " + service.name() + " listens on "
                        + service.containerPort());
            }
        });
    }

    private static void targetGroup(
            String stack, ServiceSpec service, EcsService ecs, TargetGroup group, List<String> problems) {
        List<String> served = ServiceNeeds.healthPaths(service);
        if (!served.contains(group.healthCheckPath())) {
            problems.add(stack + group.logicalId() + " checks " + ecs.name() + "'s targets on "
                    + group.healthCheckPath() + ", which " + service.name() + " does not serve (it serves " + served
                    + ")");
        }
        OptionalInt port = ecs.container().containerPort();
        if (port.isPresent() && port.getAsInt() != group.port()) {
            problems.add(stack + group.logicalId() + " sends to port " + group.port() + ", but "
                    + ecs.container().taskDefinitionId() + " maps " + port.getAsInt());
        }
    }

    /** Route 53 probes the regional name through the listener: the path must reach the health-checked service. */
    private static void routeHealthCheck(
            String stack, EnvironmentTemplates.Region region, GlobalStackTemplate global, List<String> problems) {
        Optional<GlobalStackTemplate.HealthCheck> check =
                region.plan().regionalDomain().flatMap(global::healthCheckOf);
        Optional<ListenerRules> listener = region.template().listener();
        if (check.isEmpty() || listener.isEmpty()) {
            return;
        }
        String path = check.get().path();
        ServiceSpec checked = region.plan().healthCheckedService();
        if (!ServiceNeeds.healthPaths(checked).contains(path)) {
            problems.add(global.stack().name() + ": " + check.get().logicalId() + " probes " + path + ", which "
                    + checked.name() + " does not serve (it serves " + ServiceNeeds.healthPaths(checked) + ")");
        }
        // A region without the service is reported with its services above.
        Optional<String> expected = region.template().services().stream()
                .filter(s -> s.name().equals(checked.name()))
                .findFirst()
                .flatMap(EcsService::targetGroupId);
        ListenerRules.Action action = listener.get().actionFor(path);
        if (expected.isPresent() && !expected.get().equals(action.targetGroupId())) {
            String decidedBy = listener.get()
                    .ruleFor(path)
                    .map(rule -> "rule " + rule.id() + " (priority " + rule.priority() + ")")
                    .orElse("the default action of " + listener.get().listenerId());
            problems.add(
                    stack + decidedBy + " sends " + path + " (" + check.get().logicalId() + "'s path) to "
                            + (action.targetGroupId() == null ? action.type() : action.targetGroupId()) + ", not to "
                            + checked.name() + "'s " + expected.get());
        }
    }

    private static Optional<String> literal(ContainerSpec container, String variable) {
        JsonNode value = container.environment().get(variable);
        return value != null && value.isValueNode() ? Optional.of(value.asText()) : Optional.empty();
    }
}
