package io.drplatform.dr.aws;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillStep;
import io.drplatform.dr.drill.Milestone;
import io.drplatform.dr.drill.StepContext;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.provider.FailoverBudgets;
import io.drplatform.dr.provider.RegionFence;
import io.drplatform.dr.provider.RegionState;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.dr.provider.WalCatchUp;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.DrStrategy;
import io.drplatform.manifest.model.ServiceSpec;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStatesRequest;

/**
 * The DR operations against AWS: RDS (promote, reboot with failover, snapshots, restore), Route 53 health checks,
 * ARC routing controls when the manifest enables them, ECS scaling and CloudWatch alarms and metrics. Resource
 * identifiers come from the SSM parameters the CDK app writes ({@link PublishedParameters}); what only the databases
 * know (WAL positions, the service's {@code region_fence} row, restore verification) is read over SQL with the
 * credentials in Secrets Manager ({@link RegionDatabases}).
 *
 * <p>The drill's fault on AWS is compute, not the database: the active region's ECS services are scaled to zero
 * (remembered and restored on rollback), which fails the deep health check Route 53 watches, as a region outage
 * would. Stopping writes for a planned switchover uses the service's own fence instead, so reads keep being served.
 * Rebuilding a replica is the stacks' job ({@code dr.activeRegion} and a deploy), not this tool's.
 */
public final class AwsProvider implements DrProvider {

    /** Polling and deadlines; tests shorten them. */
    public record Timing(
            Duration firstPoll,
            Duration maxPoll,
            Duration promotion,
            Duration scaling,
            Duration routing,
            Duration reboot,
            Duration restore,
            Duration catchUp) {
        public static Timing defaults() {
            return new Timing(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(40),
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(20),
                    Duration.ofMinutes(90),
                    Duration.ofMinutes(5));
        }
    }

    private final Deployment deployment;
    private final AwsClients clients;
    private final EntryPoint entryPoint;
    private final Timing timing;
    private final Waiter waiter;
    private final PublishedParameters parameters;
    private final RegionDatabases databases;
    /** {@code DR_ARC_ENDPOINTS}: the cluster endpoints when us-west-2 (where their parameter lives) cannot answer. */
    private final String arcEndpointsOverride;
    /** Desired counts before this run scaled a region down, so rollback restores exactly them. */
    private final Map<String, Map<String, Integer>> scaledDown = new ConcurrentHashMap<>();

    public AwsProvider(Deployment deployment, AwsClients clients, EntryPoint entryPoint, Timing timing) {
        this(deployment, clients, entryPoint, timing, RegionDatabases.Settings.fromEnvironment(System.getenv()));
    }

    public AwsProvider(
            Deployment deployment,
            AwsClients clients,
            EntryPoint entryPoint,
            Timing timing,
            RegionDatabases.Settings databaseAccess) {
        if (!deployment.hasStandby()) {
            throw new IllegalArgumentException(
                    deployment.qualifiedName() + " has no standby region (regions.standby and dr.strategy)");
        }
        this.deployment = deployment;
        this.clients = clients;
        this.entryPoint = entryPoint;
        this.timing = timing;
        this.waiter = new Waiter(timing.firstPoll(), timing.maxPoll());
        this.parameters = new PublishedParameters(clients, deployment);
        this.databases = new RegionDatabases(clients, deployment, parameters, databaseAccess);
        this.arcEndpointsOverride = System.getenv("DR_ARC_ENDPOINTS");
    }

    public static AwsProvider create(Deployment d, String endpointOverride, String entryPointUrl, String token) {
        AwsClients clients = new AwsClients(endpointOverride == null ? null : URI.create(endpointOverride));
        String url =
                entryPointUrl != null ? entryPointUrl : "https://" + d.dns().domainName();
        EntryPoint ep = token == null || token.isBlank()
                ? null
                : new EntryPoint(URI.create(url), token, EntryPoint.CALCULATION_INPUT);
        return new AwsProvider(d, clients, ep, Timing.defaults());
    }

    /** AWS figures for each step: health checks 3 x 10 s, record TTL 60 s, replica promotion several minutes. */
    @Override
    public FailoverBudgets budgets() {
        return new FailoverBudgets(
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(90));
    }

