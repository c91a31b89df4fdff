package io.drplatform.manifest.contract;

import io.drplatform.manifest.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The connection settings of a service with {@code connectionNaming: neutral}, by the names the platform gives them
 * before a service's {@code connectionVariables} rename them. Credentials are ECS secrets, never plain values: the
 * URLs carry no user or password (libpq and node-postgres take them from {@code PGUSER}/{@code PGPASSWORD}, which
 * {@code connectionVariables} can name), and {@code REDIS_URL} no AUTH token.
 */
public final class NeutralVariables {
    public static final String DATABASE_HOST = "DATABASE_HOST";
    public static final String DATABASE_PORT = "DATABASE_PORT";
    public static final String DATABASE_NAME = "DATABASE_NAME";
    /** Secret: the application user's name (it alternates with rotation). */
    public static final String DATABASE_USER = "DATABASE_USER";
    /** Secret: the application user's password. */
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
    /** libpq's {@code sslmode}: {@code require} (RDS requires TLS; its CA is not in public trust stores). */
    public static final String DATABASE_SSLMODE = "DATABASE_SSLMODE";
    /** {@code postgresql://host:port/name?sslmode=require}, without credentials. */
    public static final String DATABASE_URL = "DATABASE_URL";

    public static final String REDIS_HOST = "REDIS_HOST";
    public static final String REDIS_PORT = "REDIS_PORT";
    /** {@code true}: the replication group accepts TLS only. */
    public static final String REDIS_TLS = "REDIS_TLS";
    /** Secret: the replication group's AUTH token. */
    public static final String REDIS_AUTH_TOKEN = "REDIS_AUTH_TOKEN";
    /** {@code rediss://host:port}, without the AUTH token. */
    public static final String REDIS_URL = "REDIS_URL";

    public static final String AUTH_ISSUER_URI = "AUTH_ISSUER_URI";
    public static final String AUTH_JWKS_URI = "AUTH_JWKS_URI";

    public static final List<String> DATABASE = List.of(
            DATABASE_HOST,
            DATABASE_PORT,
            DATABASE_NAME,
            DATABASE_USER,
            DATABASE_PASSWORD,
            DATABASE_SSLMODE,
            DATABASE_URL);
    public static final List<String> CACHE = List.of(REDIS_HOST, REDIS_PORT, REDIS_TLS, REDIS_AUTH_TOKEN, REDIS_URL);
    public static final List<String> AUTH = List.of(AUTH_ISSUER_URI, AUTH_JWKS_URI);

    /** By the {@code connectsTo} entry that brings them. */
    public static final Map<String, List<String>> BY_RESOURCE =
            Map.of(ServiceSpec.DATABASE, DATABASE, ServiceSpec.CACHE, CACHE, ServiceSpec.AUTH, AUTH);

    public static final List<String> ALL =
            Stream.of(DATABASE, CACHE, AUTH).flatMap(List::stream).toList();

    /** Set under their names whatever the naming: placement, and the secret a service re-reads on rotation. */
    public static final List<String> FIXED = List.of(
            ContainerVariables.AWS_REGION,
            ContainerVariables.PLATFORM_ENVIRONMENT,
            ContainerVariables.PLATFORM_REGION_ROLE,
            ContainerVariables.DATABASE_CREDENTIALS_SECRET_ARN);

    /** The resource whose settings a name holds, or null for a name that is not one of them. */
    public static String resourceOf(String name) {
        return BY_RESOURCE.entrySet().stream()
                .filter(e -> e.getValue().contains(name))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private NeutralVariables() {}
}
