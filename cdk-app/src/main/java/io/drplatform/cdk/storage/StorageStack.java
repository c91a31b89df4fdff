package io.drplatform.cdk.storage;

import io.drplatform.cdk.stack.DeploymentStack;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The application's buckets in one region, in a stack of their own: S3 accepts a replication rule only when the
 * destination bucket already exists, so the passive region's buckets are deployed before the active region's
 * (see cdk-app/README.md, deploy order) without waiting for the passive region's database replica.
 */
public class StorageStack extends Stack implements DeploymentStack {
    private final Deployment deployment;
    private final ReplicatedBuckets buckets;

    public StorageStack(Construct scope, String id, Deployment deployment, String region) {
        super(scope, id, DeploymentStack.props(deployment, id, region, "buckets in " + region));
        this.deployment = deployment;
        boolean active = region.equals(deployment.activeRegion());
        String replicateTo = active ? deployment.passiveRegion().orElse(null) : null;
        boolean production = deployment.environment() == EnvironmentName.PRODUCTION;
        this.buckets = new ReplicatedBuckets(
                this,
                "Buckets",
                new ReplicatedBuckets.Props(
                        deployment, region, replicateTo, production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY));
        DeploymentStack.tag(this, deployment);
    }

    @Override
    public List<String> getAvailabilityZones() {
        return deployment == null
                ? super.getAvailabilityZones()
                : deployment.network().zonesOf(getRegion());
    }

    @Override
    public Deployment getDeployment() {
        return deployment;
    }

    @Override
    public String roleLabel() {
        return "storage";
    }

    public ReplicatedBuckets getBuckets() {
        return buckets;
    }
}
