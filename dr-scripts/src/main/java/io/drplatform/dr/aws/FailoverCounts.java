package io.drplatform.dr.aws;

import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many tasks each service of a region runs once it serves: what the deployed stacks published as
 * {@link PlatformParameters#ECS_FAILOVER_COUNTS} ({@code service=count,...}, manifest service names), the one source,
 * since the stacks and the manifest on the operator's machine can differ. Stacks deployed before the parameter existed
 * do not publish it: then, and only then, the counts come from the manifest's active-region plan, and
 * {@link #fallback()} says so, so the report shows where the numbers came from.
 */
record FailoverCounts(Map<String, Integer> byService, Optional<String> fallback) {

    static FailoverCounts of(RegionResources region, List<ServiceSpec> activePlan) {
        String published = region.optional(PlatformParameters.ECS_FAILOVER_COUNTS);
        if (published != null) {
            return new FailoverCounts(parse(published, region.region()), Optional.empty());
        }
        Map<String, Integer> fromManifest = new LinkedHashMap<>();
        for (ServiceSpec spec : activePlan) {
            int desired = spec.desiredCount() != null ? spec.desiredCount() : 1;
            fromManifest.put(spec.name(), Math.max(desired, spec.minCount() != null ? spec.minCount() : 1));
        }
        return new FailoverCounts(
                fromManifest,
                Optional.of(PlatformParameters.ECS_FAILOVER_COUNTS + " is not published in " + region.region()
                        + " (stacks deployed before it existed?): the counts come from the local manifest's desired"
                        + " counts " + fromManifest + "; deploy the stacks to publish them"));
    }

    /** The count for an ECS service, named after the manifest's service with a prefix ({@code <app>-<env>-api}). */
    int of(String ecsServiceName) {
        // The longest name that matches wins: "web-api" over "api" for "<app>-<env>-web-api".
        return byService.entrySet().stream()
                .filter(e -> ecsServiceName.equals(e.getKey()) || ecsServiceName.endsWith("-" + e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new IllegalStateException(
                        "no failover count for ECS service " + ecsServiceName + " in " + byService + " ("
                                + PlatformParameters.ECS_FAILOVER_COUNTS + " and " + PlatformParameters.ECS_SERVICES
                                + " disagree: redeploy the stacks)"));
    }

    private static Map<String, Integer> parse(String published, String region) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String pair : published.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            try {
                counts.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalStateException(PlatformParameters.ECS_FAILOVER_COUNTS + " in " + region + " is "
                        + published + ": expected service=count,... as the stacks write it");
            }
        }
        return counts;
    }
}
