package io.drplatform.manifest.contract;

import java.util.Set;

/**
 * The environment variables the platform gives a service's containers: the one list, read by the CDK app when it
 * renders task definitions and by validation, which refuses a manifest that sets one of them itself.
 *
 * <p>Every container learns where it runs ({@link #AWS_REGION}, {@link #PLATFORM_ENVIRONMENT},
 * {@link #PLATFORM_REGION_ROLE}); services pick their per-environment settings from {@code PLATFORM_ENVIRONMENT}.
 * Connection settings follow Spring Boot's property names, so a Spring service needs no configuration of its own; a
 * service with {@code connectionNaming: neutral} gets them under {@link NeutralVariables}' names instead.
 */
public final class ContainerVariables {
    public static final String AWS_REGION = "AWS_REGION";
    /** {@code development}, {@code staging} or {@code production}. */
    public static final String PLATFORM_ENVIRONMENT = "PLATFORM_ENVIRONMENT";
    /** {@code primary} (holds the writable database) or {@code standby}. */
    public static final String PLATFORM_REGION_ROLE = "PLATFORM_REGION_ROLE";

    public static final String R2DBC_URL = "SPRING_R2DBC_URL";
    /** From the application user's secret: a least-privileged user whose password rotates (alternating users). */
    public static final String R2DBC_USERNAME = "SPRING_R2DBC_USERNAME";

    public static final String R2DBC_PASSWORD = "SPRING_R2DBC_PASSWORD";
    /** ARN of the application user's secret in the task's region: re-read when PostgreSQL refuses the password. */
    public static final String DATABASE_CREDENTIALS_SECRET_ARN = "DATABASE_CREDENTIALS_SECRET_ARN";

    /** Migration task only: the database owner's (master) credentials for Flyway. */
    public static final String FLYWAY_URL = "SPRING_FLYWAY_URL";

    public static final String FLYWAY_USER = "SPRING_FLYWAY_USER";
    public static final String FLYWAY_PASSWORD = "SPRING_FLYWAY_PASSWORD";
    /** Migration task only: the application user the migration provisions (created once; rotation owns it after). */
    public static final String DATABASE_APPLICATION_USERNAME = "DATABASE_APPLICATION_USERNAME";

    public static final String DATABASE_APPLICATION_PASSWORD = "DATABASE_APPLICATION_PASSWORD";

    public static final String REDIS_HOST = "SPRING_DATA_REDIS_HOST";
    public static final String REDIS_PORT = "SPRING_DATA_REDIS_PORT";
    public static final String REDIS_SSL_ENABLED = "SPRING_DATA_REDIS_SSL_ENABLED";
    public static final String REDIS_PASSWORD = "SPRING_DATA_REDIS_PASSWORD";

    /**
     * Services with {@code metrics: cloudwatch} only: the CloudWatch namespace their task role may publish to,
     * {@code DrPlatform/<app>-<environment>/<service>}.
     */
    public static final String METRICS_NAMESPACE = "PLATFORM_METRICS_NAMESPACE";

    public static final String JWT_ISSUER_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    public static final String JWT_JWK_SET_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI";

    /**
     * Traced services only (see {@code observability.tracing}): where the collector beside the container receives
     * OTLP traces over HTTP, on the task's loopback.
     */
    public static final String OTLP_TRACES_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
    /** Traced services only: the manifest's {@code samplingRate}, the probability that a request is recorded. */
    public static final String TRACING_SAMPLING_PROBABILITY = "MANAGEMENT_TRACING_SAMPLING_PROBABILITY";

    /**
     * Every name above: a manifest may not set one of them on a service that connects to something or publishes
     * metrics to CloudWatch.
     */
    public static final Set<String> ALL = Set.of(
            AWS_REGION,
            PLATFORM_ENVIRONMENT,
            PLATFORM_REGION_ROLE,
            R2DBC_URL,
            R2DBC_USERNAME,
            R2DBC_PASSWORD,
            DATABASE_CREDENTIALS_SECRET_ARN,
            FLYWAY_URL,
            FLYWAY_USER,
            FLYWAY_PASSWORD,
            DATABASE_APPLICATION_USERNAME,
            DATABASE_APPLICATION_PASSWORD,
            REDIS_HOST,
            REDIS_PORT,
            REDIS_SSL_ENABLED,
            REDIS_PASSWORD,
            JWT_ISSUER_URI,
            JWT_JWK_SET_URI,
            OTLP_TRACES_ENDPOINT,
            TRACING_SAMPLING_PROBABILITY,
            METRICS_NAMESPACE);

    private ContainerVariables() {}
}
