package io.drplatform.manifest.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of alarm the platform defines, named by its section (anchor) in {@code ops-runbooks/alarm-guide.md}.
 * The one list of anchors: the CDK app creates its alarms from these constants and {@code alarms.overrides} in a
 * manifest is keyed by {@link #anchor()}, so the two cannot drift. Each kind carries the unit its threshold is
 * written in and the platform's default evaluation periods and datapoints to alarm; the default thresholds stay
 * next to the metric in the CDK app, since most depend on the deployment (storage size, instance class, RPO).
 */
public enum AlarmKind {
    ALB_5XX_RATE(Unit.PERCENT, 5, 3),
    TARGET_P99_LATENCY(Unit.SECONDS, 5, 3),
    UNHEALTHY_HOSTS(Unit.COUNT, 3, 3),
    ECS_CPU(Unit.PERCENT, 2, 2),
    ECS_MEMORY(Unit.PERCENT, 2, 2),
    RDS_CPU(Unit.PERCENT, 3, 3),
    RDS_FREE_STORAGE(Unit.GIB, 2, 2),
    RDS_CONNECTIONS(Unit.COUNT, 2, 2),
    REDIS_CPU(Unit.PERCENT, 3, 3),
    REDIS_MEMORY(Unit.PERCENT, 3, 3),
    REDIS_EVICTIONS(Unit.COUNT, 1, 1),
    DR_REPLICA_LAG(Unit.SECONDS, 5, 5),
    DR_REPLICA_CPU(Unit.PERCENT, 3, 3),
    DR_REPLICA_STORAGE(Unit.GIB, 2, 2),
    DR_STANDBY_RUNNING_TASKS(Unit.COUNT, 5, 5),
    DR_S3_REPLICATION_FAILURES(Unit.COUNT, 1, 1),
    DR_ROUTE53_HEALTH_CHECK(Unit.STATE, 2, 2),
    SERVICE_BREAKER_OPEN(Unit.STATE, 3, 3),
    SERVICE_READ_ONLY(Unit.STATE, 5, 5);

    /** What a threshold override is written in, and the values that make sense for it. */
    public enum Unit {
        /** 0 to 100. */
        PERCENT("percent", 1),
        SECONDS("seconds", 1),
        /** Requests, connections, tasks, keys, objects. */
        COUNT("count", 1),
        /** Written in GiB in the manifest, compared in bytes by CloudWatch. */
        GIB("GiB", 1024.0 * 1024 * 1024),
        /** A 0/1 state (breaker open, health check status): the threshold is fixed, only the periods can be tuned. */
        STATE("state", 1);

        private final String label;
        private final double metricFactor;

        Unit(String label, double metricFactor) {
            this.label = label;
            this.metricFactor = metricFactor;
        }

        public String label() {
            return label;
        }

        /** The CloudWatch threshold for a value written in the manifest. */
        public double toMetric(double manifestValue) {
            return manifestValue * metricFactor;
        }
    }

    private final Unit unit;
    private final int evaluationPeriods;
    private final int datapointsToAlarm;

    AlarmKind(Unit unit, int evaluationPeriods, int datapointsToAlarm) {
        this.unit = unit;
        this.evaluationPeriods = evaluationPeriods;
        this.datapointsToAlarm = datapointsToAlarm;
    }

    /** The alarm guide section, {@code alb-5xx-rate}; also the key in {@code alarms.overrides}. */
    public String anchor() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Unit unit() {
        return unit;
    }

    /** The platform default. */
    public int evaluationPeriods() {
        return evaluationPeriods;
    }

    /** The platform default. */
    public int datapointsToAlarm() {
        return datapointsToAlarm;
    }

    /**
     * Who is told, and how urgently, unless the manifest re-routes the kind ({@code alarms.overrides.<anchor>.severity}).
     * The rule: users see errors or an outage, or a failover would lose data or fail, pages; degradation and a lost
     * safety margin make a ticket; capacity the platform absorbs by design is information. Each kind's reason is
     * also in its alarm guide section.
     */
    public AlarmSeverity defaultSeverity() {
        return switch (this) {
            // Requests fail: users see errors now.
            case ALB_5XX_RATE -> AlarmSeverity.PAGE;
            // Slow but working: degradation.
            case TARGET_P99_LATENCY -> AlarmSeverity.TICKET;
            // A crash loop or bad configuration; the other tasks still serve while ECS replaces the failing ones.
            case UNHEALTHY_HOSTS -> AlarmSeverity.TICKET;
            // Autoscaling absorbs load up to maxCount; sustained saturation is degradation.
            case ECS_CPU, ECS_MEMORY -> AlarmSeverity.TICKET;
            // A busy database slows every request: degradation until it refuses work.
            case RDS_CPU -> AlarmSeverity.TICKET;
            // Storage autoscaling failed to keep up or hit its maximum; a full database turns read-only in hours.
            case RDS_FREE_STORAGE -> AlarmSeverity.TICKET;
            // New connections are refused at the limit; tasks keep their pools until then.
            case RDS_CONNECTIONS -> AlarmSeverity.TICKET;
            // The service falls back to PostgreSQL when Redis is slow: degradation.
            case REDIS_CPU -> AlarmSeverity.TICKET;
            // LRU eviction is the cache working as designed: a capacity trend.
            case REDIS_MEMORY, REDIS_EVICTIONS -> AlarmSeverity.INFO;
            // A failover now would lose more writes than dr.rpoSeconds allows: data at risk.
            case DR_REPLICA_LAG -> AlarmSeverity.PAGE;
            // Replay may fall behind; dr-replica-lag pages if it does.
            case DR_REPLICA_CPU -> AlarmSeverity.TICKET;
            // A full replica stops replicating, which dr-replica-lag then pages for; act before that.
            case DR_REPLICA_STORAGE -> AlarmSeverity.TICKET;
            // A failover would start cold; nothing is wrong for users until one is needed.
            case DR_STANDBY_RUNNING_TASKS -> AlarmSeverity.TICKET;
            // Some objects are missing in the standby region; nothing is lost while the active region serves.
            case DR_S3_REPLICATION_FAILURES -> AlarmSeverity.TICKET;
            // The active region fails its deep health check: traffic is switching, or users see an outage.
            case DR_ROUTE53_HEALTH_CHECK -> AlarmSeverity.PAGE;
            // Calls to a dependency fail fast with 503: users see errors.
            case SERVICE_BREAKER_OPEN -> AlarmSeverity.PAGE;
            // Every write is refused with 503 where writes should work: a user-visible outage.
            case SERVICE_READ_ONLY -> AlarmSeverity.PAGE;
        };
    }

    public static Optional<AlarmKind> fromAnchor(String anchor) {
        return Arrays.stream(values()).filter(k -> k.anchor().equals(anchor)).findFirst();
    }

    public static List<String> anchors() {
        return Arrays.stream(values()).map(AlarmKind::anchor).toList();
    }

    @Override
    public String toString() {
        return anchor();
    }
}
