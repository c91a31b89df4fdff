package io.drplatform.cdk.region;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.database.CrossRegionReplica;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.dr.StandbyCapacity;
import io.drplatform.cdk.observability.DrAlarms;
import io.drplatform.cdk.security.WebAcl;
import io.drplatform.cdk.storage.ReplicatedBuckets;
import io.drplatform.manifest.BucketSpec;
import io.drplatform.manifest.DrStrategy;
import io.drplatform.cdk.network.Network;
import io.drplatform.cdk.observability.AlarmFactory;
import io.drplatform.cdk.observability.AlarmTopic;
import io.drplatform.cdk.observability.ApplicationAlarms;
import io.drplatform.cdk.observability.ApplicationDashboard;
import io.drplatform.cdk.observability.ResilienceSignals;
import io.drplatform.cdk.services.ApplicationServices;
import io.drplatform.manifest.Deployment;
import io.drplatform.manifest.EnvironmentName;
import io.drplatform.manifest.PlatformParameters;
import io.drplatform.manifest.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Everything an application needs in one region of one environment: network, database, cache, services
 * behind the load balancer, alarms and a dashboard. Identifiers other tools need (the DR tool, the other
 * region) are published as SSM parameters in this region, never as CloudFormation exports.
 */
public class RegionStack extends Stack implements io.drplatform.cdk.DeploymentStack {

    /** Typed properties of a region stack. */
    public static final class Props {
        private final Deployment deployment;
        private final String region;
        private final RegionRole role;
        private final Path manifestDirectory;

        private Props(Builder builder) {
            this.deployment = Objects.requireNonNull(builder.deployment, "deployment");
            this.region = Objects.requireNonNull(builder.region, "region");
            this.role = Objects.requireNonNull(builder.role, "role");
            this.manifestDirectory = Objects.requireNonNull(builder.manifestDirectory, "manifestDirectory");
        }

        public static Builder builder() {
            return new Builder();
        }

        public Deployment deployment() {
            return deployment;
        }

        public String region() {
            return region;
        }

        public RegionRole role() {
            return role;
        }

        public Path manifestDirectory() {
            return manifestDirectory;
        }

        /** Builder for {@link Props}. */
        public static final class Builder {
            private Deployment deployment;
            private String region;
            private RegionRole role = RegionRole.PRIMARY;
            private Path manifestDirectory;

            public Builder deployment(Deployment value) {
                this.deployment = value;
                return this;
            }

            public Builder region(String value) {
                this.region = value;
                return this;
            }

            public Builder role(RegionRole value) {
                this.role = value;
                return this;
            }

