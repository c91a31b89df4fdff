package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An ALB target group as the template declares it: the port its targets listen on and the health check the load
 * balancer runs against each target (path, interval, timeout, thresholds, expected status).
 */
public record TargetGroup(
        String logicalId,
        int port,
        String healthCheckPath,
        int intervalSeconds,
        int timeoutSeconds,
        int healthyThreshold,
        int unhealthyThreshold,
        String matcher) {

    /** The ALB's documented defaults stand where the template leaves a health check property out. */
    static TargetGroup read(String logicalId, JsonNode props) {
        return new TargetGroup(
                logicalId,
                props.path("Port").asInt(),
                props.path("HealthCheckPath").asText("/"),
                props.path("HealthCheckIntervalSeconds").asInt(30),
                props.path("HealthCheckTimeoutSeconds").asInt(5),
                props.path("HealthyThresholdCount").asInt(5),
                props.path("UnhealthyThresholdCount").asInt(2),
                props.path("Matcher").path("HttpCode").asText("200"));
    }
}