    @Override
    public String name() {
        return "aws";
    }

    RegionResources resources(String region) {
        return parameters.region(region);
    }

    /** The Route 53 health check on the region's deep-health path (global parameter), or null without one. */
    String healthCheckId(String region) {
        return parameters
                .global(PlatformParameters.healthCheckId(deployment, region))
                .orElse(null);
    }

    private String other(String region) {
        return region.equals(activeRegion()) ? standbyRegion() : activeRegion();
    }

    @Override
    public String activeRegion() {
        return deployment.activeRegion();
    }

    @Override
    public String standbyRegion() {
        return deployment.passiveRegion().orElseThrow();
    }

    DBInstance describe(String region, String instanceId) {
        return clients.rds(region)
                .describeDBInstances(b -> b.dbInstanceIdentifier(instanceId))
                .dbInstances()
                .get(0);
    }

    @Override
    public List<RegionState> status() {
        List<RegionState> out = new ArrayList<>();
        List<String> alarms = firingAlarms();
        for (String region : List.of(activeRegion(), standbyRegion())) {
            RegionResources res = resources(region);
            String dbState;
            String role;
            ReplicaLag lag = null;
            try {
                DBInstance db = describe(region, res.dbInstanceId());
                dbState = db.dbInstanceStatus();
                role = db.readReplicaSourceDBInstanceIdentifier() != null ? "standby" : "primary";
                if ("standby".equals(role)) {
                    lag = replicaLag(region);
                }
            } catch (DbInstanceNotFoundException e) {
                dbState = "not found";
                role = "down";
            }
            String health = "no health check";
            String checkId = healthCheckId(region);
            boolean healthy = false;
            if (checkId != null) {
                healthy = healthy(checkId);
                health = healthy ? "healthy" : "unhealthy";
            }
            boolean answering;
            if (routingControls()) {
                // The failover records follow the routing controls, not the HTTPS health checks.
                answering = routingControlOn(region);
                health += ", routing control " + (answering ? "On" : "Off");
            } else {
                answering = healthy && region.equals(activeRegion()) || (healthy && !anyHealthy(activeRegion()));
            }
            out.add(new RegionState(region, role, dbState, lag, health, answering, alarms, tasks(region)));
        }
        return out;
    }

    private boolean anyHealthy(String region) {
        String id = healthCheckId(region);
        return id != null && healthy(id);
    }

    private String tasks(String region) {
        RegionResources res = resources(region);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        if (services.isEmpty()) {
            return "no services";
        }
        List<Service> described = clients.ecs(region)
                .describeServices(DescribeServicesRequest.builder()
                        .cluster(res.require(PlatformParameters.ECS_CLUSTER))
                        .services(services)
                        .build())
                .services();
        StringBuilder s = new StringBuilder();
        for (Service svc : described) {
            s.append(s.length() == 0 ? "" : ", ")
                    .append(svc.serviceName())
                    .append(' ')
                    .append(svc.runningCount())
                    .append('/')
                    .append(svc.desiredCount());
        }
        return s.toString();
    }

