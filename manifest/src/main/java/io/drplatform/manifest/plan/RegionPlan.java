package io.drplatform.manifest.plan;

import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.DrStrategy;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one region of a deployment gets, decided once from the manifest: the region stack renders it, and the global
 * stacks read the plans of the regions they route between. No CDK here: every value is plain.
 *
 * @param role                 {@link RegionRole#PRIMARY} where the writable database is ({@code dr.activeRegion})
 * @param cidr                 the VPC range; ranges belong to regions, not roles, so a failover never replaces a network
 * @param natGateways          the manifest's count, or one in a pilot-light standby (it runs no tasks until a failover)
 * @param pairedRegion         the other region of the pair, when the deployment has a standby
 * @param database             the instance the region's services use
 * @param originalDatabase     identifier of the original instance, which the manifest's primary region keeps for good:
 *                             serving, or retired unchanged after a failover (for forensics)
 * @param rotatesCredentials   the original instance rotates its credentials here (never once retired: the secrets then
 *                             belong to the promoted instance in the other region)
 * @param regionalDomain       {@code <region>.<domainName>}, the name that aliases the region's load balancer and that
 *                             the failover records point to; only with a standby
 * @param healthCheckedService the service whose deep-health path Route 53 checks and the listener routes ahead of all
 * @param services             the services as this region runs them (a standby's at the strategy's capacity)
 * @param standbyTaskMinimums  in a warm standby, the tasks per service below which an alarm fires; empty elsewhere
 * @param parameters           the SSM parameter values the region publishes that are known from the manifest alone,
 *                             by {@link PlatformParameters} key (the rest name resources the stack creates)
 */
public record RegionPlan(
        Deployment deployment,
        String region,
        RegionRole role,
        String cidr,
        int natGateways,
        Optional<String> pairedRegion,
        RegionDatabase database,
        Optional<String> originalDatabase,
        boolean rotatesCredentials,
        Optional<String> regionalDomain,
        ServiceSpec healthCheckedService,
        List<ServiceSpec> services,
        Map<String, Integer> standbyTaskMinimums,
        Map<String, String> parameters) {

    /** The plan of a region stack {@link StackPlan#of} lists. */
    public static RegionPlan of(Deployment d, StackPlan stack) {
        return switch (stack.kind()) {
            case PRIMARY -> of(d, stack.region(), RegionRole.PRIMARY);
            case STANDBY -> of(d, stack.region(), RegionRole.STANDBY);
            default -> throw new IllegalArgumentException(stack.name() + " is not a region stack");
        };
    }

    /** The plan of a region of the deployment, in the role the DR state gives it. */
    public static RegionPlan of(Deployment d, String region) {
        return of(d, region, region.equals(d.activeRegion()) ? RegionRole.PRIMARY : RegionRole.STANDBY);
    }

    /** The plans of both regions of a deployment with a standby, the manifest's primary first. */
    public static List<RegionPlan> pair(Deployment d) {
        return List.of(of(d, d.regions().primary()), of(d, d.regions().standby()));
    }

    public static RegionPlan of(Deployment d, String region, RegionRole role) {
        boolean home = region.equals(d.homeRegion());
        DrStrategy strategy = d.dr() == null ? DrStrategy.NONE : d.dr().strategy();
        boolean pilotLight = role == RegionRole.STANDBY && strategy == DrStrategy.PILOT_LIGHT;
        boolean warmStandby = role == RegionRole.STANDBY && strategy == DrStrategy.WARM_STANDBY;
        Optional<String> paired = d.hasStandby()
                ? Optional.of(
                        region.equals(d.regions().primary())
                                ? d.regions().standby()
                                : d.regions().primary())
                : Optional.empty();
        Optional<String> original =
                home && d.database() != null ? Optional.of(d.qualifiedName() + "-" + region) : Optional.empty();
        RegionDatabase database = database(d, region, role);
        Optional<String> regionalDomain =
                d.hasStandby() ? Optional.of(region + "." + d.dns().domainName()) : Optional.empty();
        List<ServiceSpec> services = role == RegionRole.STANDBY ? StandbyCapacity.standby(d) : d.services();
        return new RegionPlan(
                d,
                region,
                role,
                home ? d.network().cidr() : d.network().standbyCidr(),
                pilotLight ? 1 : d.network().natGateways(),
                paired,
                database,
                original,
                database.shape() == RegionDatabase.Shape.ORIGINAL_PRIMARY,
                regionalDomain,
                healthCheckedService(d),
                services,
                warmStandby ? StandbyCapacity.minimums(d) : Map.of(),
                parameters(d, region, database, regionalDomain, services));
    }

    /** {@code <application>-<environment>-<region>}: names the region's alarms, topic, dashboard and firewall. */
    public String name() {
        return deployment.qualifiedName() + "-" + region;
    }

    /** True where the database should be writable: migrations run here, and a read-only database is an alarm. */
    public boolean writable() {
        return role == RegionRole.PRIMARY;
    }

    /**
     * The manifest's primary region always keeps the original instance and its credentials secret (replicated to the
     * standby region); after a failover a new cross-region replica, with a distinct identifier, follows the promoted one.
     */
    private static RegionDatabase database(Deployment d, String region, RegionRole role) {
        if (d.database() == null) {
            return new RegionDatabase.None();
        }
        String identifier = d.databaseIdentifier(region);
        String arn = databaseArn(d, region, identifier);
        // Named after the original instance, which keeps its identifier for good: after a failover the manifest's
        // primary region holds a replica with another identifier, but the secrets are still the original's.
        RegionDatabase.Credentials credentials =
                RegionDatabase.Credentials.of(d.qualifiedName() + "-" + d.homeRegion());
        if (region.equals(d.homeRegion()) && !d.failedOver()) {
            return new RegionDatabase.OriginalPrimary(identifier, arn, credentials);
        }
        if (role == RegionRole.PRIMARY) {
            return new RegionDatabase.Promoted(identifier, arn, credentials);
        }
        String active = d.activeRegion();
        return new RegionDatabase.CrossRegionReplica(
                identifier, arn, credentials, active, databaseArn(d, active, d.databaseIdentifier(active)));
    }

    /** Built from the manifest, never from an imported instance (CDK formats those in the importing region). */
    private static String databaseArn(Deployment d, String region, String identifier) {
        return "arn:aws:rds:" + region + ":" + d.account() + ":db:" + identifier;
    }

    /**
     * The service whose deep-health path Route 53 checks: {@code api} if there is one, else the first service that
     * connects to the database (its deep check can prove the database is writable), else the first service.
     */
    private static ServiceSpec healthCheckedService(Deployment d) {
        return d.service("api")
                .or(() -> d.services().stream()
                        .filter(s -> s.connectsTo(ServiceSpec.DATABASE))
                        .findFirst())
                .orElse(d.services().get(0));
    }

    private static Map<String, String> parameters(
            Deployment d,
            String region,
            RegionDatabase database,
            Optional<String> regionalDomain,
            List<ServiceSpec> services) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(
                PlatformParameters.ECS_SERVICES,
                services.stream().map(ServiceSpec::name).collect(Collectors.joining(",")));
        if (database instanceof RegionDatabase.Instance instance) {
            values.put(PlatformParameters.DB_INSTANCE_ID, instance.identifier());
            values.put(PlatformParameters.DB_INSTANCE_ARN, instance.arn());
            boolean replica = instance instanceof RegionDatabase.CrossRegionReplica;
            values.put(PlatformParameters.DB_ROLE, replica ? "replica" : "primary");
            if (instance instanceof RegionDatabase.CrossRegionReplica r) {
                values.put(PlatformParameters.DB_SOURCE_ARN, r.sourceArn());
            }
        }
        regionalDomain.ifPresent(domain -> {
            values.put(PlatformParameters.REGIONAL_DOMAIN, domain);
            values.put(PlatformParameters.DR_STRATEGY, d.dr().strategy().id());
            values.put(PlatformParameters.DR_ACTIVE_REGION, d.activeRegion());
            values.put(PlatformParameters.ECS_FAILOVER_COUNTS, StandbyCapacity.failoverCounts(d));
        });
        if (!d.buckets().isEmpty()) {
            values.put(
                    PlatformParameters.BUCKET_NAMES,
                    d.buckets().stream().map(b -> b.bucketName(d, region)).collect(Collectors.joining(",")));
        }
        return Collections.unmodifiableMap(values);
    }
}
