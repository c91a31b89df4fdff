package io.drplatform.dr.aws;

import io.drplatform.dr.drill.DrillSession;
import io.drplatform.dr.drill.DrillStep;
import io.drplatform.dr.drill.MeasuredSteps;
import io.drplatform.dr.drill.Milestone;
import io.drplatform.dr.drill.RegionFailoverDrill;
import io.drplatform.dr.drill.StepContext;
import io.drplatform.dr.measure.EntryPoint;
import io.drplatform.dr.provider.DrProvider;
import io.drplatform.dr.provider.RegionState;
import io.drplatform.dr.provider.ReplicaLag;
import io.drplatform.manifest.Deployment;
import io.drplatform.manifest.DrStrategy;
import io.drplatform.manifest.PlatformParameters;
import io.drplatform.manifest.ServiceSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;

/**
 * The DR operations against AWS: RDS (promote, reboot with failover, snapshots, restore), Route 53 health checks,
 * ARC routing controls when the manifest enables them, ECS scaling and CloudWatch alarms and metrics. Resource
 * identifiers come from the SSM parameters the CDK app writes in each region.
 *
 * <p>The drill's fault on AWS is compute, not the database: the active region's ECS services are scaled to zero
 * (remembered and restored on rollback), which fails the deep health check Route 53 watches, as a region outage
 * would. Failback (planned switchover) is not supported on AWS yet: proving the replica replayed everything needs
 * database access the tool does not have; the command says so.
 */
public final class AwsProvider implements DrProvider {
    /** Not (yet) in {@link PlatformParameters}: the ARC cluster's data-plane endpoints, {@code region=url,...}. */
    static final String ARC_CLUSTER_ENDPOINTS = "arc/cluster-endpoints";

