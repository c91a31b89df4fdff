package io.drplatform.manifest.model;

import java.util.List;

/**
 * Distributed tracing: the listed services export OpenTelemetry traces over OTLP to an AWS Distro for OpenTelemetry
 * collector in the same task, which sends them to X-Ray.
 *
 * @param enabled      whether the platform adds the collector at all (per environment)
 * @param samplingRate probability, 0 to 1, that a request's trace is recorded; the rest still carry a trace id
 * @param services     the services that speak OTLP (an nginx serving files does not)
 */
public record Tracing(Boolean enabled, Double samplingRate, List<String> services) {

    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }

    /** True when tracing is enabled and {@code serviceName} is one of the traced services. */
    public boolean traces(String serviceName) {
        return isEnabled() && services != null && services.contains(serviceName);
    }
}
