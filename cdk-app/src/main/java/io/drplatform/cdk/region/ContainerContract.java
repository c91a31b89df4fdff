package io.drplatform.cdk.region;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.observability.ServiceNamespace;
import io.drplatform.cdk.services.ContainerSettings;
import io.drplatform.cdk.services.TraceCollector;
import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.contract.NeutralVariables;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.ServiceSpec;
import io.drplatform.manifest.plan.RegionPlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.ssm.StringParameter;

/**
 * The environment the platform gives containers in one region, by the names in {@link ContainerVariables} (or, for
 * a service with {@code connectionNaming: neutral}, those of {@link NeutralVariables}): a
 * service's (where it runs, and the connection settings of what it {@code connectsTo}) and its migration task's
 * (the database owner's credentials and the application user to provision).
 */
final class ContainerContract {
    /** The region's database: its endpoint, and the owner's and the application user's credentials. */
    record Database(String endpoint, String name, ISecret owner, ISecret application) {}

    record Cache(String endpoint, ISecret authToken) {}

    /** The identity provider: the tokens' issuer and where its signing keys are published. */
    record Auth(String issuer, String jwksUri) {
        /**
         * The identity provider services trust: the environment's user pool, whose URLs the auth stack writes into this
         * region's parameters (read when the region's stack deploys), or the manifest's external issuer; null without.
         */
        static Auth of(Stack stack, RegionPlan plan) {
            Deployment d = plan.deployment();
            String region = plan.region();
            if (d.auth() == null) {
                return null;
            }
            if (d.auth().platformUserPool()) {
                return new Auth(
                        StringParameter.valueForStringParameter(
                                stack, PlatformParameters.name(d, region, PlatformParameters.AUTH_ISSUER_URI)),
                        StringParameter.valueForStringParameter(
                                stack, PlatformParameters.name(d, region, PlatformParameters.AUTH_JWKS_URI)));
            }
            return new Auth(d.auth().issuerUri(), d.auth().externalJwksUri());
        }
    }

    /**
     * RDS requires TLS (the parameter group forces it); {@code require} encrypts without checking the server's
     * certificate, whose issuer (the RDS CA) is in no image's default trust store. A service that bundles the RDS CA
     * verifies on top (libpq verifies under {@code require} once it has a root certificate).
     */
    static final String SSL_MODE = "require";

    private final RegionPlan plan;
    private final Database database;
    private final Cache cache;
    private final Auth auth;

    ContainerContract(RegionPlan plan, Database database, Cache cache, Auth auth) {
        this.plan = plan;
        this.database = database;
        this.cache = cache;
        this.auth = auth;
    }

    /**
     * The service's settings under its {@code connectionNaming}: Spring Boot's property names, or the neutral names
     * of {@link NeutralVariables} as its {@code connectionVariables} rename them. Credentials are always ECS secrets.
     */
    ContainerSettings service(ServiceSpec spec) {
        Map<String, String> environment = placement();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<ISecret> readAtRunTime = new ArrayList<>();
        if (database != null && spec.connectsTo(ServiceSpec.DATABASE)) {
            if (spec.neutralNaming()) {
                neutralDatabase(spec, environment, secrets);
            } else {
                springDatabase(environment, secrets);
            }
            environment.put(
                    ContainerVariables.DATABASE_CREDENTIALS_SECRET_ARN,
                    database.application().getSecretArn());
            readAtRunTime.add(database.application());
        }
        if (cache != null && spec.connectsTo(ServiceSpec.CACHE)) {
            if (spec.neutralNaming()) {
                neutralCache(spec, environment, secrets);
            } else {
                springCache(environment, secrets);
            }
        }
        if (auth != null && spec.connectsTo(ServiceSpec.AUTH)) {
            // One issuer for both regions: tokens stay valid across a failover. With the key-set URL given, the service
            // needs no discovery call to start, so it starts even while the issuer's region is down.
            environment.put(
                    spec.neutralNaming()
                            ? spec.variable(NeutralVariables.AUTH_ISSUER_URI)
                            : ContainerVariables.JWT_ISSUER_URI,
                    auth.issuer());
            environment.put(
                    spec.neutralNaming()
                            ? spec.variable(NeutralVariables.AUTH_JWKS_URI)
                            : ContainerVariables.JWT_JWK_SET_URI,
                    auth.jwksUri());
        }
        plan.deployment().tracingOf(spec.name()).ifPresent(tracing -> {
            environment.put(ContainerVariables.OTLP_TRACES_ENDPOINT, TraceCollector.TRACES_ENDPOINT);
            environment.put(
                    ContainerVariables.TRACING_SAMPLING_PROBABILITY,
                    BigDecimal.valueOf(tracing.samplingRate()).toPlainString());
        });
        String metricsNamespace = null;
        if (spec.publishesMetricsToCloudWatch()) {
            // The namespace of the service's log-based signals too: one place on the dashboard for both.
            metricsNamespace = ServiceNamespace.of(plan.deployment().qualifiedName(), spec.name());
            environment.put(ContainerVariables.METRICS_NAMESPACE, metricsNamespace);
        }
        return new ContainerSettings(environment, secrets, readAtRunTime, metricsNamespace);
    }

