package io.drplatform.manifest.plan;

import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * One CloudFormation stack of a deployment: its name, region and what it holds. {@link #of} is the one list of the
 * stacks a deployment gets, in deploy order for a first deployment; the CDK app builds exactly these, and the deploy
 * workflow and the DR tool name them from here.
 */
public record StackPlan(String name, String region, Kind kind) {

    /** What a stack holds. */
    public enum Kind {
        /** The Cognito user pool, in the manifest's primary region. */
        AUTH("auth"),
        /** Replicated buckets of one region. */
        STORAGE("storage"),
        /** The region holding the writable database. */
        PRIMARY("primary"),
        /** The standby region: the replica and services at the strategy's capacity. */
        STANDBY("standby"),
        /** Route 53 health checks and failover records, CDN and its WAF (us-east-1). */
        GLOBAL("global"),
        /** ARC routing controls (us-west-2). */
        ARC("arc");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static List<StackPlan> of(Deployment d) {
        String prefix = d.qualifiedName();
        String active = d.activeRegion();
        List<StackPlan> stacks = new ArrayList<>();
        if (d.auth() != null && d.auth().platformUserPool()) {
            stacks.add(new StackPlan(prefix + "-auth", d.homeRegion(), Kind.AUTH));
        }
        if (!d.buckets().isEmpty()) {
            // The passive region's first: replication needs its destination to exist.
            d.passiveRegion()
                    .ifPresent(passive ->
                            stacks.add(new StackPlan(prefix + "-" + passive + "-storage", passive, Kind.STORAGE)));
            stacks.add(new StackPlan(prefix + "-" + active + "-storage", active, Kind.STORAGE));
        }
        stacks.add(new StackPlan(prefix + "-" + active, active, Kind.PRIMARY));
        d.passiveRegion()
                .ifPresent(passive -> stacks.add(new StackPlan(prefix + "-" + passive, passive, Kind.STANDBY)));
        if (d.hasStandby() || d.cdn() != null) {
            stacks.add(new StackPlan(prefix + "-global", PlatformParameters.GLOBAL_REGION, Kind.GLOBAL));
        }
        if (d.hasStandby() && Boolean.TRUE.equals(d.dr().routingControl())) {
            stacks.add(new StackPlan(prefix + "-arc", PlatformParameters.ARC_REGION, Kind.ARC));
        }
        return stacks;
    }
}