    /** Route 53 calls a check healthy when more than 18% of its checkers report success. */
    boolean healthy(String healthCheckId) {
        GetHealthCheckStatusResponse r = clients.route53().getHealthCheckStatus(b -> b.healthCheckId(healthCheckId));
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

    @Override
    public List<String> firingAlarms() {
        List<String> firing = new ArrayList<>();
        for (String region : List.of(activeRegion(), standbyRegion())) {
            List<String> names = resources(region).list(PlatformParameters.STOP_ALARMS);
            if (names.isEmpty()) {
                continue;
            }
            for (MetricAlarm alarm : clients.cloudWatch(region)
                    .describeAlarms(DescribeAlarmsRequest.builder()
                            .alarmNames(names)
                            .stateValue(StateValue.ALARM)
                            .build())
                    .metricAlarms()) {
                firing.add(region + "/" + alarm.alarmName());
            }
        }
        return firing;
    }

    Double latestMetric(String region, String metric, String instanceId) {
        Instant now = Instant.now();
        GetMetricDataResponse r = clients.cloudWatch(region)
                .getMetricData(GetMetricDataRequest.builder()
                        .startTime(now.minus(Duration.ofMinutes(10)))
                        .endTime(now)
                        .metricDataQueries(MetricDataQuery.builder()
                                .id("m")
                                .returnData(true)
                                .metricStat(MetricStat.builder()
                                        .metric(Metric.builder()
                                                .namespace("AWS/RDS")
                                                .metricName(metric)
                                                .dimensions(Dimension.builder()
                                                        .name("DBInstanceIdentifier")
                                                        .value(instanceId)
                                                        .build())
                                                .build())
                                        .period(60)
                                        .stat("Maximum")
                                        .build())
                                .build())
                        .build());
        // Results come newest first (TimestampDescending is the default order).
        return r.metricDataResults().isEmpty()
                        || r.metricDataResults().get(0).values().isEmpty()
                ? null
                : r.metricDataResults().get(0).values().get(0);
    }

    @Override
    public ReplicaLag replicaLag(String standbyRegion) {
        Double seconds = latestMetric(
                standbyRegion, "ReplicaLag", resources(standbyRegion).dbInstanceId());
        String active = standbyRegion.equals(activeRegion()) ? standbyRegion() : activeRegion();
        Double bytes = latestMetric(
                active, "OldestReplicationSlotLag", resources(active).dbInstanceId());
        return new ReplicaLag(seconds, bytes == null ? null : bytes.longValue());
    }

    @Override
    public boolean standbyReplicating(String standbyRegion) {
        DBInstance db = describe(standbyRegion, resources(standbyRegion).dbInstanceId());
        return "available".equals(db.dbInstanceStatus()) && db.readReplicaSourceDBInstanceIdentifier() != null;
    }

    @Override
    public boolean isReplica(String region) {
        return describe(region, resources(region).dbInstanceId()).readReplicaSourceDBInstanceIdentifier() != null;
    }

    @Override
    public EntryPoint entryPoint() {
        return entryPoint;
    }

    @Override
    public String injectRegionFault(String region, StepContext context) {
        return scaleDown(region);
    }

    @Override
    public List<String> planRegionFault(String region) {
        return planScaleDown(region);
    }

    @Override
    public String recoverRegionFault(String region, StepContext context) {
        return restoreScale(region);
    }

    /**
     * Stops writes in a region for a planned switchover: the service's own fence, written on the region's still
     * writable database (its instances refuse writes and keep serving reads). An application without the fence
     * table loses its compute instead.
     */
    @Override
    public String fence(String region, StepContext context) throws SQLException {
        try (Connection c = databases.open(region)) {
            if (!RegionFence.supported(c)) {
                return scaleDown(region) + " (no region_fence table: the application cannot fence itself)";
            }
            if (!RegionFence.writable(c)) {
                return region + "'s database is read-only (a replica): it takes no writes to stop";
            }
            long epoch = RegionFence.set(c, other(region));
            return "region_fence set to " + other(region) + " (epoch " + epoch + ") on " + region + "'s database: "
                    + region + " refuses writes";
        }
    }

    @Override
    public String unfence(String region, StepContext context) {
        StringBuilder detail = new StringBuilder(restoreScale(region));
        // A fence naming another region stays while this region's database is a replica (read-only anyway) or
        // cannot be reached; it is lifted where this region's database is the writable one.
        try (Connection c = databases.open(region)) {
            detail.append(RegionFence.lift(c, region));
        } catch (SQLException | RuntimeException e) {
            detail.append("; region_fence not checked (").append(e.getMessage()).append(")");
        }
        return detail.toString();
    }

    @Override
    public List<String> planFence(String region, boolean fence) {
        String secret = PlatformParameters.name(deployment, region, PlatformParameters.DB_SECRET_ARN);
        return fence
                ? List.of(
                        "secretsmanager:GetSecretValue " + secret,
                        "SQL on " + region + ": INSERT INTO region_fence ... active_region = " + other(region)
                                + " (no table: " + String.join("; ", planScaleDown(region)) + ")")
                : List.of(
                        "ecs:UpdateService desiredCount=<remembered> in " + region + " (if this run scaled it down)",
                        "SQL on " + region + ": region_fence set to " + region
                                + " if its database is writable and the fence names another region");
    }

    /** Stops the region's compute: every ECS service to zero tasks, remembering the desired counts. */
    private String scaleDown(String region) {
        RegionResources res = resources(region);
        String cluster = res.require(PlatformParameters.ECS_CLUSTER);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        Map<String, Integer> before = new LinkedHashMap<>();
        for (Service svc : clients.ecs(region)
                .describeServices(DescribeServicesRequest.builder()
                        .cluster(cluster)
                        .services(services)
                        .build())
                .services()) {
            before.put(svc.serviceName(), svc.desiredCount());
        }
        scaledDown.put(region, before);
        for (String svc : services) {
            clients.ecs(region)
                    .updateService(b -> b.cluster(cluster).service(svc).desiredCount(0));
        }
        return "scaled " + services + " in " + region + " to 0 (were " + before + ")";
    }

    private List<String> planScaleDown(String region) {
        String prefix = PlatformParameters.prefix(deployment, region);
        return List.of(
                "ssm:GetParametersByPath " + prefix,
                "ecs:DescribeServices (remember desired counts)",
                "ecs:UpdateService desiredCount=0 for every service in " + prefix + "/"
                        + PlatformParameters.ECS_SERVICES);
    }

    private String restoreScale(String region) {
        Map<String, Integer> before = scaledDown.remove(region);
        if (before == null) {
            return "no services scaled down in " + region + " by this run";
        }
        String cluster = resources(region).require(PlatformParameters.ECS_CLUSTER);
        before.forEach((svc, count) -> clients.ecs(region)
                .updateService(b -> b.cluster(cluster).service(svc).desiredCount(count)));
        return "restored desired counts in " + region + ": " + before;
    }

    /** Cross-region replication on RDS is WAL streaming: the same proof as locally, over the network. */
    @Override
    public String awaitCaughtUp(String from, String to, StepContext context) throws Exception {
        // One read a second: every read is a TLS connection across regions, and RDS replays within seconds anyway.
        return new WalCatchUp(
                        databases::open,
                        timing.catchUp(),
                        timing.catchUp().multipliedBy(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1))
                .await(from, to, context);
    }

    @Override
    public List<String> planAwaitCaughtUp(String from, String to) {
        return WalCatchUp.plan(from, to);
    }

    @Override
    public String promote(String region, StepContext context) throws InterruptedException {
        String id = resources(region).dbInstanceId();
        Integer retention =
                deployment.database() != null ? deployment.database().backupRetentionDays() : null;
        clients.rds(region).promoteReadReplica(b -> {
            b.dbInstanceIdentifier(id);
            if (retention != null) {
                b.backupRetentionPeriod(retention);
            }
        });
        DBInstance db = waiter.until(
                context,
                "promotion of " + id,
                timing.promotion(),
                () -> describe(region, id),
                d -> "available".equals(d.dbInstanceStatus()) && d.readReplicaSourceDBInstanceIdentifier() == null,
                d -> d.dbInstanceStatus()
                        + (d.readReplicaSourceDBInstanceIdentifier() != null ? " (still a replica)" : ""));
        return id + " promoted; status " + db.dbInstanceStatus() + "; " + writeFenceAfterPromotion(region);
    }

    /**
     * The failover's fence: the promoted database names its region, and so does the old primary's if it still
     * answers, so instances there refuse writes when they come back. A database that cannot be reached does not
     * stop the failover; the detail says what was not written.
     */
    private String writeFenceAfterPromotion(String promoted) {
        List<String> done = new ArrayList<>();
        for (String region : List.of(promoted, other(promoted))) {
            try (Connection c = databases.open(region)) {
                if (!RegionFence.supported(c)) {
                    return "no region_fence table: the application has no fence to set";
                }
                if (!RegionFence.writable(c)) {
                    done.add(region + " is a replica (no fence needed)");
                    continue;
                }
                done.add("region_fence set to " + promoted + " on " + region + " (epoch " + RegionFence.set(c, promoted)
                        + ")");
            } catch (SQLException | RuntimeException e) {
                done.add("region_fence NOT written on " + region + " (" + e.getMessage() + ")"
                        + (region.equals(promoted) ? "" : ": keep its services scaled to zero until it is rebuilt"));
            }
        }
        return String.join("; ", done);
    }

    @Override
    public List<String> planPromote(String region) {
        return List.of(
                "rds:PromoteReadReplica " + PlatformParameters.prefix(deployment, region) + "/"
                        + PlatformParameters.DB_INSTANCE_ID,
                "rds:DescribeDBInstances until available and no longer a replica (deadline "
                        + timing.promotion().toMinutes() + " min)",
                "SQL (credentials from Secrets Manager): region_fence set to " + region + " on " + region
                        + " and, if it answers, on " + other(region));
    }

    int servingCount(String ecsServiceName) {
        for (ServiceSpec spec : deployment.services()) {
            if (ecsServiceName.equals(spec.name()) || ecsServiceName.endsWith("-" + spec.name())) {
                int desired = spec.desiredCount() != null ? spec.desiredCount() : 1;
                return Math.max(desired, spec.minCount() != null ? spec.minCount() : 1);
            }
        }
        return 1;
    }

    @Override
    public String scaleUp(String region, StepContext context) throws InterruptedException {
        RegionResources res = resources(region);
        String cluster = res.require(PlatformParameters.ECS_CLUSTER);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        Map<String, Integer> target = new LinkedHashMap<>();
        for (String svc : services) {
            int count = servingCount(svc);
            target.put(svc, count);
            clients.ecs(region)
                    .updateService(b -> b.cluster(cluster).service(svc).desiredCount(count));
        }
        waiter.until(
                context,
                "running tasks in " + region,
                timing.scaling(),
                () -> clients.ecs(region)
                        .describeServices(DescribeServicesRequest.builder()
                                .cluster(cluster)
                                .services(services)
                                .build())
                        .services(),
                list -> list.stream().allMatch(s -> s.runningCount() >= target.getOrDefault(s.serviceName(), 1)),
                list -> list.stream()
                        .map(s -> s.serviceName() + " " + s.runningCount() + "/" + s.desiredCount())
                        .toList()
                        .toString());
        return (deployment.dr().strategy() == DrStrategy.PILOT_LIGHT
                        ? "pilot light scaled up: "
                        : "warm standby at full size: ")
                + target;
    }

    @Override
    public List<String> planScaleUp(String region) {
        return List.of(
                "ecs:UpdateService desiredCount=<manifest desiredCount> for every service in " + region,
                "ecs:DescribeServices until runningCount reaches it (deadline "
                        + timing.scaling().toMinutes() + " min)");
    }

    /**
     * The ARC cluster's regional endpoints: {@code DR_ARC_ENDPOINTS} when set (keep a copy: the parameter lives in
     * us-west-2, which may be the region that is down), else the parameter the ARC stack writes.
     */
    List<ArcEndpoint> arcEndpoints() {
        String spec = arcEndpointsOverride != null
                ? arcEndpointsOverride
                : parameters.requireGlobal(PlatformParameters.arcClusterEndpoints(deployment), "ARC cluster endpoints");
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

    record ArcEndpoint(String region, URI url) {}

    /** Is the region's routing control On (its failover record answers)? Read from the cluster, like a switch. */
    boolean routingControlOn(String region) {
        String arn = parameters.requireGlobal(
                PlatformParameters.routingControlArn(deployment, region), "routing control of " + region);
        return onAnyArcEndpoint(null, arc -> arc.getRoutingControlState(b -> b.routingControlArn(arn)))
                        .answer()
                        .routingControlState()
                == RoutingControlState.ON;
    }

    /** What an ARC endpoint answered, and which one (after how many unreachable), for the report. */
    record ArcAnswer<T>(T answer, String through) {}

    /**
     * AWS's guidance for the ARC data plane: any cluster endpoint will do, try them in turn until one answers. A
     * refusal (a safety rule, a bad ARN) is an answer and is not retried elsewhere.
     *
     * @param context for progress lines, or null outside a step
     */
    private <T> ArcAnswer<T> onAnyArcEndpoint(
            StepContext context,
            java.util.function.Function<
                            software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient, T>
                    call) {
        List<String> failures = new ArrayList<>();
        for (ArcEndpoint endpoint : arcEndpoints()) {
            try {
                T answer = call.apply(clients.arc(endpoint.region(), endpoint.url()));
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

    private boolean routingControls() {
        return Boolean.TRUE.equals(deployment.dr().routingControl());
    }

    @Override
    public String switchRouting(String from, String to, StepContext context) throws InterruptedException {
        if (routingControls()) {
            String toArn = parameters.requireGlobal(
                    PlatformParameters.routingControlArn(deployment, to), "routing control of " + to);
            String fromArn = parameters.requireGlobal(
                    PlatformParameters.routingControlArn(deployment, from), "routing control of " + from);
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
        String fromCheck = requireHealthCheck(from);
        String toCheck = requireHealthCheck(to);
        // Failover records follow the health checks: wait until Route 53 sees the old region down and the new one up.
        waiter.until(
                context,
                "Route 53 health checks",
                timing.routing(),
                () -> {
                    boolean fromHealthy = healthy(fromCheck);
                    if (!fromHealthy) {
                        context.mark(Milestone.DETECTION);
                    }
                    return new boolean[] {fromHealthy, healthy(toCheck)};
                },
                h -> !h[0] && h[1],
                h -> from + (h[0] ? " Success" : " Failure") + ", " + to + (h[1] ? " Success" : " Failure"));
        context.mark(Milestone.ROUTING_SWITCH);
        return "Route 53: " + from + " health check Failure, " + to + " Success; failover records answer " + to
                + " (clients may cache the old answer up to the record TTL)";
    }

    private String requireHealthCheck(String region) {
        return parameters.requireGlobal(
                PlatformParameters.healthCheckId(deployment, region), "Route 53 health check of " + region);
    }

    @Override
    public List<String> planSwitchRouting(String from, String to) {
        if (routingControls()) {
            return List.of(
                    "ssm:GetParameter "
                            + PlatformParameters.arcClusterEndpoints(deployment).name() + " (or $DR_ARC_ENDPOINTS)",
                    "route53-recovery-cluster:UpdateRoutingControlStates " + to + " On + " + from
                            + " Off, trying each cluster endpoint in turn");
        }
        return List.of("route53:GetHealthCheckStatus for " + from + " and " + to + " until " + from + " Failure and "
                + to + " Success (deadline " + timing.routing().toMinutes() + " min)");
    }

    /** The stacks own the replica: after a switch, {@code dr.activeRegion} and a deploy create it. */
    @Override
    public boolean rebuildsReplicas() {
        return false;
    }

    @Override
    public String rebuildAsReplica(String region, String source, StepContext context) {
        throw new UnsupportedOperationException("not supported on AWS: set dr.activeRegion: " + source
                + " in the manifest and deploy; the stacks create the new cross-region replica in " + region);
    }

    @Override
    public List<String> planRebuildAsReplica(String region, String source) {
        return List.of("not supported on AWS: deploy with dr.activeRegion: " + source);
    }

    /** Multi-AZ reboot with failover in the active region, measured the same way as a region failover. */
    public List<DrillStep> dbFailoverSteps(DrillSession session) {
        return new MultiAzFailoverDrill(this).steps(session);
    }

    /** The monthly restore drill from the newest automated snapshot; see {@link BackupRestoreDrill}. */
    public List<DrillStep> restoreBackupSteps(DrillSession session) {
        return restoreBackupSteps(session, null);
    }

    /** @param pointInTime see {@link BackupRestoreDrill#steps} */
    public List<DrillStep> restoreBackupSteps(DrillSession session, Instant pointInTime) {
        return new BackupRestoreDrill(this).steps(session, pointInTime);
    }

    AwsClients clients() {
        return clients;
    }

    Waiter waiter() {
        return waiter;
    }

    Timing timing() {
        return timing;
    }

    RegionDatabases databases() {
        return databases;
    }

    Deployment deployment() {
        return deployment;
    }

    @Override
    public void close() {
        clients.close();
    }
}
