package io.drplatform.cdk.observability;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.services.ApplicationServices;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.constructs.Construct;

/**
 * One dashboard per application, environment and region: alarm status on top, then traffic, compute, data, the
 * resilience signals (breaker open, read-only, fenced) of services that log them, and one row per service that
 * publishes its metrics (calculations per minute, errors per route, breaker state, degraded modes).
 */
public class ApplicationDashboard extends Construct {
    private final Dashboard dashboard;

    public ApplicationDashboard(
            Construct scope,
            String id,
            String name,
            List<? extends IAlarm> alarms,
            ApplicationServices services,
            PostgresDatabase database,
            RedisCache cache,
            List<ResilienceSignals> resilience,
            List<ServiceMetrics> serviceMetrics) {
        super(scope, id);
        MetricOptions sum = MetricOptions.builder()
                .statistic("Sum")
                .period(Duration.minutes(1))
                .build();
        var lb = services.getLoadBalancer().getMetrics();

        List<IWidget> row = new ArrayList<>();
        row.add(graph(
                "Requests and 5xx",
                List.of(lb.requestCount(sum), lb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum))));
        row.add(graph(
                "Target response time p50 / p99",
                List.of(
                        lb.targetResponseTime(
                                MetricOptions.builder().statistic("p50").build()),
                        lb.targetResponseTime(
                                MetricOptions.builder().statistic("p99").build()))));
        List<IMetric> cpu = new ArrayList<>();
        List<IMetric> memory = new ArrayList<>();
        services.getServices().values().forEach(s -> {
            cpu.add(s.metricCpuUtilization());
            memory.add(s.metricMemoryUtilization());
        });
        row.add(graph("Service CPU %", cpu));
        row.add(graph("Service memory %", memory));

        List<IWidget> data = new ArrayList<>();
        if (database != null) {
            var db = database.getInstance();
            data.add(graph(
                    "Database CPU % / connections",
                    List.of(db.metricCPUUtilization(), db.metricDatabaseConnections())));
            data.add(graph("Database free storage", List.of(db.metricFreeStorageSpace())));
        }
        if (cache != null) {
            String node = cache.getReplicationGroup().getReplicationGroupId() + "-001";
            data.add(graph(
                    "Redis CPU / memory %",
                    List.of(
                            elasticache("EngineCPUUtilization", node),
                            elasticache("DatabaseMemoryUsagePercentage", node))));
        }

        List<IWidget> signals = new ArrayList<>();
        for (ResilienceSignals r : resilience) {
            signals.add(graph(
                    "Resilience " + r.getService() + ": breaker open / read-only / fenced (0/1)",
                    List.copyOf(r.metrics())));
        }

        List<List<? extends IWidget>> rows = new ArrayList<>();
        rows.add(List.of(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(List.copyOf(alarms))
                .width(24)
                .build()));
        rows.add(row);
        rows.add(data);
        if (!signals.isEmpty()) {
            rows.add(signals);
        }
        serviceMetrics.forEach(m -> rows.add(m.widgets()));
        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(name)
                .widgets(rows)
                .build();
    }

    /** A graph of the dashboard's standard size; other constructs of this package add their rows with it. */
    static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(metrics)
                .width(6)
                .height(6)
                .build();
    }

    private static Metric elasticache(String metric, String node) {
        return Metric.Builder.create()
                .namespace("AWS/ElastiCache")
                .metricName(metric)
                .dimensionsMap(java.util.Map.of("CacheClusterId", node))
                .build();
    }

    public Dashboard getDashboard() {
        return dashboard;
    }
}
