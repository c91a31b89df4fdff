package io.drplatform.manifest.model;

import java.util.List;
import java.util.Map;

/**
 * One containerised service behind the application's shared load balancer.
 *
 * @param healthCheckPath     the load balancer's shallow target check (process is up and can serve)
 * @param deepHealthCheckPath the Route 53 check that also proves the database is writable
 * @param routes              path patterns routed to this service; the service without routes takes the default
 * @param secrets             environment variable name to Secrets Manager reference
 * @param connectsTo          platform resources whose connection settings are injected: {@code database}, {@code cache},
 *                            {@code auth}
 * @param resilienceSignals   the service logs the resilience snapshot line ({@code signal=resilience.snapshot} with
 *                            {@code breakerOpen}, {@code readOnly}, {@code fenced} as 0/1, as the reference service
 *                            does); the platform then adds metric filters on its log group and the
 *                            {@code service-breaker-open} and {@code service-read-only} alarms
 * @param metrics             {@code cloudwatch}: the service publishes its metrics to CloudWatch under the namespace
 *                            the platform gives it ({@code PLATFORM_METRICS_NAMESPACE}); the platform then grants
 *                            PutMetricData in that namespace, adds the service's graphs to the dashboard and the
 *                            {@code CalculationsPerMinute} and {@code Errors} metric filters on its log group
 * @param migrations          the schema migration run before a new version takes traffic (needs {@code database})
 * @param healthCheck         the check ECS runs inside each container; none when absent
 * @param readOnlyRootFilesystem the containers (the service's and its migration's) cannot write to their image's file
 *                            system; only the {@code scratchVolumes} are writable
 * @param user                who the containers run as, {@code uid[:gid]} or a name known to the image
 *                            ({@code name[:group]}); absent, the image's own {@code USER}. Never root
 * @param scratchVolumes      absolute paths in the container that stay writable: each an empty task volume, removed
 *                            with the task
 * @param connectionNaming    the names the connection settings are given under: {@code spring} (the default) or
 *                            {@code neutral}
 * @param connectionVariables with {@code neutral} naming: a platform variable's name to the name the service reads
 *                            it under (e.g. {@code DATABASE_USER: PGUSER}); unlisted ones keep the platform's name
 */
public record ServiceSpec(
        String name,
        ContainerImage image,
        Integer containerPort,
        String healthCheckPath,
        String deepHealthCheckPath,
        Integer cpu,
        Integer memory,
        Integer desiredCount,
        Integer minCount,
        Integer maxCount,
        Autoscaling autoscaling,
        List<String> routes,
        Map<String, String> environment,
        Map<String, SecretReference> secrets,
        List<String> connectsTo,
        Boolean resilienceSignals,
        MetricsPublishing metrics,
        MigrationSpec migrations,
        ContainerHealthCheck healthCheck,
        Boolean readOnlyRootFilesystem,
        String user,
        List<String> scratchVolumes,
        ConnectionNaming connectionNaming,
        Map<String, String> connectionVariables) {

    /** Platform resources a service can list in {@code connectsTo}. */
    public static final String DATABASE = "database";

    public static final String CACHE = "cache";
    public static final String AUTH = "auth";
    public static final List<String> CONNECTABLE = List.of(DATABASE, CACHE, AUTH);

    public boolean connectsTo(String resource) {
        return connectsTo != null && connectsTo.contains(resource);
    }

    public boolean neutralNaming() {
        return connectionNaming == ConnectionNaming.NEUTRAL;
    }

    /** The name the service's containers get a platform variable under: renamed by {@code connectionVariables}. */
    public String variable(String platformName) {
        return neutralNaming() && connectionVariables != null
                ? connectionVariables.getOrDefault(platformName, platformName)
                : platformName;
    }

    public boolean migrates() {
        return migrations != null;
    }

    public boolean emitsResilienceSignals() {
        return Boolean.TRUE.equals(resilienceSignals);
    }

    public boolean hasReadOnlyRootFilesystem() {
        return Boolean.TRUE.equals(readOnlyRootFilesystem);
    }

    /** The writable paths, none when the manifest names none. */
    public List<String> scratchPaths() {
        return scratchVolumes == null ? List.of() : scratchVolumes;
    }

    public boolean publishesMetricsToCloudWatch() {
        return metrics == MetricsPublishing.CLOUDWATCH;
    }
}
