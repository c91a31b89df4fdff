package io.drplatform.cdk.services;

import java.util.Map;
import software.amazon.awscdk.services.ecs.Secret;

/** What the platform adds to a service's container besides the manifest's own variables: connection settings. */
public record ContainerSettings(Map<String, String> environment, Map<String, Secret> secrets) {
    public static ContainerSettings none() {
        return new ContainerSettings(Map.of(), Map.of());
    }
}
