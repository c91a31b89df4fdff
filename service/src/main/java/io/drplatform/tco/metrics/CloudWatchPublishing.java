package io.drplatform.tco.metrics;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;

/**
 * Micrometer's CloudWatch registry next to the Prometheus one, only when a namespace is configured (in AWS, for a
 * service the manifest opts in): locally and in tests nothing is sent anywhere. Spring Boot binds every meter to it
 * (the application's meters go to a composite of both registries); {@link PublishedMeters} keeps what is sent to the
 * dashboard's meters. The registry sends one PutMetricData request per step from its own thread; a failed send is
 * logged by the registry and retried with the next step's values, never on a request's path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${tco.metrics.cloudwatch.namespace:}'.isBlank()")
@EnableConfigurationProperties(CloudWatchProperties.class)
public class CloudWatchPublishing {

    @Bean(destroyMethod = "close")
    CloudWatchAsyncClient cloudWatchMetricsClient(CloudWatchProperties properties) {
        CloudWatchAsyncClientBuilder builder = CloudWatchAsyncClient.builder()
                // One request a minute: one event-loop thread, not the SDK's default of twice the cores.
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(1))
                        .connectionTimeout(Duration.ofSeconds(5)));
        if (properties.region() != null && !properties.region().isBlank()) {
            builder.region(Region.of(properties.region()));
        }
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Bean
    CloudWatchMeterRegistry cloudWatchMeterRegistry(CloudWatchProperties properties, CloudWatchAsyncClient client) {
        CloudWatchConfig config = new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String namespace() {
                return properties.namespace();
            }

            @Override
            public Duration step() {
                return properties.step();
            }

            // Standard resolution at any step: high-resolution metrics and their alarms cost more, and the dashboard
            // reads minutes.
            @Override
            public boolean highResolution() {
                return false;
            }
        };
        CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM, client);
        PublishedMeters.filters().forEach(registry.config()::meterFilter);
        return registry;
    }
}
