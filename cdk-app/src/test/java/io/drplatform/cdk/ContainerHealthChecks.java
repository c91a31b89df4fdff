package io.drplatform.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;

/**
 * The shape the container health check tests look for: a task definition, by family, with a container that has one (a
 * traced service's task also holds the trace collector).
 */
public final class ContainerHealthChecks {
    private ContainerHealthChecks() {}

    /** @param healthCheck the container definition's {@code HealthCheck}, a value or a matcher */
    public static Matcher taskWith(String family, Object healthCheck) {
        return Match.objectLike(Map.of(
                "Family",
                family,
                "ContainerDefinitions",
                Match.arrayWith(List.of(Match.objectLike(Map.of("HealthCheck", healthCheck))))));
    }
}
