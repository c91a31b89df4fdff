package io.drplatform.cdk;

import io.drplatform.cdk.global.GlobalStack;
import io.drplatform.cdk.global.RoutingControlStack;
import io.drplatform.cdk.nag.PlatformNagSuppressions;
import io.drplatform.cdk.region.RegionRole;
import io.drplatform.cdk.region.RegionStack;
import io.drplatform.cdk.storage.StorageStack;
import io.drplatform.manifest.ApplicationManifest;
import io.drplatform.manifest.Deployment;
import io.drplatform.manifest.EnvironmentName;
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
 * The one place that decides which stacks an application gets. For each environment:
 * <ul>
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

    private PlatformStacks() {
    }

    public static List<Stack> build(App app, ApplicationManifest manifest, Collection<EnvironmentName> environments) {
        requireDistinctDomains(manifest, environments);
        List<Stack> stacks = new ArrayList<>();
        for (EnvironmentName environment : environments) {
            Deployment deployment = manifest.deployment(environment);
            String prefix = deployment.qualifiedName();
            String active = deployment.activeRegion();
            if (!deployment.bucketList().isEmpty()) {
                deployment.passiveRegion().ifPresent(passive ->
                        stacks.add(new StorageStack(app, prefix + "-" + passive + "-storage", deployment, passive)));
                stacks.add(new StorageStack(app, prefix + "-" + active + "-storage", deployment, active));
            }
            stacks.add(region(app, manifest, deployment, active, RegionRole.PRIMARY));
            deployment.passiveRegion().ifPresent(passive ->
                    stacks.add(region(app, manifest, deployment, passive, RegionRole.STANDBY)));
            if (deployment.hasStandby() || deployment.cdnSpec().isPresent()) {
                stacks.add(new GlobalStack(app, prefix + "-global", deployment));
            }
            if (deployment.hasStandby() && Boolean.TRUE.equals(deployment.dr().routingControl())) {
                stacks.add(new RoutingControlStack(app, prefix + "-arc", deployment));
            }
        }
        stacks.forEach(PlatformNagSuppressions::apply);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stacks;
    }

    private static RegionStack region(App app, ApplicationManifest manifest, Deployment deployment, String region, RegionRole role) {
        return new RegionStack(app, deployment.qualifiedName() + "-" + region, RegionStack.Props.builder()
                .deployment(deployment)
                .region(region)
                .role(role)
                .manifestDirectory(manifest.baseDirectory())
                .build());
    }

    /** Every environment writes DNS records for its domain name, so two environments cannot share one. */
    private static void requireDistinctDomains(ApplicationManifest manifest, Collection<EnvironmentName> environments) {
        Map<String, EnvironmentName> owners = new LinkedHashMap<>();
        for (EnvironmentName environment : environments) {
            String domain = manifest.deployment(environment).dns().domainName();
            EnvironmentName other = owners.putIfAbsent(domain, environment);
            if (other != null) {
                throw new IllegalArgumentException(manifest.source() + ": environments " + other.id() + " and "
                        + environment.id() + " both use dns.domainName " + domain + "; each environment owns the DNS records"
                        + " of its domain, so give one of them its own name under environments." + environment.id() + ".dns");
            }
        }
    }
}
