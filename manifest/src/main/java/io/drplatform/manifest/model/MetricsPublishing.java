package io.drplatform.manifest.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a service's own metrics go, besides the log-based signals the platform derives. */
public enum MetricsPublishing {
    /** Nowhere outside the task (a service may still expose them locally, e.g. for Prometheus). */
    NONE("none"),
    /**
     * To CloudWatch under a namespace the platform gives ({@code PLATFORM_METRICS_NAMESPACE}), with permission to
     * publish there only; the dashboard shows them.
     */
    CLOUDWATCH("cloudwatch");

    private final String id;

    MetricsPublishing(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
