package io.drplatform.cdk.observability;

import io.drplatform.manifest.model.AlarmKind;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.JsonPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * Time spent with a circuit breaker open, or with a read-only database, for a service that logs the resilience
 * snapshot line (manifest {@code resilienceSignals: true}; the reference service's {@code ResilienceSnapshot}
 * writes one JSON line a minute: {@code {"signal":"resilience.snapshot","breakerOpen":0,"readOnly":0,"fenced":0,...}}).
 * CloudWatch cannot read the service's Prometheus gauges, and transition lines alone cannot express a duration, so
 * metric filters on the service's log group turn each snapshot into one data point per metric.
 *
 * <p>Metrics are dimension-free in the namespace {@code DrPlatform/<app>-<environment>/<service>} (the region is
 * CloudWatch's own): {@code BreakerOpen}, {@code ReadOnly}, {@code Fenced}. The filters set no default value: a
 * minute without a snapshot (no task running) is missing data, not a reassuring zero.
 */
public class ResilienceSignals extends Construct {
    /** The value of the snapshot line's {@code signal} key. */
    public static final String SIGNAL = "resilience.snapshot";

    public static final String NAMESPACE_PREFIX = ServiceNamespace.PREFIX;
    private static final Duration MINUTE = Duration.minutes(1);

    /** Metric name and the snapshot key it reads. */
    public enum Signal {
        BREAKER_OPEN("BreakerOpen", "breakerOpen"),
        READ_ONLY("ReadOnly", "readOnly"),
        FENCED("Fenced", "fenced");

        private final String metricName;
        private final String key;

        Signal(String metricName, String key) {
            this.metricName = metricName;
            this.key = key;
        }

        public String metricName() {
            return metricName;
        }

        public String key() {
            return key;
        }
    }

    private final String namespace;
    private final String service;

    /**
     * @param prefix  {@code <app>-<environment>}
     * @param service the service whose log group this reads
     */
    public ResilienceSignals(Construct scope, String id, ILogGroup logs, String prefix, String service) {
        super(scope, id);
        this.namespace = namespace(prefix, service);
        this.service = service;
        for (Signal signal : Signal.values()) {
            MetricFilter.Builder.create(this, signal.metricName())
                    .logGroup(logs)
                    .filterPattern(pattern(signal))
                    .metricNamespace(namespace)
                    .metricName(signal.metricName())
                    .metricValue("$." + signal.key())
                    .build();
        }
    }

    public static String namespace(String prefix, String service) {
        return ServiceNamespace.of(prefix, service);
    }

    /**
     * Only snapshot lines, and only when the key is present and numeric: the service leaves readOnly and fenced out
     * until it has seen the database once, and such a line must not count as 0.
     */
    static JsonPattern pattern(Signal signal) {
        return FilterPattern.all(
                FilterPattern.stringValue("$.signal", "=", SIGNAL),
                FilterPattern.numberValue("$." + signal.key(), ">=", 0));
    }

    /** The per-minute maximum over the service's tasks: 1 when any task saw the state in that minute. */
    public Metric metric(Signal signal) {
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName(signal.metricName())
                .statistic("Maximum")
                .period(MINUTE)
                .build();
    }

    /** For graphs: labelled (a label on an alarm's metric would turn it into a metric-math alarm). */
    public List<IMetric> metrics() {
        return java.util.Arrays.stream(Signal.values())
                .map(s -> (IMetric) metric(s)
                        .with(MetricOptions.builder()
                                .label(service + " " + s.key())
                                .build()))
                .toList();
    }

    /**
     * {@code service-breaker-open} always; {@code service-read-only} only in the region that holds the writable
     * database: a standby region's replica is read-only by design, alarming there would be noise.
     *
     * <p>Missing data is NOT_BREACHING for both: a snapshot is missing when no task runs (a pilot-light standby, a
     * service scaled to zero) or the service is not logging, which the task and load balancer alarms
     * ({@code unhealthy-hosts}, {@code dr-standby-running-tasks}) already cover; treating it as breaching would page
     * for every standby at zero, and treating it as zero is what the unset default value avoids in the metric itself.
     */
    public void alarms(AlarmFactory alarms, boolean writableRegion) {
        alarms.alarm(
                new AlarmFactory.AlarmSpec(
                        AlarmKind.SERVICE_BREAKER_OPEN,
                        "Service " + service
                                + " has had a circuit breaker open (or half-open, not yet recovered) in every"
                                + " minute for 3 minutes: calls to a dependency fail fast with 503 instead of being served.",
                        "read the service's breaker transition log lines and the deep health body (which breaker, since when);"
                                + " the database breaker points at the database (rds-cpu, rds-connections, a failover), the redis"
                                + " breaker at the cache (reads still work from PostgreSQL).",
                        metric(Signal.BREAKER_OPEN),
                        1,
                        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                        TreatMissingData.NOT_BREACHING),
                service);
        if (writableRegion) {
            alarms.alarm(
                    new AlarmFactory.AlarmSpec(
                            AlarmKind.SERVICE_READ_ONLY,
                            "Service " + service
                                    + " has found its database read-only (a replica, pg_is_in_recovery) for 5 minutes"
                                    + " in the region that should hold the writable database: every write is refused with 503 read-only.",
                            "run dr status to see which region holds the writable database and where routing points; if a failover"
                                    + " happened, set dr.activeRegion and deploy; if not, the service points at a replica or the"
                                    + " instance was demoted.",
                            metric(Signal.READ_ONLY),
                            1,
                            ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                            TreatMissingData.NOT_BREACHING),
                    service);
        }
    }

    public String getNamespace() {
        return namespace;
    }

    /** The service whose log group this reads. */
    public String getService() {
        return service;
    }
}