    /** Polling and deadlines; tests shorten them. */
    public record Timing(Duration firstPoll, Duration maxPoll, Duration promotion, Duration scaling, Duration routing,
                         Duration reboot, Duration restore) {
        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(40), Duration.ofMinutes(15),
                    Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(90));
        }
    }

    private final Deployment deployment;
    private final AwsClients clients;
    private final EntryPoint entryPoint;
    private final Timing timing;
    private final Waiter waiter;
    private final Map<String, RegionResources> resources = new ConcurrentHashMap<>();
    /** Desired counts before this run scaled a region down, so rollback restores exactly them. */
    private final Map<String, Map<String, Integer>> scaledDown = new ConcurrentHashMap<>();

    public AwsProvider(Deployment deployment, AwsClients clients, EntryPoint entryPoint, Timing timing) {
        if (!deployment.hasStandby()) {
            throw new IllegalArgumentException(deployment.qualifiedName() + " has no standby region (regions.standby and dr.strategy)");
        }
        this.deployment = deployment;
        this.clients = clients;
        this.entryPoint = entryPoint;
        this.timing = timing;
        this.waiter = new Waiter(timing.firstPoll(), timing.maxPoll());
    }

    public static AwsProvider create(Deployment d, String endpointOverride, String entryPointUrl, String token) {
        AwsClients clients = new AwsClients(endpointOverride == null ? null : URI.create(endpointOverride));
        String url = entryPointUrl != null ? entryPointUrl : "https://" + d.dns().domainName();
        EntryPoint ep = token == null || token.isBlank() ? null : new EntryPoint(URI.create(url), token, EntryPoint.CALCULATION_INPUT);
        return new AwsProvider(d, clients, ep, Timing.defaults());
    }

    /** AWS figures for each step: health checks 3 x 10 s, record TTL 60 s, replica promotion several minutes. */
    public RegionFailoverDrill.Budgets budgets() {
        return new RegionFailoverDrill.Budgets(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(90));
    }

    @Override
    public String name() {
        return "aws";
    }

    RegionResources resources(String region) {
        return resources.computeIfAbsent(region, r -> RegionResources.read(clients.ssm(r), deployment, r));
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
        return clients.rds(region).describeDBInstances(b -> b.dbInstanceIdentifier(instanceId)).dbInstances().get(0);
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
            String checkId = res.optional(PlatformParameters.HEALTH_CHECK_ID);
            boolean healthy = false;
            if (checkId != null) {
                healthy = healthy(checkId);
                health = healthy ? "healthy" : "unhealthy";
            }
            out.add(new RegionState(region, role, dbState, lag, health, healthy && region.equals(activeRegion()) || (healthy && !anyHealthy(activeRegion())),
                    alarms, tasks(region)));
        }
        return out;
    }

    private boolean anyHealthy(String region) {
        String id = resources(region).optional(PlatformParameters.HEALTH_CHECK_ID);
        return id != null && healthy(id);
    }

    private String tasks(String region) {
        RegionResources res = resources(region);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        if (services.isEmpty()) {
            return "no services";
        }
        List<Service> described = clients.ecs(region).describeServices(DescribeServicesRequest.builder()
                .cluster(res.require(PlatformParameters.ECS_CLUSTER)).services(services).build()).services();
        StringBuilder s = new StringBuilder();
        for (Service svc : described) {
            s.append(s.length() == 0 ? "" : ", ").append(svc.serviceName()).append(' ').append(svc.runningCount()).append('/').append(svc.desiredCount());
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
        long ok = obs.stream().filter(o -> o.statusReport() != null && o.statusReport().status() != null
                && o.statusReport().status().startsWith("Success")).count();
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
            for (MetricAlarm alarm : clients.cloudWatch(region).describeAlarms(DescribeAlarmsRequest.builder()
                    .alarmNames(names).stateValue(StateValue.ALARM).build()).metricAlarms()) {
                firing.add(region + "/" + alarm.alarmName());
            }
        }
        return firing;
    }

    Double latestMetric(String region, String metric, String instanceId) {
        Instant now = Instant.now();
        GetMetricDataResponse r = clients.cloudWatch(region).getMetricData(GetMetricDataRequest.builder()
                .startTime(now.minus(Duration.ofMinutes(10))).endTime(now)
                .metricDataQueries(MetricDataQuery.builder().id("m").returnData(true).metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace("AWS/RDS").metricName(metric)
                                .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(instanceId).build()).build())
                        .period(60).stat("Maximum").build()).build())
                .build());
        // Results come newest first (TimestampDescending is the default order).
        return r.metricDataResults().isEmpty() || r.metricDataResults().get(0).values().isEmpty() ? null
                : r.metricDataResults().get(0).values().get(0);
    }

    @Override
    public ReplicaLag replicaLag(String standbyRegion) {
        Double seconds = latestMetric(standbyRegion, "ReplicaLag", resources(standbyRegion).dbInstanceId());
        String active = standbyRegion.equals(activeRegion()) ? standbyRegion() : activeRegion();
        Double bytes = latestMetric(active, "OldestReplicationSlotLag", resources(active).dbInstanceId());
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
    public String injectRegionFault(String region, StepContext context) throws Exception {
        return fence(region, context);
    }

    @Override
    public List<String> planRegionFault(String region) {
        return planFence(region, true);
    }

    @Override
    public String recoverRegionFault(String region, StepContext context) throws Exception {
        return unfence(region, context);
    }

    /** Stops the region's compute: every ECS service to zero tasks, remembering the desired counts. */
    @Override
    public String fence(String region, StepContext context) {
        RegionResources res = resources(region);
        String cluster = res.require(PlatformParameters.ECS_CLUSTER);
        List<String> services = res.list(PlatformParameters.ECS_SERVICES);
        Map<String, Integer> before = new LinkedHashMap<>();
        for (Service svc : clients.ecs(region).describeServices(DescribeServicesRequest.builder().cluster(cluster).services(services).build()).services()) {
            before.put(svc.serviceName(), svc.desiredCount());
        }
        scaledDown.put(region, before);
        for (String svc : services) {
            clients.ecs(region).updateService(b -> b.cluster(cluster).service(svc).desiredCount(0));
        }
        return "scaled " + services + " in " + region + " to 0 (were " + before + ")";
    }

    @Override
    public String unfence(String region, StepContext context) {
        Map<String, Integer> before = scaledDown.remove(region);
        if (before == null) {
            return "nothing fenced in " + region + " by this run";
        }
        String cluster = resources(region).require(PlatformParameters.ECS_CLUSTER);
        before.forEach((svc, count) -> clients.ecs(region).updateService(b -> b.cluster(cluster).service(svc).desiredCount(count)));
        return "restored desired counts in " + region + ": " + before;
    }

    @Override
    public List<String> planFence(String region, boolean fence) {
        String prefix = PlatformParameters.prefix(deployment, region);
        return fence
                ? List.of("ssm:GetParametersByPath " + prefix, "ecs:DescribeServices (remember desired counts)",
                "ecs:UpdateService desiredCount=0 for every service in " + prefix + "/" + PlatformParameters.ECS_SERVICES)
                : List.of("ecs:UpdateService desiredCount=<remembered> in " + region);
    }

    @Override
    public String awaitCaughtUp(String from, String to, StepContext context) {
        throw new UnsupportedOperationException("not supported on AWS yet: proving that " + to + " replayed everything needs the"
                + " databases' WAL positions (pg_current_wal_lsn / pg_last_wal_replay_lsn), which this tool cannot read");
    }

    @Override
    public List<String> planAwaitCaughtUp(String from, String to) {
        return List.of("not supported on AWS yet");
    }

    @Override
    public String promote(String region, StepContext context) throws InterruptedException {
        String id = resources(region).dbInstanceId();
        Integer retention = deployment.database() != null ? deployment.database().backupRetentionDays() : null;
        clients.rds(region).promoteReadReplica(b -> {
            b.dbInstanceIdentifier(id);
            if (retention != null) {
                b.backupRetentionPeriod(retention);
            }
        });
        DBInstance db = waiter.until(context, "promotion of " + id, timing.promotion(), () -> describe(region, id),
                d -> "available".equals(d.dbInstanceStatus()) && d.readReplicaSourceDBInstanceIdentifier() == null,
                d -> d.dbInstanceStatus() + (d.readReplicaSourceDBInstanceIdentifier() != null ? " (still a replica)" : ""));
        return id + " promoted; status " + db.dbInstanceStatus();
    }

    @Override
    public List<String> planPromote(String region) {
        return List.of("rds:PromoteReadReplica " + PlatformParameters.prefix(deployment, region) + "/" + PlatformParameters.DB_INSTANCE_ID,
                "rds:DescribeDBInstances until available and no longer a replica (deadline " + timing.promotion().toMinutes() + " min)");
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
            clients.ecs(region).updateService(b -> b.cluster(cluster).service(svc).desiredCount(count));
        }
        waiter.until(context, "running tasks in " + region, timing.scaling(),
                () -> clients.ecs(region).describeServices(DescribeServicesRequest.builder().cluster(cluster).services(services).build()).services(),
                list -> list.stream().allMatch(s -> s.runningCount() >= target.getOrDefault(s.serviceName(), 1)),
                list -> list.stream().map(s -> s.serviceName() + " " + s.runningCount() + "/" + s.desiredCount()).toList().toString());
        return (deployment.dr().strategy() == DrStrategy.PILOT_LIGHT ? "pilot light scaled up: " : "warm standby at full size: ") + target;
    }

    @Override
    public List<String> planScaleUp(String region) {
        return List.of("ecs:UpdateService desiredCount=<manifest desiredCount> for every service in " + region,
                "ecs:DescribeServices until runningCount reaches it (deadline " + timing.scaling().toMinutes() + " min)");
    }

    private URI arcEndpoint(String region) {
        for (String entry : resources(region).list(ARC_CLUSTER_ENDPOINTS)) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                return URI.create(entry.substring(eq + 1));
            }
        }
        return null;
    }

    private boolean routingControls() {
        return Boolean.TRUE.equals(deployment.dr().routingControl());
    }

    @Override
    public String switchRouting(String from, String to, StepContext context) throws InterruptedException {
        if (routingControls()) {
            String toArn = resources(to).require(PlatformParameters.ROUTING_CONTROL_ARN);
            String fromArn = resources(from).require(PlatformParameters.ROUTING_CONTROL_ARN);
            URI endpoint = arcEndpoint(to);
            if (endpoint == null && !clients.hasEndpointOverride()) {
                throw new IllegalStateException("SSM parameter " + ARC_CLUSTER_ENDPOINTS + " missing in " + to + ": no ARC cluster endpoint to call");
            }
            var arc = clients.arc(to, endpoint == null ? URI.create("https://invalid.local") : endpoint);
            // On first, then off: the safety rule keeps at least one region on.
            arc.updateRoutingControlState(b -> b.routingControlArn(toArn).routingControlState(RoutingControlState.ON));
            arc.updateRoutingControlState(b -> b.routingControlArn(fromArn).routingControlState(RoutingControlState.OFF));
            context.mark(Milestone.ROUTING_SWITCH);
            return "ARC routing controls: " + to + " On, " + from + " Off";
        }
        String fromCheck = resources(from).require(PlatformParameters.HEALTH_CHECK_ID);
        String toCheck = resources(to).require(PlatformParameters.HEALTH_CHECK_ID);
        // Failover records follow the health checks: wait until Route 53 sees the old region down and the new one up.
        waiter.until(context, "Route 53 health checks", timing.routing(), () -> {
            boolean fromHealthy = healthy(fromCheck);
            if (!fromHealthy) {
                context.mark(Milestone.DETECTION);
            }
            return new boolean[]{fromHealthy, healthy(toCheck)};
        }, h -> !h[0] && h[1], h -> from + (h[0] ? " Success" : " Failure") + ", " + to + (h[1] ? " Success" : " Failure"));
        context.mark(Milestone.ROUTING_SWITCH);
        return "Route 53: " + from + " health check Failure, " + to + " Success; failover records answer " + to
                + " (clients may cache the old answer up to the record TTL)";
    }

    @Override
    public List<String> planSwitchRouting(String from, String to) {
        if (routingControls()) {
            return List.of("route53-recovery-cluster:UpdateRoutingControlState " + to + " On",
                    "route53-recovery-cluster:UpdateRoutingControlState " + from + " Off");
        }
        return List.of("route53:GetHealthCheckStatus for " + from + " and " + to + " until " + from + " Failure and " + to
                + " Success (deadline " + timing.routing().toMinutes() + " min)");
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
        String region = activeRegion();
        List<DrillStep> steps = new ArrayList<>();
        steps.add(DrillStep.of("preflight", List.of("cloudwatch:DescribeAlarms (stop conditions)", "rds:DescribeDBInstances"), ctx -> {
            List<String> firing = firingAlarms();
            if (!firing.isEmpty()) {
                throw new io.drplatform.dr.drill.DrillAbortedException("alarms already firing: " + firing);
            }
            DBInstance db = describe(region, resources(region).dbInstanceId());
            if (!Boolean.TRUE.equals(db.multiAZ())) {
                throw new IllegalStateException(db.dbInstanceIdentifier() + " is not Multi-AZ: a reboot with failover has no standby to fail over to");
            }
            if (!"available".equals(db.dbInstanceStatus())) {
                throw new IllegalStateException(db.dbInstanceIdentifier() + " is " + db.dbInstanceStatus() + ", not available");
            }
            return db.dbInstanceIdentifier() + " available, Multi-AZ";
        }));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.startHeartbeat(session, entryPoint));
        } else {
            session.note("no entry point token: RTO and RPO cannot be measured (pass --token or set DR_TOKEN)");
        }
        steps.add(new DrillStep("reboot with failover", List.of("rds:RebootDBInstance ForceFailover=true"), Duration.ofSeconds(120), ctx -> {
            String id = resources(region).dbInstanceId();
            MeasuredSteps.markFault(session, ctx);
            clients.rds(region).rebootDBInstance(b -> b.dbInstanceIdentifier(id).forceFailover(true));
            waiter.until(ctx, "reboot of " + id, timing.reboot(), () -> describe(region, id),
                    d -> "available".equals(d.dbInstanceStatus()), DBInstance::dbInstanceStatus);
            ctx.mark(Milestone.PROMOTION);
            return id + " failed over to its standby and is available";
        }, null));
        if (entryPoint != null) {
            steps.add(MeasuredSteps.verifyWrites(session));
            steps.add(MeasuredSteps.measureDataLoss(session, entryPoint, false));
        }
        return steps;
    }

    /**
     * The monthly restore drill (seed 002): restore the newest automated snapshot to a temporary instance, verify
     * it, delete it. The achieved RPO of the backup is its age: everything written after it would be lost.
     * Verification queries need credentials (DR_DB_USER, DR_DB_PASSWORD) and network access to the instance.
     */
    public List<DrillStep> restoreBackupSteps(DrillSession session) {
        String region = activeRegion();
        String tempId = resourcesIdForDrill(session);
        DBSnapshot[] latest = new DBSnapshot[1];
        DBInstance[] restored = new DBInstance[1];
        List<DrillStep> steps = new ArrayList<>();
        steps.add(DrillStep.of("find the newest automated snapshot", List.of("rds:DescribeDBSnapshots SnapshotType=automated"), ctx -> {
            String id = resources(region).dbInstanceId();
            latest[0] = clients.rds(region).describeDBSnapshotsPaginator(b -> b.dbInstanceIdentifier(id).snapshotType("automated"))
                    .dbSnapshots().stream().filter(s -> "available".equals(s.status()) && s.snapshotCreateTime() != null)
                    .max(java.util.Comparator.comparing(DBSnapshot::snapshotCreateTime))
                    .orElseThrow(() -> new IllegalStateException("no available automated snapshot of " + id));
            Duration age = Duration.between(latest[0].snapshotCreateTime(), Instant.now());
            session.recordBackupWindow(age);
            return latest[0].dbSnapshotIdentifier() + " taken " + latest[0].snapshotCreateTime() + " (" + age.toMinutes() + " min old)";
        }));
        steps.add(new DrillStep("restore to temporary instance " + tempId,
                List.of("rds:RestoreDBInstanceFromDBSnapshot " + tempId, "rds:DescribeDBInstances until available"), Duration.ofMinutes(30), ctx -> {
            MeasuredSteps.markFault(session, ctx);
            String sourceId = resources(region).dbInstanceId();
            String instanceClass = describe(region, sourceId).dbInstanceClass();
            clients.rds(region).restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier(tempId)
                    .dbSnapshotIdentifier(latest[0].dbSnapshotIdentifier()).dbInstanceClass(instanceClass)
                    .multiAZ(false).publiclyAccessible(false).deletionProtection(false)
                    .tags(software.amazon.awssdk.services.rds.model.Tag.builder().key("dr-drill").value(session.drillId()).build()));
            restored[0] = waiter.until(ctx, "restore of " + tempId, timing.restore(), () -> describe(region, tempId),
                    d -> "available".equals(d.dbInstanceStatus()), DBInstance::dbInstanceStatus);
            ctx.mark(Milestone.PROMOTION);
            return tempId + " available at " + (restored[0].endpoint() == null ? "?" : restored[0].endpoint().address());
        }, ctx -> deleteTemporary(region, tempId, ctx)));
        steps.add(DrillStep.of("run verification queries", List.of("JDBC: SELECT count(*), max(created_at) FROM calculations"), ctx -> {
            String user = System.getenv("DR_DB_USER");
            String password = System.getenv("DR_DB_PASSWORD");
            if (user == null || password == null || restored[0].endpoint() == null) {
                throw new IllegalStateException("verification queries need DR_DB_USER and DR_DB_PASSWORD and network access to the"
                        + " restored instance; a restore that is not verified proves nothing");
            }
            String db = deployment.database() == null ? "postgres" : deployment.database().databaseName();
            String url = "jdbc:postgresql://" + restored[0].endpoint().address() + ":" + restored[0].endpoint().port() + "/" + db + "?sslmode=require&connectTimeout=10";
            try (var c = java.sql.DriverManager.getConnection(url, user, password);
                 var rs = c.createStatement().executeQuery("SELECT count(*), max(created_at) FROM calculations")) {
                rs.next();
                ctx.mark(Milestone.FIRST_ACCEPTED_WRITE);
                return rs.getLong(1) + " calculations, newest written " + rs.getTimestamp(2);
            }
        }));
        steps.add(DrillStep.of("delete temporary instance " + tempId, List.of("rds:DeleteDBInstance SkipFinalSnapshot=true", "rds:DescribeDBInstances until gone"),
                ctx -> deleteTemporary(region, tempId, ctx)));
        session.note("RPO of a backup restore = age of the newest snapshot; RTO here = restore start to the first verification query");
        return steps;
    }

    private static String resourcesIdForDrill(DrillSession session) {
        String id = "dr-restore-" + session.drillId().toLowerCase().replaceAll("[^a-z0-9-]", "-");
        return id.length() > 63 ? id.substring(0, 63).replaceAll("-+$", "") : id;
    }

    private String deleteTemporary(String region, String tempId, StepContext ctx) throws InterruptedException {
        try {
            clients.rds(region).deleteDBInstance(b -> b.dbInstanceIdentifier(tempId).skipFinalSnapshot(true).deleteAutomatedBackups(true));
        } catch (DbInstanceNotFoundException e) {
            return tempId + " already gone";
        }
        waiter.until(ctx, "deletion of " + tempId, timing.restore(), () -> {
            try {
                return describe(region, tempId).dbInstanceStatus();
            } catch (DbInstanceNotFoundException e) {
                return "deleted";
            }
        }, "deleted"::equals, s -> s);
        return tempId + " deleted";
    }

    @Override
    public void close() {
        clients.close();
    }
}
