package io.drplatform.cdk.services;

import io.drplatform.manifest.model.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.constructs.Construct;

/**
 * The application's compute: an ECS cluster with Container Insights, one {@link ContainerService} per service, and the
 * {@link PublicEntryPoint} that terminates TLS and routes paths to them. The service without routes takes every request
 * no rule matches.
 */
public class ApplicationServices extends Construct {
    /** Path rules start here, leaving room ahead of them for {@link #routeHealthPath}. */
    private static final int FIRST_RULE_PRIORITY = 10;

    /**
     * @param imageBase      directory that relative image build contexts are resolved against
     * @param containerSettings connection settings the platform injects per service
     * @param migrationSettings  the settings of a service's migration task; null where no migration may run (the
     *                          database is a read-only replica)
     */
    public record Props(
            IVpc vpc,
            SubnetSelection taskSubnets,
            SubnetSelection loadBalancerSubnets,
            String name,
            List<ServiceSpec> services,
            IHostedZone hostedZone,
            String domainName,
            Path imageBase,
            RetentionDays logRetention,
            RemovalPolicy logRemovalPolicy,
            Function<ServiceSpec, ContainerSettings> containerSettings,
            Function<ServiceSpec, ContainerSettings> migrationSettings,
            List<String> alternativeNames) {}

    private final Cluster cluster;
    private final PublicEntryPoint entryPoint;
    private final Map<String, ContainerService> services = new LinkedHashMap<>();
    private final Map<String, ApplicationTargetGroup> targetGroups = new LinkedHashMap<>();

    public ApplicationServices(Construct scope, String id, Props props) {
        super(scope, id);
        this.cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(props.vpc())
                .clusterName(props.name())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();
        this.entryPoint = new PublicEntryPoint(
                this,
                new PublicEntryPoint.Props(
                        props.vpc(),
                        props.loadBalancerSubnets(),
                        props.name(),
                        props.hostedZone(),
                        props.domainName(),
                        props.alternativeNames(),
                        props.logRemovalPolicy()));

        for (ServiceSpec spec : props.services()) {
            ContainerService service = new ContainerService(
                    this,
                    spec.name(),
                    new ContainerService.Props(
                            cluster,
                            props.taskSubnets(),
                            props.name(),
                            spec,
                            props.imageBase(),
                            props.logRetention(),
                            props.logRemovalPolicy(),
                            props.containerSettings().apply(spec),
                            spec.migrates() && props.migrationSettings() != null
                                    ? props.migrationSettings().apply(spec)
                                    : null));
            services.put(spec.name(), service);
            targetGroups.put(
                    spec.name(),
                    entryPoint.targetGroup(
                            spec.name() + "Targets",
                            service.getService(),
                            spec.containerPort(),
                            spec.healthCheckPath()));
        }
        entryPoint.listen(props.services().stream()
                .filter(spec -> routes(spec).isEmpty())
                .findFirst()
                .map(spec -> targetGroups.get(spec.name()))
                .orElse(null));

        int priority = FIRST_RULE_PRIORITY;
        for (ServiceSpec spec : props.services()) {
            ApplicationTargetGroup targets = targetGroups.get(spec.name());
            priority = entryPoint.route(spec.name() + "Rule", priority, routes(spec), targets);
            // Scaling on requests per target needs the target group behind a listener.
            services.get(spec.name()).scale(targets);
        }
        // New tasks of every service that uses the database start only on the migrated schema.
        props.services().stream()
                .filter(spec -> spec.connectsTo("database"))
                .forEach(spec -> getMigrations()
                        .values()
                        .forEach(migration ->
                                services.get(spec.name()).getService().getNode().addDependency(migration)));
    }

    private static List<String> routes(ServiceSpec spec) {
        return spec.routes() == null ? List.of() : spec.routes();
    }

    /**
     * Routes the Route 53 deep-health path to one service ahead of every other rule, so the health checkers reach
     * the service that can prove the database is writable whatever the service's own routes are.
     */
    public void routeHealthPath(String serviceName, String path) {
        entryPoint.routeFirst("DeepHealth", path, targetGroups.get(serviceName));
    }

    public Cluster getCluster() {
        return cluster;
    }

    public ApplicationLoadBalancer getLoadBalancer() {
        return entryPoint.getLoadBalancer();
    }

    public ApplicationListener getHttpsListener() {
        return entryPoint.getHttpsListener();
    }

    /** Each service's ECS service, by service name. */
    public Map<String, FargateService> getServices() {
        Map<String, FargateService> byName = new LinkedHashMap<>();
        services.forEach((name, service) -> byName.put(name, service.getService()));
        return byName;
    }

    /** Each service's log group ({@code /ecs/<name>/<service>}), by service name. */
    public Map<String, LogGroup> getLogGroups() {
        Map<String, LogGroup> byName = new LinkedHashMap<>();
        services.forEach((name, service) -> byName.put(name, service.getLogGroup()));
        return byName;
    }

    /** The migration run of each service that declares one, where migrations may run. */
    public Map<String, MigrationRun> getMigrations() {
        Map<String, MigrationRun> byName = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.getMigration() != null) {
                byName.put(name, service.getMigration());
            }
        });
        return byName;
    }

    public Map<String, ApplicationTargetGroup> getTargetGroups() {
        return targetGroups;
    }
}
