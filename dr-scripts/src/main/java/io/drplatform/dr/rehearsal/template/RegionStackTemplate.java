package io.drplatform.dr.rehearsal.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a region stack deploys, as its template says: the database instances and the role of the region's own, the
 * Redis replication group, the ECS services with their container definitions, and the load balancer's HTTPS listener
 * with its target groups. Every element keeps its logical id, so a rehearsal can name what it runs as the
 * CloudFormation console will.
 */
public record RegionStackTemplate(
        SynthesizedStack stack,
        List<DatabaseInstance> databases,
        Optional<CacheReplicationGroup> cache,
        List<EcsService> services,
        Optional<ListenerRules> listener,
        Map<String, TargetGroup> targetGroups) {

    public static RegionStackTemplate read(SynthesizedStack stack) {
        List<DatabaseInstance> databases = new ArrayList<>();
        stack.resourcesOfType("AWS::RDS::DBInstance")
                .forEach((id, props) -> databases.add(DatabaseInstance.read(id, stack.region(), props)));
        List<CacheReplicationGroup> caches = new ArrayList<>();
        stack.resourcesOfType("AWS::ElastiCache::ReplicationGroup")
                .forEach((id, props) -> caches.add(CacheReplicationGroup.read(id, props)));
        if (caches.size() > 1) {
            throw new IllegalStateException(stack.name() + " has several Redis replication groups: " + caches);
        }
        List<EcsService> services = new ArrayList<>();
        stack.resourcesOfType("AWS::ECS::Service")
                .forEach((id, props) -> services.add(EcsService.read(stack, id, props)));
        Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
        stack.resourcesOfType("AWS::ElasticLoadBalancingV2::TargetGroup")
                .forEach((id, props) -> targetGroups.put(id, TargetGroup.read(id, props)));
        Optional<ListenerRules> listener =
                stack.resourcesOfType("AWS::ElasticLoadBalancingV2::Listener").isEmpty()
                        ? Optional.empty()
                        : Optional.of(ListenerRules.read(stack));
        return new RegionStackTemplate(
                stack,
                List.copyOf(databases),
                caches.stream().findFirst(),
                List.copyOf(services),
                listener,
                Map.copyOf(targetGroups));
    }

    public String region() {
        return stack.region();
    }

    /** The region's own database: the instance that is not an in-region reader. */
    public Optional<DatabaseInstance> regionDatabase() {
        List<DatabaseInstance> own = databases.stream()
                .filter(d -> d.role() != DatabaseInstance.Role.IN_REGION_READ_REPLICA)
                .toList();
        if (own.size() > 1) {
            throw new IllegalStateException(stack.name() + " has several databases of its own: " + own);
        }
        return own.stream().findFirst();
    }

    public EcsService service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(stack.name() + " has no ECS service " + name + "; it has "
                        + services.stream().map(EcsService::name).toList()));
    }

    public TargetGroup targetGroup(String logicalId) {
        TargetGroup group = targetGroups.get(logicalId);
        if (group == null) {
            throw new IllegalStateException(stack.name() + " has no target group " + logicalId);
        }
        return group;
    }
}
