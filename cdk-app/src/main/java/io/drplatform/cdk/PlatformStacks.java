package io.drplatform.cdk;

import io.drplatform.cdk.auth.AuthStack;
import io.drplatform.cdk.global.GlobalStack;
import io.drplatform.cdk.global.RoutingControlStack;
import io.drplatform.cdk.nag.PlatformNagSuppressions;
import io.drplatform.cdk.region.RegionStack;
import io.drplatform.cdk.storage.StorageStack;
import io.drplatform.manifest.model.ApplicationManifest;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.plan.RegionPlan;
import io.drplatform.manifest.plan.StackPlan;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;

/**
 * Builds, for each environment, the stacks {@link StackPlan#of} lists:
 * <ul>
 *   <li>{@code <app>-<env>-auth} in the manifest's primary region when the manifest asks for a user pool
 *       ({@code auth.userPool}); it writes the issuer's parameters into each region, which the region stacks read;</li>
 *   <li>{@code <app>-<env>-<region>-storage} in each region when the manifest declares buckets (the passive region's
 *       first: replication needs its destination to exist);</li>
 *   <li>{@code <app>-<env>-<activeRegion>}: the region holding the writable database (role primary);</li>
 *   <li>{@code <app>-<env>-<passiveRegion>} when the deployment has a standby (role standby: replica, services at the
 *       strategy's capacity);</li>
 *   <li>{@code <app>-<env>-global} in us-east-1 when there is a standby or a CDN: Route 53 health checks, failover
 *       records, health-check alarms, CloudFront and its WAF;</li>
 *   <li>{@code <app>-<env>-arc} in us-west-2 with {@code dr.routingControl}: ARC cluster, control panel, routing
 *       controls, safety rule, and the failover records on the routing controls' health checks.</li>
 * </ul>
 * No stack references another (no exports, no {@code crossRegionReferences}): shared identifiers are built from the
 * manifest. The list is in deploy order for a first deployment. cdk-nag's AWS Solutions checks run over all of them.
 */
public final class PlatformStacks {
    /**
     * Context every app gets, read from cdk.json so that the CLI and an in-process synthesis build the same
     * templates: the recommended feature flags, and template validation findings (invalid property values
     * CloudFormation would reject at deploy time) failing synthesis instead of printing warnings.
     */
    public static final Map<String, Object> CONTEXT = CdkJson.cdkSettings();

    private PlatformStacks() {}

    public static List<Stack> build(App app, ApplicationManifest manifest, Collection<EnvironmentName> environments) {
        requireDistinctDomains(manifest, environments);
        List<Stack> stacks = new ArrayList<>();
        for (EnvironmentName environment : environments) {
            Deployment deployment = manifest.deployment(environment);
            AuthStack auth = null;
            for (StackPlan plan : StackPlan.of(deployment)) {
                Stack stack = switch (plan.kind()) {
                    case AUTH -> auth = new AuthStack(app, plan.name(), deployment);
                    case STORAGE -> new StorageStack(app, plan.name(), deployment, plan.region());
                    case PRIMARY, STANDBY ->
                        new RegionStack(
                                app,
                                plan.name(),
                                new RegionStack.Props(RegionPlan.of(deployment, plan), manifest.baseDirectory()));
                    case GLOBAL -> new GlobalStack(app, plan.name(), deployment);
                    case ARC -> new RoutingControlStack(app, plan.name(), deployment);
                };
                if (auth != null && stack instanceof RegionStack) {
                    stack.addStackDependency(auth, "services read the user pool's issuer parameters");
                }
                stacks.add(stack);
            }
        }
        stacks.forEach(PlatformNagSuppressions::apply);
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stacks;
    }

    /** Every environment writes DNS records for its domain name, so two environments cannot share one. */
    private static void requireDistinctDomains(ApplicationManifest manifest, Collection<EnvironmentName> environments) {
        Map<String, EnvironmentName> owners = new LinkedHashMap<>();
        for (EnvironmentName environment : environments) {
            String domain = manifest.deployment(environment).dns().domainName();
            EnvironmentName other = owners.putIfAbsent(domain, environment);
            if (other != null) {
                throw new IllegalArgumentException(manifest.source() + ": environments " + other.id() + " and "
                        + environment.id() + " both use dns.domainName " + domain
                        + "; each environment owns the DNS records"
                        + " of its domain, so give one of them its own name under environments." + environment.id()
                        + ".dns");
            }
        }
    }
}
