package io.drplatform.manifest.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much of the application runs in the standby region before a failover. */
public enum DrStrategy {
    /** No standby region resources. */
    NONE("none"),
    /** Data replicated, compute provisioned at zero tasks and scaled up at failover. */
    PILOT_LIGHT("pilot-light"),
    /** Data replicated, compute running at reduced capacity and serving reads. */
    WARM_STANDBY("warm-standby");

    private final String id;

    DrStrategy(String id) {
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
