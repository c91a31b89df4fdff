package io.drplatform.cdk.observability;

/**
 * The CloudWatch namespace of one service's own metrics, {@code DrPlatform/<app>-<environment>/<service>}: the
 * log-based signals (resilience, the calculator's log metrics) and what the service publishes itself
 * ({@code metrics: cloudwatch}). The region is CloudWatch's own.
 */
public final class ServiceNamespace {
    public static final String PREFIX = "DrPlatform/";

    private ServiceNamespace() {}

    /** @param prefix {@code <app>-<environment>} */
    public static String of(String prefix, String service) {
        return PREFIX + prefix + "/" + service;
    }
}
