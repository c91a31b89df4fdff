package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.template.CacheReplicationGroup;
import io.drplatform.dr.rehearsal.template.ContainerSpec;
import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.ServiceDeployment;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One region stack of an environment resolved against that region's local stand-ins: what a service's containers
 * get from ECS, and what the local servers must be created with (the database's master user, the Redis AUTH token).
 */
public final class RegionValues {

    /** A service's container and its resolved environment, and the migration's container, environment and command. */
    public record ServiceEnvironment(
            ContainerSpec container,
            Map<String, String> environment,
            ContainerSpec migration,
            Map<String, String> migrationEnvironment) {

        public List<String> migrationCommand() {
            return migration.command();
        }
    }

    /** The master user a database instance is created with, and where it listens. */
    public record DatabaseMaster(String logicalId, String username, String password, int port, String databaseName) {}

    private final RegionStackTemplate template;
    private final Intrinsics intrinsics;

    public RegionValues(EnvironmentTemplates.Region region, EnvironmentSecrets secrets, LocalEndpoints endpoints) {
        this(region.template(), secrets, endpoints);
    }

    public RegionValues(RegionStackTemplate template, EnvironmentSecrets secrets, LocalEndpoints endpoints) {
        this.template = template;
        this.intrinsics = new Intrinsics(template.stack(), secrets, endpoints);
    }

    public Intrinsics intrinsics() {
        return intrinsics;
    }

    /**
     * The service's container environment (its {@code Environment} and {@code Secrets}) and its migration's (the
     * migration task's, else the service's with {@code migrate}). Every unresolvable variable of both is reported
     * at once, each with its task definition's logical id.
     */
    public ServiceEnvironment service(String serviceName) {
        ServiceDeployment deployment = ServiceDeployment.read(stack(), serviceName);
        ContainerSpec container = deployment.container();
        ContainerSpec migration = deployment.migrationOrServiceWithMigrateCommand();
        List<String> problems = new ArrayList<>();
        Map<String, String> environment = environment(container, problems);
        // Without a migration task of its own, the migration runs with the service's task definition.
        Map<String, String> migrationEnvironment = migration.taskDefinitionId().equals(container.taskDefinitionId())
                ? environment
                : environment(migration, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(stack().name() + " service " + serviceName + " cannot run locally:\n"
                    + String.join("\n", problems));
        }
        return new ServiceEnvironment(container, environment, migration, migrationEnvironment);
    }

    /**
     * The master user of the region's own database, if the template creates the instance with one (a primary); a
     * cross-region replica has none of its own: its users are its source's.
     */
    public Optional<DatabaseMaster> databaseMaster() {
        Optional<DatabaseInstance> database = template.regionDatabase();
        if (database.isEmpty()) {
            return Optional.empty();
        }
        String id = database.get().logicalId();
        JsonNode props = stack().resource(id).path("Properties");
        if (!props.has("MasterUsername")) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseMaster(
                id,
                intrinsics.resolve(id + ".MasterUsername", props.path("MasterUsername")),
                intrinsics.resolve(id + ".MasterUserPassword", props.path("MasterUserPassword")),
                database.get().port(),
                database.get().databaseName()));
    }

    /** The AUTH token of the region's replication group, if it requires one. */
    public Optional<String> cacheAuthToken() {
        return template.cache()
                .filter(CacheReplicationGroup::auth)
                .map(group -> intrinsics.resolve(
                        group.logicalId() + ".AuthToken",
                        stack().resource(group.logicalId()).path("Properties").path("AuthToken")));
    }

    private Map<String, String> environment(ContainerSpec container, List<String> problems) {
        try {
            return intrinsics.environment(container);
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
            return Map.of();
        }
    }

    private SynthesizedStack stack() {
        return template.stack();
    }
}
