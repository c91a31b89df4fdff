package io.drplatform.cdk.region;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.observability.ServiceNamespace;
import io.drplatform.cdk.services.ContainerSettings;
import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.ServiceSpec;
import io.drplatform.manifest.plan.RegionPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.ssm.StringParameter;

/**
 * The environment the platform gives containers in one region, by the names in {@link ContainerVariables}: a
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

    ContainerSettings service(ServiceSpec spec) {
        Map<String, String> environment = placement();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<ISecret> readAtRunTime = new ArrayList<>();
        if (database != null && spec.connectsTo("database")) {
            environment.put(ContainerVariables.R2DBC_URL, "r2dbc:postgresql://" + address() + "?sslMode=require");
            secrets.put(
                    ContainerVariables.R2DBC_USERNAME, Secret.fromSecretsManager(database.application(), "username"));
            secrets.put(
                    ContainerVariables.R2DBC_PASSWORD, Secret.fromSecretsManager(database.application(), "password"));
            environment.put(
                    ContainerVariables.DATABASE_CREDENTIALS_SECRET_ARN,
                    database.application().getSecretArn());
            readAtRunTime.add(database.application());
        }
        if (cache != null && spec.connectsTo("cache")) {
            environment.put(ContainerVariables.REDIS_HOST, cache.endpoint());
            environment.put(ContainerVariables.REDIS_PORT, String.valueOf(RedisCache.PORT));
            environment.put(ContainerVariables.REDIS_SSL_ENABLED, "true");
            secrets.put(ContainerVariables.REDIS_PASSWORD, Secret.fromSecretsManager(cache.authToken()));
        }
        if (auth != null && spec.connectsTo("auth")) {
            // One issuer for both regions: tokens stay valid across a failover. With the key-set URL given, the service
            // needs no discovery call to start, so it starts even while the issuer's region is down.
            environment.put(ContainerVariables.JWT_ISSUER_URI, auth.issuer());
            environment.put(ContainerVariables.JWT_JWK_SET_URI, auth.jwksUri());
        }
        String metricsNamespace = null;
        if (spec.publishesMetricsToCloudWatch()) {
            // The namespace of the service's log-based signals too: one place on the dashboard for both.
            metricsNamespace = ServiceNamespace.of(plan.deployment().qualifiedName(), spec.name());
            environment.put(ContainerVariables.METRICS_NAMESPACE, metricsNamespace);
        }
        return new ContainerSettings(environment, secrets, readAtRunTime, metricsNamespace);
    }

    /** The one-off migration task of a service: connects as the owner and provisions the application user. */
    ContainerSettings migration(ServiceSpec spec) {
        Map<String, String> environment = placement();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        environment.put(ContainerVariables.FLYWAY_URL, "jdbc:postgresql://" + address() + "?sslmode=require");
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
