package io.drplatform.dr.aws;

import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * A region's resource identifiers, read from the SSM parameters the CDK app writes
 * ({@link PlatformParameters}), so nobody types resource names by hand.
 */
public record RegionResources(String region, Map<String, String> parameters) {

    public static RegionResources read(SsmClient ssm, Deployment deployment, String region) {
        String prefix = PlatformParameters.prefix(deployment, region);
        Map<String, String> values = new HashMap<>();
        ssm
                .getParametersByPathPaginator(GetParametersByPathRequest.builder()
                        .path(prefix)
                        .recursive(true)
                        .build())
                .stream()
                .flatMap(r -> r.parameters().stream())
                .forEach((Parameter p) -> values.put(p.name().substring(prefix.length() + 1), p.value()));
        return new RegionResources(region, Map.copyOf(values));
    }

    public String require(String key) {
        String v = parameters.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("SSM parameter " + key + " is missing in " + region
                    + " (written by the CDK app's stacks; is the region deployed?)");
        }
        return v;
    }

    public String optional(String key) {
        String v = parameters.get(key);
        return v == null || v.isBlank() ? null : v;
    }

    public List<String> list(String key) {
        String v = optional(key);
        return v == null
                ? List.of()
                : Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    public String dbInstanceId() {
        return require(PlatformParameters.DB_INSTANCE_ID);
    }
}
