package io.drplatform.cdk.region;

import io.drplatform.cdk.database.CrossRegionReplica;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.network.Network;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.plan.RegionDatabase;
import io.drplatform.manifest.plan.RegionPlan;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * The database instances a region's plan calls for, built directly in the stack (their construct paths, and so their
 * logical ids, are the stack's): the original instance where the plan keeps it, and the region's own instance (a
 * cross-region replica, or the promoted one) wherever the original does not serve.
 */
final class RegionDatabases {
    private final PostgresDatabase original;
    private final CrossRegionReplica regional;
    private final boolean originalServes;

    RegionDatabases(Stack stack, RegionPlan plan, Network network, LogPolicy logs) {
        Deployment d = plan.deployment();
        boolean production = d.environment() == EnvironmentName.PRODUCTION;
        this.original = plan.originalDatabase()
                .map(identifier -> new PostgresDatabase(
                        stack,
                        "Database",
                        new PostgresDatabase.Props(
                                network.getVpc(),
                                network.dataSubnets(),
                                d.database(),
                                identifier,
                                production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
                                logs.retention(),
                                plan.pairedRegion().stream().toList(),
                                plan.rotatesCredentials())))
                .orElse(null);
        this.originalServes = plan.database() instanceof RegionDatabase.OriginalPrimary;
        CrossRegionReplica instance = null;
        if (plan.database() instanceof RegionDatabase.Instance own && !originalServes) {
            RegionDatabase.CrossRegionReplica replica = own instanceof RegionDatabase.CrossRegionReplica r ? r : null;
            instance = new CrossRegionReplica(
                    stack,
                    "RegionDatabase",
                    new CrossRegionReplica.Props(
                            network.getVpc(),
                            network.dataSubnets(),
                            d.database(),
                            own.identifier(),
                            replica == null ? null : replica.sourceArn(),
                            replica == null ? null : replica.sourceRegion(),
                            production,
                            logs.retention(),
                            logs.removal()));
        }
        this.regional = instance;
    }

    /**
     * The database as services and migrations reach it: the region's serving instance, and the credentials generated
     * with the original instance, read from their Secrets Manager replicas (same names) where it is not, so the
     * standby works without the primary region. Null without a database.
     */
    ContainerContract.Database access(Stack stack, RegionPlan plan) {
        if (!(plan.database() instanceof RegionDatabase.Instance instance)) {
            return null;
        }
        String endpoint = regional != null
                ? regional.endpointAddress()
                : original.getInstance().getDbInstanceEndpointAddress();
        String name = plan.deployment().database().databaseName();
        if (original != null) {
            return new ContainerContract.Database(
                    endpoint, name, original.getCredentials(), original.getApplicationCredentials());
        }
        return new ContainerContract.Database(
                endpoint,
                name,
                Secret.fromSecretNameV2(
                        stack, "DatabaseCredentials", instance.credentials().ownerSecretName()),
                Secret.fromSecretNameV2(
                        stack, "ApplicationCredentials", instance.credentials().applicationSecretName()));
    }

    /** Admits a service's tasks to the serving instance. */
    void allowFrom(IConnectable service, String description) {
        if (regional != null) {
            regional.allowFrom(service, description);
        } else if (original != null) {
            original.allowFrom(service, description);
        }
    }

    /** The original instance, when it is the one serving (before any failover): alarmed and graphed. */
    PostgresDatabase servingOriginal() {
        return originalServes ? original : null;
    }

    PostgresDatabase original() {
        return original;
    }

    CrossRegionReplica regional() {
        return regional;
    }
}
