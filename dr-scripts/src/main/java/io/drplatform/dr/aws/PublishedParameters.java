package io.drplatform.dr.aws;

import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * What the CDK app published for one deployment, read once per run: each region's own parameters
 * ({@link RegionResources}) and the global ones the us-east-1 and ARC stacks write ({@link PlatformParameters.Location}).
 * {@link PlatformParameters} is the one contract both sides name parameters by.
 */
final class PublishedParameters {
    private final AwsClients clients;
    private final Deployment deployment;
    private final Map<String, RegionResources> regions = new ConcurrentHashMap<>();
    private final Map<PlatformParameters.Location, Optional<String>> globals = new ConcurrentHashMap<>();

    PublishedParameters(AwsClients clients, Deployment deployment) {
        this.clients = clients;
        this.deployment = deployment;
    }

    RegionResources region(String region) {
        return regions.computeIfAbsent(region, r -> RegionResources.read(clients.ssm(r), deployment, r));
    }

    Optional<String> global(PlatformParameters.Location location) {
        return globals.computeIfAbsent(location, l -> {
            try {
                String value = clients.ssm(l.region())
                        .getParameter(b -> b.name(l.name()))
                        .parameter()
                        .value();
                return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
            } catch (ParameterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    String requireGlobal(PlatformParameters.Location location, String what) {
        return global(location)
                .orElseThrow(() -> new IllegalStateException("SSM parameter " + location.name() + " (" + what
                        + ") is missing in " + location.region() + ": is the "
                        + (location.region().equals(PlatformParameters.ARC_REGION) ? "ARC" : "global")
                        + " stack deployed?"));
    }
}
