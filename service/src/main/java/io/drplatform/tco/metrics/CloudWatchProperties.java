package io.drplatform.tco.metrics;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Publishing the selected meters to CloudWatch ({@code tco.metrics.cloudwatch.*}).
 *
 * @param namespace the CloudWatch namespace; publishing is on only when one is given (in AWS the platform sets
 *                  {@code PLATFORM_METRICS_NAMESPACE} for services that opt in)
 * @param step      how often the meters are sent: one PutMetricData request per step per task
 * @param region    the CloudWatch client's region; blank: the SDK's region chain ({@code AWS_REGION} in a task)
 * @param endpoint  an endpoint override (tests); none: the SDK's
 */
@ConfigurationProperties("tco.metrics.cloudwatch")
public record CloudWatchProperties(String namespace, Duration step, String region, URI endpoint) {
    public CloudWatchProperties {
        step = step == null ? Duration.ofMinutes(1) : step;
    }
}
