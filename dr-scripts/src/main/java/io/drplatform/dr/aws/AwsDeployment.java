package io.drplatform.dr.aws;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionPlan;
import io.drplatform.manifest.plan.RegionRole;
import io.drplatform.manifest.plan.StackPlan;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * One deployment as every AWS operation sees it: the region plans the manifest gives (which region is active, which
 * is its pair, what each runs), the parameters the stacks published, the SDK clients, SQL access to the databases,
 * and the polling figures. Built once per run and shared by the operations.
 */
final class AwsDeployment {
    final Deployment deployment;
    final AwsClients clients;
    final PublishedParameters parameters;
    final RegionDatabases databases;
    final AwsProvider.Timing timing;
    final Waiter waiter;
    private final RegionPlan active;
    private final RegionPlan standby;
    private final boolean routingControls;

    AwsDeployment(
            Deployment deployment,
            AwsClients clients,
            AwsProvider.Timing timing,
            RegionDatabases.Settings databaseAccess) {
        if (!deployment.hasStandby()) {
            throw new IllegalArgumentException(
                    deployment.qualifiedName() + " has no standby region (regions.standby and dr.strategy)");
        }
        this.deployment = deployment;
        this.clients = clients;
        this.timing = timing;
        this.waiter = new Waiter(timing.firstPoll(), timing.maxPoll());
        this.parameters = new PublishedParameters(clients, deployment);
        this.databases = new RegionDatabases(clients, deployment, parameters, databaseAccess);
        List<RegionPlan> pair = RegionPlan.pair(deployment);
        this.active = pair.stream()
                .filter(p -> p.role() == RegionRole.PRIMARY)
                .findFirst()
                .orElseThrow();
        this.standby = pair.stream()
                .filter(p -> p.role() == RegionRole.STANDBY)
                .findFirst()
                .orElseThrow();
        // The ARC stack exists exactly when the records follow routing controls instead of the health checks.
        this.routingControls = StackPlan.of(deployment).stream().anyMatch(s -> s.kind() == StackPlan.Kind.ARC);
    }

    String activeRegion() {
        return active.region();
    }

    String standbyRegion() {
        return standby.region();
    }

    /** The plan of one region of the pair, in the role the manifest's DR state gives it. */
    RegionPlan plan(String region) {
        if (region.equals(active.region())) {
            return active;
        }
        if (region.equals(standby.region())) {
            return standby;
        }
        throw new IllegalArgumentException(region + " is not a region of " + deployment.qualifiedName());
    }

    /** The other region of the pair. */
    String other(String region) {
        return plan(region).pairedRegion().orElseThrow();
    }

    boolean routingControls() {
        return routingControls;
    }

    RegionResources resources(String region) {
        return parameters.region(region);
    }

    DBInstance describe(String region, String instanceId) {
        return clients.rds(region)
                .describeDBInstances(b -> b.dbInstanceIdentifier(instanceId))
                .dbInstances()
                .get(0);
    }

    /** The region's database as RDS describes it now; its identifier from the published parameters. */
    DBInstance describeDatabase(String region) {
        return describe(region, resources(region).dbInstanceId());
    }
}