    private void springDatabase(Map<String, String> environment, Map<String, Secret> secrets) {
        environment.put(ContainerVariables.R2DBC_URL, "r2dbc:postgresql://" + address() + "?sslMode=" + SSL_MODE);
        secrets.put(ContainerVariables.R2DBC_USERNAME, Secret.fromSecretsManager(database.application(), "username"));
        secrets.put(ContainerVariables.R2DBC_PASSWORD, Secret.fromSecretsManager(database.application(), "password"));
    }

    private void springCache(Map<String, String> environment, Map<String, Secret> secrets) {
        environment.put(ContainerVariables.REDIS_HOST, cache.endpoint());
        environment.put(ContainerVariables.REDIS_PORT, String.valueOf(RedisCache.PORT));
        environment.put(ContainerVariables.REDIS_SSL_ENABLED, "true");
        secrets.put(ContainerVariables.REDIS_PASSWORD, Secret.fromSecretsManager(cache.authToken()));
    }

    /** The URL carries no credentials: a secret never becomes a plain value of the task definition. */
    private void neutralDatabase(ServiceSpec spec, Map<String, String> environment, Map<String, Secret> secrets) {
        environment.put(spec.variable(NeutralVariables.DATABASE_HOST), database.endpoint());
        environment.put(spec.variable(NeutralVariables.DATABASE_PORT), String.valueOf(PostgresDatabase.PORT));
        environment.put(spec.variable(NeutralVariables.DATABASE_NAME), database.name());
        environment.put(spec.variable(NeutralVariables.DATABASE_SSLMODE), SSL_MODE);
        environment.put(
                spec.variable(NeutralVariables.DATABASE_URL), "postgresql://" + address() + "?sslmode=" + SSL_MODE);
        secrets.put(
                spec.variable(NeutralVariables.DATABASE_USER),
                Secret.fromSecretsManager(database.application(), "username"));
        secrets.put(
                spec.variable(NeutralVariables.DATABASE_PASSWORD),
                Secret.fromSecretsManager(database.application(), "password"));
    }

    private void neutralCache(ServiceSpec spec, Map<String, String> environment, Map<String, Secret> secrets) {
        environment.put(spec.variable(NeutralVariables.REDIS_HOST), cache.endpoint());
        environment.put(spec.variable(NeutralVariables.REDIS_PORT), String.valueOf(RedisCache.PORT));
        environment.put(spec.variable(NeutralVariables.REDIS_TLS), "true");
        environment.put(
                spec.variable(NeutralVariables.REDIS_URL), "rediss://" + cache.endpoint() + ":" + RedisCache.PORT);
        secrets.put(spec.variable(NeutralVariables.REDIS_AUTH_TOKEN), Secret.fromSecretsManager(cache.authToken()));
    }

    /** The one-off migration task of a service: connects as the owner and provisions the application user. */
    ContainerSettings migration(ServiceSpec spec) {
        Map<String, String> environment = placement();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        environment.put(ContainerVariables.FLYWAY_URL, "jdbc:postgresql://" + address() + "?sslmode=" + SSL_MODE);
        secrets.put(ContainerVariables.FLYWAY_USER, Secret.fromSecretsManager(database.owner(), "username"));
        secrets.put(ContainerVariables.FLYWAY_PASSWORD, Secret.fromSecretsManager(database.owner(), "password"));
        secrets.put(
                ContainerVariables.DATABASE_APPLICATION_USERNAME,
                Secret.fromSecretsManager(database.application(), "username"));
        secrets.put(
                ContainerVariables.DATABASE_APPLICATION_PASSWORD,
                Secret.fromSecretsManager(database.application(), "password"));
        return new ContainerSettings(environment, secrets, List.of(), null);
    }

    boolean hasDatabase() {
        return database != null;
    }

    private Map<String, String> placement() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ContainerVariables.AWS_REGION, plan.region());
        environment.put(
                ContainerVariables.PLATFORM_ENVIRONMENT,
                plan.deployment().environment().id());
        environment.put(ContainerVariables.PLATFORM_REGION_ROLE, plan.role().id());
        return environment;
    }

    private String address() {
        return database.endpoint() + ":" + PostgresDatabase.PORT + "/" + database.name();
    }
}
