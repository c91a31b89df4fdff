package io.drplatform.dr.aws;

import io.drplatform.dr.engine.Milestone;
import io.drplatform.dr.engine.Operation;
import io.drplatform.dr.engine.StepContext;
import io.drplatform.dr.provider.Routing;
import io.drplatform.manifest.contract.PlatformParameters;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStatesRequest;

/**
 * Route 53 failover records: they follow the regions' deep-health checks, or ARC routing controls when the manifest
 * enables them ({@code dr.routingControl}). Check ids and control ARNs are the global parameters the global and ARC
 * stacks publish.
 */
final class AwsRouting implements Routing {
    private final AwsDeployment aws;
    /** {@code DR_ARC_ENDPOINTS}: the cluster endpoints when us-west-2 (where their parameter lives) cannot answer. */
    private final String arcEndpointsOverride;

    AwsRouting(AwsDeployment aws, String arcEndpointsOverride) {
        this.aws = aws;
        this.arcEndpointsOverride = arcEndpointsOverride;
    }

    @Override
    public Operation switchRouting(String from, String to) {
        if (aws.routingControls()) {
            return new Operation(
                    List.of(
                            "ssm:GetParameter "
                                    + PlatformParameters.arcClusterEndpoints(aws.deployment)
                                            .name() + " (or $DR_ARC_ENDPOINTS)",
                            "route53-recovery-cluster:UpdateRoutingControlStates " + to + " On + " + from
                                    + " Off, trying each cluster endpoint in turn"),
                    ctx -> switchControls(from, to, ctx));
        }
        return new Operation(
                List.of("route53:GetHealthCheckStatus for " + from + " and " + to + " until " + from
                        + " Failure and " + to + " Success (deadline "
                        + aws.timing.routing().toMinutes() + " min)"),
                ctx -> awaitHealthChecks(from, to, ctx));
    }

    private String switchControls(String from, String to, StepContext context) {
        String toArn = routingControlArn(to);
        String fromArn = routingControlArn(from);
        // Both states in one call: the safety rule (at least one on) judges the pair, not a half-done switch.
        UpdateRoutingControlStatesRequest request = UpdateRoutingControlStatesRequest.builder()
                .updateRoutingControlStateEntries(
                        UpdateRoutingControlStateEntry.builder()
                                .routingControlArn(toArn)
                                .routingControlState(RoutingControlState.ON)
                                .build(),
                        UpdateRoutingControlStateEntry.builder()
                                .routingControlArn(fromArn)
                                .routingControlState(RoutingControlState.OFF)
                                .build())
                .build();
        String through = onAnyArcEndpoint(context, arc -> arc.updateRoutingControlStates(request))
                .through();
        context.mark(Milestone.ROUTING_SWITCH);
        return "ARC routing controls: " + to + " On, " + from + " Off (through the " + through + ")";
    }

    /** What Route 53 says of the two regions' checks at one poll. */
    private record PairHealth(boolean fromHealthy, boolean toHealthy) {}

    private String awaitHealthChecks(String from, String to, StepContext context) throws InterruptedException {
        String fromCheck = requireHealthCheck(from);
        String toCheck = requireHealthCheck(to);
        // Failover records follow the health checks: wait until Route 53 sees the old region down and the new one up.
        aws.waiter.until(
                context,
                "Route 53 health checks",
                aws.timing.routing(),
                () -> {
                    boolean fromHealthy = healthy(fromCheck);
                    if (!fromHealthy) {
                        context.mark(Milestone.DETECTION);
                    }
                    return new PairHealth(fromHealthy, healthy(toCheck));
                },
                h -> !h.fromHealthy() && h.toHealthy(),
                h -> from + (h.fromHealthy() ? " Success" : " Failure") + ", " + to
                        + (h.toHealthy() ? " Success" : " Failure"));
        context.mark(Milestone.ROUTING_SWITCH);
        return "Route 53: " + from + " health check Failure, " + to + " Success; failover records answer " + to
                + " (clients may cache the old answer up to the record TTL)";
    }

    /** Does the failover record answer with this region now? */
    boolean answering(String region, boolean healthy) {
        if (aws.routingControls()) {
            return routingControlOn(region);
        }
        return healthy && region.equals(aws.activeRegion()) || (healthy && !anyHealthy(aws.activeRegion()));
    }

