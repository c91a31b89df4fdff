package io.drplatform.cdk.region;

import io.drplatform.manifest.plan.RegionPlan;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.IAliasRecordTargetProps;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;

/**
 * The region's DNS name for its load balancer, in the stack itself: with a standby the regional name, which the
 * global stack's health checks probe and its failover records alias; without one the application's name directly.
 */
final class RegionRecord {
    private RegionRecord() {}

    static ARecord create(Stack stack, IHostedZone zone, RegionPlan plan, IApplicationLoadBalancer loadBalancer) {
        if (plan.regionalDomain().isEmpty()) {
            return ARecord.Builder.create(stack, "Record")
                    .zone(zone)
                    .recordName(plan.deployment().dns().domainName())
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer)))
                    .build();
        }
        return ARecord.Builder.create(stack, "RegionalRecord")
                .zone(zone)
                .recordName(plan.regionalDomain().get())
                // Target health flows up to the failover records: a region with no healthy task is skipped.
                .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer, new IAliasRecordTargetProps() {
                    @Override
                    public Boolean getEvaluateTargetHealth() {
                        return true;
                    }
                })))
                .comment("Regional name of " + plan.deployment().qualifiedName() + " in " + plan.region()
                        + "; the failover records alias it")
                .build();
    }
}
