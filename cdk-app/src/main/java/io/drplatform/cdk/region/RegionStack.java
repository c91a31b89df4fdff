package io.drplatform.cdk.region;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.database.CrossRegionReplica;
import io.drplatform.cdk.database.PostgresDatabase;
import io.drplatform.cdk.network.Network;
import io.drplatform.cdk.observability.AlarmTopics;
import io.drplatform.cdk.observability.ApplicationDashboard;
import io.drplatform.cdk.security.WebAcl;
import io.drplatform.cdk.services.ApplicationServices;
import io.drplatform.cdk.stack.DeploymentStack;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionPlan;
import io.drplatform.manifest.plan.RegionRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.constructs.Construct;

/**
 * Everything an application needs in one region of one environment, as its {@link RegionPlan} describes it: network,
 * database, cache, services behind the load balancer and the region's DNS name, alarms and a dashboard. Identifiers
 * other tools need (the DR tool, the other region) are published as SSM parameters in this region, never as
 * CloudFormation exports.
 */
public class RegionStack extends Stack implements DeploymentStack {

    /**
     * @param plan              what the region gets
     * @param manifestDirectory the directory that image build contexts in the manifest are relative to
     */
    public record Props(RegionPlan plan, Path manifestDirectory) {
        public Props {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(manifestDirectory, "manifestDirectory");
        }
    }

    private final RegionPlan plan;
    private final Network network;
    private final RegionDatabases databases;
    private final RedisCache cache;
    private final ApplicationServices services;
    private final RegionAlarms alarms;

    public RegionStack(Construct scope, String id, Props props) {
        super(
                scope,
                id,
                DeploymentStack.props(
                        props.plan().deployment(),
                        id,
                        props.plan().region(),
                        "in " + props.plan().region() + " ("
                                + props.plan().role().id() + " region)"));
        this.plan = props.plan();
        Deployment d = plan.deployment();
        LogPolicy logs = LogPolicy.of(this, d);

        this.network = new Network(
                this,
                "Network",
                new Network.Props(
                        plan.cidr(), getAvailabilityZones(), plan.natGateways(), logs.retention(), logs.removal()));
        this.databases = new RegionDatabases(this, plan, network, logs);
        this.cache = Optional.ofNullable(d.cache())
                .map(spec -> new RedisCache(
                        this,
                        "Cache",
                        new RedisCache.Props(
                                network.getVpc(), network.dataSubnets(), spec, d.qualifiedName(), List.of())))
                .orElse(null);
        IHostedZone zone = HostedZone.fromHostedZoneAttributes(
                this,
                "Zone",
                HostedZoneAttributes.builder()
                        .hostedZoneId(d.dns().hostedZoneId())
                        .zoneName(d.dns().hostedZoneName())
                        .build());

        ContainerContract.Database database = databases.access(this, plan);
        ContainerContract contract = new ContainerContract(
                plan,
                database,
                cache == null ? null : new ContainerContract.Cache(cache.primaryEndpoint(), cache.getAuthToken()),
                ContainerContract.Auth.of(this, plan));
        this.services = RegionServices.build(
                this, plan, network, zone, contract, props.manifestDirectory(), logs, databases, cache);
        RegionRecord.create(this, zone, plan, services.getLoadBalancer());

        this.alarms = new RegionAlarms(this, plan, services, databases, cache);
        if (d.waf() != null && d.cdn() == null) {
            new WebAcl(this, "Waf", plan.name(), d.waf(), WebAcl.Scope.REGIONAL)
                    .associate(services.getLoadBalancer().getLoadBalancerArn());
        }
        new ApplicationDashboard(
                this,
                "Dashboard",
                plan.name(),
                alarms.factory().getAlarms(),
                services,
                databases.servingOriginal(),
                cache,
                alarms.resilience(),
                alarms.serviceMetrics());
        RegionParameters.publish(this, plan, services, alarms, database);

        DeploymentStack.tag(this, d);
        Tags.of(this).add("RegionRole", plan.role().id());
    }

    /** The manifest names the zones, so synthesis without an account yields real, deployable zones. */
    @Override
    public List<String> getAvailabilityZones() {
        return plan == null
                ? super.getAvailabilityZones()
                : plan.deployment().network().zonesOf(plan.region());
    }

    public RegionPlan getPlan() {
        return plan;
    }

    @Override
    public Deployment getDeployment() {
        return plan.deployment();
    }

    public RegionRole getRole() {
        return plan.role();
    }

    @Override
    public String roleLabel() {
        return plan.role().id();
    }

    public Network getNetwork() {
        return network;
    }

    /** The original instance, where this region keeps it (the manifest's primary region). */
    public PostgresDatabase getDatabase() {
        return databases.original();
    }

    /** The region's own instance when it is not the original primary: a cross-region replica or the promoted one. */
    public CrossRegionReplica getReplica() {
        return databases.regional();
    }

    public RedisCache getCache() {
        return cache;
    }

    public ApplicationServices getServices() {
        return services;
    }

    public AlarmTopics getAlarmTopics() {
        return alarms.topics();
    }

    public List<Alarm> getAlarms() {
        return alarms.factory().getAlarms();
    }
}
