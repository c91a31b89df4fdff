package io.drplatform.cdk.observability;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.services.ApplicationServices;
import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.CacheSpec;
import io.drplatform.manifest.model.DatabaseSpec;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancerMetrics;
import software.constructs.Construct;

/**
 * The alarms of one region: load balancer error rate and latency, unhealthy targets, service CPU and memory,
 * database CPU, storage and connections, and Redis CPU, memory and evictions. Thresholds are the platform's
 * defaults, chosen to page before users notice rather than on every blip.
 */
public class ApplicationAlarms extends Construct {
    private static final Duration MINUTE = Duration.minutes(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    public ApplicationAlarms(
            Construct scope,
            String id,
            AlarmFactory alarms,
            ApplicationServices services,
            PostgresDatabase database,
            DatabaseSpec databaseSpec,
            RedisCache cache,
            CacheSpec cacheSpec) {
        super(scope, id);
        loadBalancer(alarms, services);
        services.getServices()
                .forEach((name, service) -> service(
                        alarms, name, service, services.getTargetGroups().get(name)));
        if (database != null) {
            database(alarms, database, databaseSpec);
        }
        if (cache != null) {
            cache(alarms, cache, cacheSpec);
        }
    }

    private static void loadBalancer(AlarmFactory alarms, ApplicationServices services) {
        IApplicationLoadBalancerMetrics metrics = services.getLoadBalancer().getMetrics();
        MetricOptions sum =
                MetricOptions.builder().statistic("Sum").period(MINUTE).build();
        MathExpression errorRate = MathExpression.Builder.create()
                .expression("IF(requests > 0, 100 * (elb + target) / requests, 0)")
                // Sorted: the metrics' order shows in the template, which must be the same on every synthesis.
                .usingMetrics(new java.util.TreeMap<>(Map.of(
                        "elb", metrics.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum),
                        "target", metrics.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum),
                        "requests", metrics.requestCount(sum))))
                .label("5xx responses (% of requests)")
                .period(MINUTE)
                .build();
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.ALB_5XX_RATE,
                        "More than 5% of requests through the load balancer failed with 5xx for 3 of the last 5 minutes.",
                        "check the service logs and the circuit-breaker state; if a deployment is rolling out, let the ECS circuit breaker roll it back or roll back by hand.",
                        errorRate,
                        5,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.NOT_BREACHING),
                null);

        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.TARGET_P99_LATENCY,
                        "The 99th percentile of target response time was above 2 seconds for 3 of the last 5 minutes.",
                        "look for a slow dependency (database CPU, connections, Redis) or saturated tasks; scale out if CPU-bound.",
                        metrics.targetResponseTime(MetricOptions.builder()
                                .statistic("p99")
                                .period(MINUTE)
                                .build()),
                        2,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.NOT_BREACHING),
                null);
    }

    private static void service(
            AlarmFactory alarms, String name, FargateService service, ApplicationTargetGroup targets) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.UNHEALTHY_HOSTS,
                        "Service " + name + " has had targets failing the load balancer health check for 3 minutes.",
                        "check the service's recent task stops and logs; ECS replaces failing tasks, repeated stops point at a bad deployment or configuration.",
                        targets.getMetrics()
                                .unhealthyHostCount(MetricOptions.builder()
                                        .statistic("Maximum")
                                        .period(MINUTE)
                                        .build()),
                        0,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.NOT_BREACHING),
                name);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.ECS_CPU,
                        "Service " + name + " has averaged above 85% CPU for 10 minutes.",
                        "confirm autoscaling is at its maximum; raise maxCount or the task size in the manifest if the load is real.",
                        service.metricCpuUtilization(
                                MetricOptions.builder().period(FIVE_MINUTES).build()),
                        85,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.MISSING),
                name);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.ECS_MEMORY,
                        "Service " + name + " has averaged above 85% memory for 10 minutes.",
                        "look for a leak (heap growth in the dashboard) before raising the task memory.",
                        service.metricMemoryUtilization(
                                MetricOptions.builder().period(FIVE_MINUTES).build()),
                        85,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.MISSING),
                name);
    }

    private static void database(AlarmFactory alarms, PostgresDatabase database, DatabaseSpec spec) {
        var instance = database.getInstance();
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.RDS_CPU,
                        "The database has averaged above 80% CPU for 15 minutes.",
                        "check Performance Insights for the top statements; scale the instance class if the load is legitimate.",
                        instance.metricCPUUtilization(
                                MetricOptions.builder().period(FIVE_MINUTES).build()),
                        80,
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
        double tenPercentBytes = spec.allocatedStorageGiB() * 0.1 * 1024 * 1024 * 1024;
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.RDS_FREE_STORAGE,
                        "The database has less than 10% of its allocated storage free.",
                        "storage autoscaling should be growing the volume; if it reached maxAllocatedStorageGiB, raise it in the manifest and deploy.",
                        instance.metricFreeStorageSpace(MetricOptions.builder()
                                .statistic("Minimum")
                                .period(FIVE_MINUTES)
                                .build()),
                        tenPercentBytes,
                        ComparisonOperator.LESS_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.RDS_CONNECTIONS,
                        "The database has used more than 80% of its connection limit for 10 minutes.",
                        "look for a connection leak or too many tasks for the pool size; the service pool is bounded per task.",
                        instance.metricDatabaseConnections(MetricOptions.builder()
                                .statistic("Maximum")
                                .period(FIVE_MINUTES)
                                .build()),
                        Math.floor(PostgresLimits.maxConnections(spec.instanceClass()) * 0.8),
                        ComparisonOperator.GREATER_THAN_THRESHOLD,
                        TreatMissingData.BREACHING),
                null);
    }

    private static void cache(AlarmFactory alarms, RedisCache cache, CacheSpec spec) {
        String group = cache.getReplicationGroup().getReplicationGroupId();
        for (int node = 1; node <= spec.replicas() + 1; node++) {
            String nodeId = String.format("%s-%03d", group, node);
            String subject = String.format("node%03d", node);
            alarms.alarm(
                    new AlarmFactory.AlarmSpec(
                            AlarmKind.REDIS_CPU,
                            "Redis node " + nodeId + " engine CPU has averaged above 80% for 15 minutes.",
                            "Redis is single-threaded: look for expensive commands (SLOWLOG) or scale the node type.",
                            elasticache("EngineCPUUtilization", nodeId, "Average"),
                            80,
                            ComparisonOperator.GREATER_THAN_THRESHOLD,
                            TreatMissingData.MISSING),
                    subject);
            alarms.alarm(
                    new AlarmFactory.AlarmSpec(
                            AlarmKind.REDIS_MEMORY,
                            "Redis node " + nodeId + " has used more than 80% of its memory for 15 minutes.",
                            "the cache evicts by LRU; if the hit rate suffers, scale the node type.",
                            elasticache("DatabaseMemoryUsagePercentage", nodeId, "Average"),
                            80,
                            ComparisonOperator.GREATER_THAN_THRESHOLD,
                            TreatMissingData.MISSING),
                    subject);
            alarms.alarm(
                    new AlarmFactory.AlarmSpec(
                            AlarmKind.REDIS_EVICTIONS,
                            "Redis node " + nodeId + " evicted more than 1000 keys in 5 minutes.",
                            "the working set no longer fits; the service falls back to PostgreSQL, so watch database CPU and scale the cache.",
                            elasticache("Evictions", nodeId, "Sum"),
                            1000,
                            ComparisonOperator.GREATER_THAN_THRESHOLD,
                            TreatMissingData.NOT_BREACHING),
                    subject);
        }
    }

    private static Metric elasticache(String name, String cacheClusterId, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/ElastiCache")
                .metricName(name)
                .dimensionsMap(Map.of("CacheClusterId", cacheClusterId))
                .statistic(statistic)
                .period(FIVE_MINUTES)
                .build();
    }
}
