package io.drplatform.manifest.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application in one environment: the manifest with the platform defaults, the manifest's own values and
 * the environment's overrides merged, in that order, and validated. Everything a stack or the DR tool needs.
 */
public record Deployment(
        EnvironmentName environment,
        String name,
        String account,
        Regions regions,
        Dns dns,
        Network network,
        List<ServiceSpec> services,
        DatabaseSpec database,
        CacheSpec cache,
        AlarmTargets alarms,
        Observability observability,
        DisasterRecovery dr,
        Map<String, String> tags,
        List<BucketSpec> buckets,
        CdnSpec cdn,
        WafSpec waf,
        AuthSpec auth) {

    /**
     * Sections the manifest leaves out are null ({@code database}, {@code cache}, {@code cdn}, {@code waf},
     * {@code auth}); {@code buckets} is an empty list instead, so callers iterate it without a check.
     */
    public Deployment {
        buckets = buckets == null ? List.of() : buckets;
    }

    /** Stack and resource name prefix, for example {@code tco-calculator-production}. */
    public String qualifiedName() {
        return name + "-" + environment.id();
    }

    /** True when the manifest asks for a standby region with replicated data. */
    public boolean hasStandby() {
        return regions.standby() != null && dr != null && dr.strategy() != DrStrategy.NONE;
    }

    /** The region holding the writable database: the primary unless a failover moved it. */
    public String activeRegion() {
        return dr != null && dr.activeRegion() != null ? dr.activeRegion() : regions.primary();
    }

    /** The other region of the pair, when there is one. */
    public Optional<String> passiveRegion() {
        if (!hasStandby()) {
            return Optional.empty();
        }
        return Optional.of(activeRegion().equals(regions.primary()) ? regions.standby() : regions.primary());
    }

    /** The region the manifest names first; it holds the original database and its credentials secret. */
    public String homeRegion() {
        return regions.primary();
    }

    /** True after a failover moved the writable database away from the manifest's primary region. */
    public boolean failedOver() {
        return hasStandby() && !activeRegion().equals(regions.primary());
    }

    /** RDS identifier of the database instance that lives in a region for the current DR state. */
    public String databaseIdentifier(String region) {
        String base = qualifiedName() + "-" + region;
        return failedOver() && region.equals(regions.primary()) ? base + "-r" + dr.replicaGenerationOrDefault() : base;
    }

    /** The tracing settings of a service that exports traces (tracing enabled and the service listed); else empty. */
    public Optional<Tracing> tracingOf(String serviceName) {
        return observability == null ? Optional.empty() : observability.tracingOf(serviceName);
    }

    public Optional<ServiceSpec> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }
}
