package io.drplatform.dr.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One SDK client per service and region, created on first use. {@code endpointOverride} sends every call to one
 * endpoint (WireMock in tests); the SDK's standard retries with backoff handle throttling on every call.
 */
public final class AwsClients implements AutoCloseable {
    private final URI endpointOverride;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(URI endpointOverride) {
        this.endpointOverride = endpointOverride;
    }

    public boolean hasEndpointOverride() {
        return endpointOverride != null;
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C cached(String key, Supplier<C> create) {
        return (C) clients.computeIfAbsent(key, k -> create.get());
    }

    private void override(SdkClientBuilder<?, ?> builder) {
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
    }

    public RdsClient rds(String region) {
        return cached(
                "rds@" + region,
                () -> RdsClient.builder()
                        .region(Region.of(region))
                        .httpClient(http)
                        .applyMutation(this::override)
                        .build());
    }

    /** Route 53 is global; its API lives in us-east-1. */
    public Route53Client route53() {
        return cached(
                "route53",
                () -> Route53Client.builder()
                        .region(Region.AWS_GLOBAL)
                        .httpClient(http)
                        .applyMutation(this::override)
                        .build());
    }

    public EcsClient ecs(String region) {
        return cached(
                "ecs@" + region,
                () -> EcsClient.builder()
                        .region(Region.of(region))
                        .httpClient(http)
                        .applyMutation(this::override)
                        .build());
    }

    public CloudWatchClient cloudWatch(String region) {
        return cached(
                "cloudwatch@" + region,
                () -> CloudWatchClient.builder()
                        .region(Region.of(region))
                        .httpClient(http)
                        .applyMutation(this::override)
                        .build());
    }

    public SsmClient ssm(String region) {
        return cached(
                "ssm@" + region,
                () -> SsmClient.builder()
                        .region(Region.of(region))
                        .httpClient(http)
                        .applyMutation(this::override)
                        .build());
    }

    public SecretsManagerClient secretsManager(String region) {
        return cached(
                "secretsmanager@" + region,
                () -> SecretsManagerClient.builder()
                        .region(Region.of(region))
                        .httpClient(http)
                        .applyMutation(this::override)
                        .build());
    }

    /**
     * Drill reports kept in a bucket. Cross-region access lets one client read a bucket in any region; with an
     * endpoint override (tests) buckets are addressed by path, as a single endpoint cannot answer per-bucket hosts.
     */
    public S3Client s3(String region) {
        return cached(
                "s3@" + region,
                () -> S3Client.builder()
                        .region(Region.of(region))
                        .httpClient(http)
                        .crossRegionAccessEnabled(true)
                        .forcePathStyle(endpointOverride != null)
                        .applyMutation(this::override)
                        .build());
    }

    /**
     * ARC routing-control state changes go to one of the cluster's regional endpoints (data plane), not the
     * normal service endpoint. The endpoints are the cluster's own (published by the ARC stack), so tests point
     * them at WireMock through the parameter, not through {@code endpointOverride}.
     */
    public Route53RecoveryClusterClient arc(String clusterEndpointRegion, URI clusterEndpoint) {
        return cached(
                "arc@" + clusterEndpoint,
                () -> Route53RecoveryClusterClient.builder()
                        .region(Region.of(clusterEndpointRegion))
                        .httpClient(http)
                        .endpointOverride(clusterEndpoint)
                        .build());
    }

    @Override
    public void close() {
        List<SdkClient> all = new ArrayList<>(clients.values());
        all.forEach(SdkClient::close);
        http.close();
    }
}
