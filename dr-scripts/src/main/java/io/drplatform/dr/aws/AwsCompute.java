package io.drplatform.dr.aws;

import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.provider.ComputeScaling;
import io.drplatform.dr.provider.RegionFaults;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.DrStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS: scaling a region to serving capacity at failover, and the drill's fault. The fault on AWS is compute, not the
 * database: every service of the active region goes to zero tasks (the desired counts remembered and restored on
 * rollback), which fails the deep health check Route 53 watches, as a region outage would.
 */
final class AwsCompute implements ComputeScaling, RegionFaults {
    private final AwsDeployment aws;
    /** Desired counts before this run scaled a region down, so rollback restores exactly them. */
    private final Map<String, Map<String, Integer>> scaledDown = new ConcurrentHashMap<>();

    AwsCompute(AwsDeployment aws) {
        this.aws = aws;
    }

    @Override
    public Operation scaleUp(String region) {
        return new Operation(
                List.of(
                        "ecs:UpdateService desiredCount=<" + PlatformParameters.ECS_FAILOVER_COUNTS + " published in "
                                + region + "> for every service in " + region,
                        "ecs:DescribeServices until runningCount reaches it (deadline "
                                + aws.timing.scaling().toMinutes() + " min)"),
                ctx -> scaleUp(region, ctx));
    }

    @Override
    public Operation inject(String region) {
        return scaleDown(region);
    }

    @Override
    public Operation recover(String region) {
        return new Operation(
                List.of("ecs:UpdateService desiredCount=<remembered> in " + region + " (if this run scaled it down)"),
                ctx -> restoreScale(region));
    }

    private String scaleUp(String region, StepContext context) throws InterruptedException {
        RegionResources res = aws.resources(region);
        String cluster = res.require(PlatformParameters.ECS_CLUSTER);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        FailoverCounts counts =
                FailoverCounts.of(res, aws.plan(aws.activeRegion()).services());
        counts.fallback().ifPresent(context::progress);
        Map<String, Integer> target = new LinkedHashMap<>();
        for (String svc : services) {
            int count = counts.of(svc);
            target.put(svc, count);
            aws.clients
                    .ecs(region)
                    .updateService(b -> b.cluster(cluster).service(svc).desiredCount(count));
        }
        aws.waiter.until(
                context,
                "running tasks in " + region,
                aws.timing.scaling(),
                () -> describe(region, cluster, services),
                list -> list.stream().allMatch(s -> s.runningCount() >= target.getOrDefault(s.serviceName(), 1)),
                list -> list.stream()
                        .map(s -> s.serviceName() + " " + s.runningCount() + "/" + s.desiredCount())
                        .toList()
                        .toString());
        return (aws.deployment.dr().strategy() == DrStrategy.PILOT_LIGHT
                        ? "pilot light scaled up: "
                        : "warm standby at full size: ")
                + target
                + counts.fallback().map(f -> " (" + f + ")").orElse("");
    }

    /** Stops the region's compute: every ECS service to zero tasks, remembering the desired counts. */
    Operation scaleDown(String region) {
        String prefix = PlatformParameters.prefix(aws.deployment, region);
        return new Operation(
                List.of(
                        "ssm:GetParametersByPath " + prefix,
                        "ecs:DescribeServices (remember desired counts)",
                        "ecs:UpdateService desiredCount=0 for every service in "
                                + PlatformParameters.name(aws.deployment, region, PlatformParameters.ECS_SERVICES)),
                ctx -> scaleDownNow(region));
    }

    private String scaleDownNow(String region) {
        RegionResources res = aws.resources(region);
        String cluster = res.require(PlatformParameters.ECS_CLUSTER);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        Map<String, Integer> before = new LinkedHashMap<>();
        for (Service svc : describe(region, cluster, services)) {
            before.put(svc.serviceName(), svc.desiredCount());
        }
        scaledDown.put(region, before);
        for (String svc : services) {
            aws.clients
                    .ecs(region)
                    .updateService(b -> b.cluster(cluster).service(svc).desiredCount(0));
        }
        return "scaled " + services + " in " + region + " to 0 (were " + before + ")";
    }

    String restoreScale(String region) {
        Map<String, Integer> before = scaledDown.remove(region);
        if (before == null) {
            return "no services scaled down in " + region + " by this run";
        }
        String cluster = aws.resources(region).require(PlatformParameters.ECS_CLUSTER);
        before.forEach((svc, count) -> aws.clients
                .ecs(region)
                .updateService(b -> b.cluster(cluster).service(svc).desiredCount(count)));
        return "restored desired counts in " + region + ": " + before;
    }

    /** {@code name running/desired, ...} for {@code dr status}. */
    String tasks(String region) {
        RegionResources res = aws.resources(region);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        if (services.isEmpty()) {
            return "no services";
        }
        StringBuilder s = new StringBuilder();
        for (Service svc : describe(region, res.require(PlatformParameters.ECS_CLUSTER), services)) {
            s.append(s.length() == 0 ? "" : ", ")
                    .append(svc.serviceName())
                    .append(' ')
                    .append(svc.runningCount())
                    .append('/')
                    .append(svc.desiredCount());
        }
        return s.toString();
    }

    private List<Service> describe(String region, String cluster, List<String> services) {
        return aws.clients
                .ecs(region)
                .describeServices(DescribeServicesRequest.builder()
                        .cluster(cluster)
                        .services(services)
                        .build())
                .services();
    }
}
