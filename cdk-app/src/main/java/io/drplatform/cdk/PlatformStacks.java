package io.drplatform.cdk;

import io.drplatform.cdk.nag.PlatformNagSuppressions;
import io.drplatform.cdk.region.RegionRole;
import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.ApplicationManifest;
import io.drplatform.manifest.Deployment;
import io.drplatform.manifest.EnvironmentName;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

/**
 * The one place that decides which stacks an application gets: for each environment, a stack in the region
 * holding the writable database. cdk-nag's AWS Solutions checks run over all of them.
 */
public final class PlatformStacks {
    /**
     * Context every app gets: template validation findings (invalid property values CloudFormation would
     * reject at deploy time) fail synthesis instead of printing warnings.
     */
    public static final java.util.Map<String, Object> CONTEXT = java.util.Map.of(
            "@aws-cdk/core:validateAgainstDefaultRules", true);

    private PlatformStacks() {
    }

    public static List<RegionStack> build(App app, ApplicationManifest manifest, Collection<EnvironmentName> environments) {
        List<RegionStack> stacks = new ArrayList<>();
        for (EnvironmentName environment : environments) {
            Deployment deployment = manifest.deployment(environment);
            String region = deployment.activeRegion();
            stacks.add(new RegionStack(app, deployment.qualifiedName() + "-" + region, RegionStack.Props.builder()
                    .deployment(deployment)
                    .region(region)
                    .role(RegionRole.PRIMARY)
                    .manifestDirectory(manifest.baseDirectory())
                    .build()));
        }
        stacks.forEach(PlatformNagSuppressions::apply);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stacks;
    }
}