            /** Directory that image build contexts in the manifest are relative to. */
            public Builder manifestDirectory(Path value) {
                this.manifestDirectory = value;
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final Props props;
    private final Network network;
    private final PostgresDatabase database;
    private final CrossRegionReplica replica;
    private final ContainerContract.Database databaseAccess;
    private final RedisCache cache;
    private final ApplicationServices services;
    private final AlarmTopic alarmTopic;
    private final AlarmFactory alarms;

    public RegionStack(Construct scope, String id, Props props) {
        super(scope, id, io.drplatform.cdk.DeploymentStack.props(props.deployment(), id, props.region(),
                "in " + props.region() + " (" + props.role().id() + " region)"));
        this.props = props;
        Deployment d = props.deployment();
        boolean production = d.environment() == EnvironmentName.PRODUCTION;
        String prefix = d.qualifiedName();
        String region = props.region();
        boolean home = region.equals(d.homeRegion());
        RetentionDays logRetention = retention(d.observability().logRetentionDays());
        RemovalPolicy logRemoval = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        List<String> otherRegions = d.hasStandby() ? List.of(otherRegion()) : List.of();

        // VPC ranges belong to regions, not roles, so a failover never replaces a network.
        // Sized for the strategy: a pilot-light standby runs no tasks, so one NAT gateway is enough until failover
        // (setting dr.activeRegion then adds the others in place).
        boolean pilotLight = props.role() == RegionRole.STANDBY && d.dr().strategy() == DrStrategy.PILOT_LIGHT;
        this.network = new Network(this, "Network", new Network.Props(
                home ? d.network().cidr() : d.network().standbyCidr(),
                getAvailabilityZones(), pilotLight ? 1 : d.network().natGateways(), logRetention, logRemoval));

        // The manifest's primary region always keeps the original instance and its credentials secret (replicated to
        // the standby region); after a failover the original instance is retired unchanged (for forensics) and a new
        // cross-region replica with a distinct identifier follows the promoted database.
        this.database = home ? d.databaseSpec().map(spec -> new PostgresDatabase(this, "Database", new PostgresDatabase.Props(
                network.getVpc(), network.dataSubnets(), spec, prefix + "-" + region,
                production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY, logRetention, otherRegions,
                !d.failedOver()))).orElse(null) : null;
        boolean needsRegionalInstance = !home || d.failedOver();
        this.replica = needsRegionalInstance ? d.databaseSpec().map(spec -> {
            String active = d.activeRegion();
            boolean promoted = props.role() == RegionRole.PRIMARY;
            return new CrossRegionReplica(this, "RegionDatabase", new CrossRegionReplica.Props(
                    network.getVpc(), network.dataSubnets(), spec, d.databaseIdentifier(region),
                    promoted ? null : databaseArn(active, d.databaseIdentifier(active)), promoted ? null : active,
                    production, logRetention, logRemoval));
        }).orElse(null) : null;

        this.cache = d.cacheSpec().map(spec -> new RedisCache(this, "Cache", new RedisCache.Props(
                network.getVpc(), network.dataSubnets(), spec, prefix, List.of()))).orElse(null);

        IHostedZone zone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                .hostedZoneId(d.dns().hostedZoneId())
                .zoneName(d.dns().hostedZoneName())
                .build());

        this.databaseAccess = database != null || replica != null ? databaseAccess() : null;
        ContainerContract contract = new ContainerContract(d, region, props.role(), databaseAccess,
                cache == null ? null : new ContainerContract.Cache(cache.primaryEndpoint(), cache.getAuthToken()), auth());
        List<ServiceSpec> serviceSpecs = props.role() == RegionRole.STANDBY ? StandbyCapacity.standby(d) : d.services();
        this.services = new ApplicationServices(this, "Services", new ApplicationServices.Props(
                network.getVpc(), network.appSubnets(), network.publicSubnets(), prefix, serviceSpecs, zone,
                d.dns().domainName(), props.manifestDirectory(), logRetention, logRemoval, contract::service,
                // Migrations run only where the database is writable.
                props.role() == RegionRole.PRIMARY && contract.hasDatabase() ? contract::migration : null,
                d.hasStandby() ? List.of(regionalDomain(d, region)) : List.of()));
        services.getServices().forEach((name, service) -> {
            ServiceSpec spec = d.service(name).orElseThrow();
            if (spec.connectsTo("database")) {
                if (replica != null) {
                    replica.allowFrom(service, "PostgreSQL from service " + name);
                } else if (database != null) {
                    database.allowFrom(service, "PostgreSQL from service " + name);
                }
            }
            if (cache != null && spec.connectsTo("cache")) {
                cache.allowFrom(service, "Redis from service " + name);
            }
        });
        // Route 53 (in the global stack) checks each region through its regional name by this path, and the deploy
        // workflow's smoke test through the public name: both must reach the service that can prove the database works.
        ServiceSpec checked = healthCheckedService(d);
        services.routeHealthPath(checked.name(), checked.deepHealthCheckPath());
        if (d.hasStandby()) {
            ARecord.Builder.create(this, "RegionalRecord")
                    .zone(zone)
                    .recordName(regionalDomain(d, region))
                    // Target health flows up to the failover records: a region with no healthy task is skipped.
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(services.getLoadBalancer(),
                            new software.amazon.awscdk.services.route53.targets.IAliasRecordTargetProps() {
                                @Override
                                public Boolean getEvaluateTargetHealth() {
                                    return true;
                                }
                            })))
                    .comment("Regional name of " + prefix + " in " + region + "; the failover records alias it")
                    .build();
        } else {
            ARecord.Builder.create(this, "Record")
                    .zone(zone)
                    .recordName(d.dns().domainName())
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(services.getLoadBalancer())))
                    .build();
        }

        this.alarmTopic = new AlarmTopic(this, "AlarmTopic", prefix + "-" + region, d.alarms());
        this.alarms = new AlarmFactory(this, prefix + "-" + region, alarmTopic.getTopic(), d.alarms());
        new ApplicationAlarms(this, "Alarms", alarms, services, database != null && !d.failedOver() ? database : null,
                d.database(), cache, d.cache());
        if (replica != null) {
            if (replica.isReplica()) {
                DrAlarms.replica(alarms, replica, d.database(), d.dr().rpoSeconds(), d.activeRegion());
            } else {
                DrAlarms.promoted(alarms, replica, d.database());
            }
        }
        // Services that log the resilience snapshot: time with a breaker open everywhere, time read-only only where the
        // database should be writable (the primary role; a standby's replica is read-only by design).
        List<ResilienceSignals> resilience = new java.util.ArrayList<>();
        services.getServices().keySet().forEach(name -> {
            if (d.service(name).orElseThrow().emitsResilienceSignals()) {
                ResilienceSignals signals = new ResilienceSignals(this, "ResilienceSignals-" + name,
                        services.getLogGroups().get(name), prefix, name);
                signals.alarms(alarms, props.role() == RegionRole.PRIMARY);
                resilience.add(signals);
            }
        });
        if (props.role() == RegionRole.STANDBY && d.dr().strategy() == DrStrategy.WARM_STANDBY) {
            StandbyCapacity.minimums(d).forEach((service, minimum) ->
                    DrAlarms.standbyTasks(alarms, prefix, service, minimum));
        }
        if (props.role() == RegionRole.PRIMARY) {
            for (BucketSpec bucket : d.bucketList()) {
                if (bucket.replicatesIn(d)) {
                    DrAlarms.bucketReplication(alarms, bucket.name(), bucket.bucketName(d, region),
                            bucket.bucketName(d, otherRegion()), ReplicatedBuckets.ruleId(otherRegion()));
                }
            }
        }
        if (d.wafSpec().isPresent() && d.cdnSpec().isEmpty()) {
            new WebAcl(this, "Waf", prefix + "-" + region, d.wafSpec().get(), WebAcl.Scope.REGIONAL)
                    .associate(services.getLoadBalancer().getLoadBalancerArn());
        }
        new ApplicationDashboard(this, "Dashboard", prefix + "-" + region, alarms.getAlarms(), services,
                d.failedOver() ? null : database, cache, resilience);

        publishParameters();

        io.drplatform.cdk.DeploymentStack.tag(this, d);
        Tags.of(this).add("RegionRole", props.role().id());
    }

    /**
     * The service whose deep-health path Route 53 checks: {@code api} if there is one, else the first service that
     * connects to the database (its deep check can prove the database is writable), else the first service.
     */
    public static ServiceSpec healthCheckedService(Deployment d) {
        return d.service("api").or(() -> d.services().stream().filter(s -> s.connectsTo("database")).findFirst())
                .orElse(d.services().get(0));
    }

    /** {@code <region>.<domainName>}: the name that aliases one region's load balancer. */
    public static String regionalDomain(Deployment d, String region) {
        return region + "." + d.dns().domainName();
    }

    /** A database ARN built from the manifest (never from an imported instance: aws/aws-cdk#28998). */
    private String databaseArn(String region, String identifier) {
        return "arn:aws:rds:" + region + ":" + props.deployment().account() + ":db:" + identifier;
    }

    /** The manifest names the zones, so synthesis without an account yields real, deployable zones. */
    @Override
    public List<String> getAvailabilityZones() {
        return props == null ? super.getAvailabilityZones() : props.deployment().network().zonesOf(props.region());
    }

    /**
     * The region's database as services and migrations reach it: its own instance (the writable primary, or the
     * read-only replica in a standby) and the credentials generated in the manifest's primary region, read from their
     * Secrets Manager replicas (same names) everywhere else, so the standby works without the primary region.
     */
    private ContainerContract.Database databaseAccess() {
        Deployment d = props.deployment();
        String endpoint = replica != null ? replica.endpointAddress() : database.getInstance().getDbInstanceEndpointAddress();
        String name = d.database().databaseName();
        if (database != null) {
            return new ContainerContract.Database(endpoint, name, database.getCredentials(), database.getApplicationCredentials());
        }
        // Named after the original instance, which keeps its identifier for good: after a failover the manifest's primary
        // region holds a replica with another identifier, but the secrets are still the original's.
        String home = d.qualifiedName() + "-" + d.homeRegion();
        return new ContainerContract.Database(endpoint, name,
                software.amazon.awscdk.services.secretsmanager.Secret.fromSecretNameV2(this, "DatabaseCredentials",
                        PostgresDatabase.ownerSecretName(home)),
                software.amazon.awscdk.services.secretsmanager.Secret.fromSecretNameV2(this, "ApplicationCredentials",
                        PostgresDatabase.applicationSecretName(home)));
    }

    /**
     * The identity provider services trust: the environment's user pool, whose URLs the auth stack writes into this
     * region's parameters (read when this stack deploys), or the manifest's external issuer.
     */
    private ContainerContract.Auth auth() {
        Deployment d = props.deployment();
        if (d.auth() == null) {
            return null;
        }
        if (d.auth().platformUserPool()) {
            return new ContainerContract.Auth(
                    StringParameter.valueForStringParameter(this, PlatformParameters.name(d, props.region(), PlatformParameters.AUTH_ISSUER_URI)),
                    StringParameter.valueForStringParameter(this, PlatformParameters.name(d, props.region(), PlatformParameters.AUTH_JWKS_URI)));
        }
        return new ContainerContract.Auth(d.auth().issuerUri(), d.auth().externalJwksUri());
    }

    private void publishParameters() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PlatformParameters.ALB_DNS_NAME, services.getLoadBalancer().getLoadBalancerDnsName());
        values.put(PlatformParameters.ALB_HOSTED_ZONE_ID, services.getLoadBalancer().getLoadBalancerCanonicalHostedZoneId());
        values.put(PlatformParameters.ECS_CLUSTER, services.getCluster().getClusterName());
        values.put(PlatformParameters.ECS_SERVICES, String.join(",", services.getServices().keySet()));
        values.put(PlatformParameters.ALARM_TOPIC_ARN, alarmTopic.getTopic().getTopicArn());
        Deployment d = props.deployment();
        // The alarms that stop a DR drill: the manifest's dr.stopConditions, or all of them. None in this region: no
        // parameter (SSM refuses an empty value; the DR tool reads a missing list as empty).
        String stopAlarms = alarms.getAlarms(kind -> d.dr() == null || d.dr().stopsDrills(kind)).stream()
                .map(Alarm::getAlarmName).collect(Collectors.joining(","));
        if (!stopAlarms.isEmpty()) {
            values.put(PlatformParameters.STOP_ALARMS, stopAlarms);
        }
        if (database != null || replica != null) {
            String identifier = d.databaseIdentifier(props.region());
            values.put(PlatformParameters.DB_INSTANCE_ID, identifier);
            values.put(PlatformParameters.DB_INSTANCE_ARN, databaseArn(props.region(), identifier));
            values.put(PlatformParameters.DB_SECRET_ARN, databaseAccess.owner().getSecretArn());
            values.put(PlatformParameters.DB_APPLICATION_SECRET_ARN, databaseAccess.application().getSecretArn());
            boolean isReplica = replica != null && replica.isReplica();
            values.put(PlatformParameters.DB_ROLE, isReplica ? "replica" : "primary");
            if (isReplica) {
                values.put(PlatformParameters.DB_SOURCE_ARN, databaseArn(d.activeRegion(), d.databaseIdentifier(d.activeRegion())));
            }
        }
        if (d.hasStandby()) {
            values.put(PlatformParameters.REGIONAL_DOMAIN, regionalDomain(d, props.region()));
            values.put(PlatformParameters.DR_STRATEGY, d.dr().strategy().id());
            values.put(PlatformParameters.DR_ACTIVE_REGION, d.activeRegion());
            values.put(PlatformParameters.ECS_FAILOVER_COUNTS, StandbyCapacity.failoverCounts(d));
        }
        if (!d.bucketList().isEmpty()) {
            values.put(PlatformParameters.BUCKET_NAMES, d.bucketList().stream()
                    .map(b -> b.bucketName(d, props.region())).collect(Collectors.joining(",")));
        }
        values.forEach((key, value) -> StringParameter.Builder.create(this, "Parameter-" + key.replace('/', '-'))
                .parameterName(PlatformParameters.name(props.deployment(), props.region(), key))
                .stringValue(value)
                .description("Published by the DR platform for the DR tool and operators")
                .build());
    }

    private String otherRegion() {
        Deployment d = props.deployment();
        return props.region().equals(d.regions().primary()) ? d.regions().standby() : d.regions().primary();
    }

    private static final Map<Integer, RetentionDays> RETENTION = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS), Map.entry(5, RetentionDays.FIVE_DAYS),
            Map.entry(7, RetentionDays.ONE_WEEK), Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

    /** The manifest validates retention against the values CloudWatch accepts, so the lookup cannot miss. */
    private static RetentionDays retention(int days) {
        return RETENTION.get(days);
    }

    @Override
    public Deployment getDeployment() {
        return props.deployment();
    }

    public RegionRole getRole() {
        return props.role();
    }

    @Override
    public String roleLabel() {
        return props.role().id();
    }

    public Network getNetwork() {
        return network;
    }

    public PostgresDatabase getDatabase() {
        return database;
    }

    /** The region's own instance when it is not the original primary: a cross-region replica or the promoted one. */
    public CrossRegionReplica getReplica() {
        return replica;
    }

    public RedisCache getCache() {
        return cache;
    }

    public ApplicationServices getServices() {
        return services;
    }

    public AlarmTopic getAlarmTopic() {
        return alarmTopic;
    }

    public List<Alarm> getAlarms() {
        return alarms.getAlarms();
    }
}