    /** The Route 53 health check on the region's deep-health path (global parameter), or null without one. */
    String healthCheckId(String region) {
        return aws.parameters
                .global(PlatformParameters.healthCheckId(aws.deployment, region))
                .orElse(null);
    }

    private String requireHealthCheck(String region) {
        return aws.parameters.requireGlobal(
                PlatformParameters.healthCheckId(aws.deployment, region), "Route 53 health check of " + region);
    }

    private boolean anyHealthy(String region) {
        String id = healthCheckId(region);
        return id != null && healthy(id);
    }

    /** Route 53 calls a check healthy when more than 18% of its checkers report success. */
    boolean healthy(String healthCheckId) {
        GetHealthCheckStatusResponse r =
                aws.clients.route53().getHealthCheckStatus(b -> b.healthCheckId(healthCheckId));
        List<HealthCheckObservation> obs = r.healthCheckObservations();
        if (obs.isEmpty()) {
            return false;
        }
        long ok = obs.stream()
                .filter(o -> o.statusReport() != null
                        && o.statusReport().status() != null
                        && o.statusReport().status().startsWith("Success"))
                .count();
        return ok * 100.0 / obs.size() > 18.0;
    }

    private String routingControlArn(String region) {
        return aws.parameters.requireGlobal(
                PlatformParameters.routingControlArn(aws.deployment, region), "routing control of " + region);
    }

    /** Is the region's routing control On (its failover record answers)? Read from the cluster, like a switch. */
    boolean routingControlOn(String region) {
        String arn = routingControlArn(region);
        return onAnyArcEndpoint(null, arc -> arc.getRoutingControlState(b -> b.routingControlArn(arn)))
                        .answer()
                        .routingControlState()
                == RoutingControlState.ON;
    }

    /**
     * The ARC cluster's regional endpoints: {@code DR_ARC_ENDPOINTS} when set (keep a copy: the parameter lives in
     * us-west-2, which may be the region that is down), else the parameter the ARC stack writes.
     */
    private List<ArcEndpoint> arcEndpoints() {
        String spec = arcEndpointsOverride != null
                ? arcEndpointsOverride
                : aws.parameters.requireGlobal(
                        PlatformParameters.arcClusterEndpoints(aws.deployment), "ARC cluster endpoints");
        List<ArcEndpoint> endpoints = RegionPairs.parse(
                        spec,
                        arcEndpointsOverride != null ? "DR_ARC_ENDPOINTS" : PlatformParameters.ARC_CLUSTER_ENDPOINTS,
                        "region=url")
                .entrySet()
                .stream()
                .map(e -> new ArcEndpoint(e.getKey(), URI.create(e.getValue())))
                .toList();
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no ARC cluster endpoint in '" + spec + "' (expected region=url,...)");
        }
        return endpoints;
    }

    private record ArcEndpoint(String region, URI url) {}

    /** What an ARC endpoint answered, and which one (after how many unreachable), for the report. */
    private record ArcAnswer<T>(T answer, String through) {}

    /**
     * AWS's guidance for the ARC data plane: any cluster endpoint will do, try them in turn until one answers. A
     * refusal (a safety rule, a bad ARN) is an answer and is not retried elsewhere.
     *
     * @param context for progress lines, or null outside a step
     */
    private <T> ArcAnswer<T> onAnyArcEndpoint(StepContext context, Function<Route53RecoveryClusterClient, T> call) {
        List<String> failures = new ArrayList<>();
        for (ArcEndpoint endpoint : arcEndpoints()) {
            try {
                T answer = call.apply(aws.clients.arc(endpoint.region(), endpoint.url()));
                return new ArcAnswer<>(
                        answer,
                        endpoint.region() + " endpoint"
                                + (failures.isEmpty() ? "" : " after " + failures.size() + " unreachable"));
            } catch (SdkClientException | AwsServiceException e) {
                if (e instanceof AwsServiceException ase && ase.statusCode() < 500 && ase.statusCode() != 429) {
                    throw ase;
                }
                failures.add(endpoint.region() + ": " + e.getMessage());
                if (context != null) {
                    context.progress(
                            "ARC endpoint " + endpoint.region() + " failed, trying the next: " + e.getMessage());
                }
            }
        }
        throw new IllegalStateException("no ARC cluster endpoint answered: " + failures);
    }
}
