package io.drplatform.tco.credentials;

import io.drplatform.tco.web.Json;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import tools.jackson.databind.JsonNode;

/**
 * Reads the AWSCURRENT version of an RDS-style database secret ({@code {"username": ..., "password": ...}}) from
 * Secrets Manager. The client is built on first use, never during start-up, so a task starts without calling AWS
 * or needing credentials; it uses the default credential chain (the task role in ECS)
 * and the given region, or the SDK's default region chain. The endpoint can be overridden by the SDK's own {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or explicitly.
 */
public final class SecretsManagerCredentials implements Supplier<DatabaseCredentials> {
    private final String secretId;
    private final String region;
    private final URI endpoint;
    private volatile SecretsManagerClient client;

    /** {@code region} and {@code endpoint} may be null (SDK defaults). */
    public SecretsManagerCredentials(String secretId, String region, URI endpoint) {
        this.secretId = secretId;
        this.region = region;
        this.endpoint = endpoint;
    }

    public String secretId() {
        return secretId;
    }

    @Override
    public DatabaseCredentials get() {
        GetSecretValueResponse response =
                client().getSecretValue(r -> r.secretId(secretId).versionStage("AWSCURRENT"));
        if (response.secretString() == null) {
            throw new IllegalStateException("secret " + secretId + " has no SecretString");
        }
        JsonNode secret = Json.MAPPER.readTree(response.secretString());
        return new DatabaseCredentials(text(secret, "username"), text(secret, "password"));
    }

    private String text(JsonNode secret, String field) {
        JsonNode value = secret.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalStateException("secret " + secretId + " has no string field '" + field + "'");
        }
        return value.asString();
    }

    private SecretsManagerClient client() {
        SecretsManagerClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder()
                                    .connectionTimeout(Duration.ofSeconds(2))
                                    .socketTimeout(Duration.ofSeconds(2)))
                            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(4)));
                    if (region != null && !region.isBlank()) {
                        builder.region(Region.of(region));
                    }
                    if (endpoint != null) {
                        builder.endpointOverride(endpoint);
                    }
                    client = builder.build();
                }
                c = client;
            }
        }
        return c;
    }

    /** Closes the client if one was built. */
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
