package io.drplatform.manifest.model;

import java.util.Optional;

/**
 * Retention of service and VPC flow logs, in days (a value CloudWatch Logs accepts), and distributed tracing.
 *
 * @param tracing traces exported to AWS X-Ray through a collector beside each traced service; off when absent
 */
public record Observability(Integer logRetentionDays, Tracing tracing) {

    /** The tracing settings of a service: present only when tracing is enabled and the service is listed. */
    public Optional<Tracing> tracingOf(String serviceName) {
        return tracing != null && tracing.traces(serviceName) ? Optional.of(tracing) : Optional.empty();
    }
}
