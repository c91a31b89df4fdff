package io.drplatform.cdk.region;

import io.drplatform.cdk.cache.RedisCache;
import io.drplatform.cdk.network.Network;
import io.drplatform.cdk.services.ApplicationServices;
import io.drplatform.cdk.services.TraceCollector;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.ServiceSpec;
import io.drplatform.manifest.plan.RegionPlan;
import java.nio.file.Path;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.route53.IHostedZone;

/**
 * The region's services as its plan runs them (a standby's at the strategy's capacity), with what the container
 * contract gives them, admitted to the database and cache they connect to, and the deep-health path routed ahead of
 * every other rule.
 */
final class RegionServices {
    private RegionServices() {}

    static ApplicationServices build(
            Stack stack,
            RegionPlan plan,
            Network network,
            IHostedZone zone,
            ContainerContract contract,
            Path manifestDirectory,
            LogPolicy logs,
            RegionDatabases databases,
            RedisCache cache) {
        Deployment d = plan.deployment();
        ApplicationServices services = new ApplicationServices(
                stack,
                "Services",
                new ApplicationServices.Props(
                        network.getVpc(),
                        network.appSubnets(),
                        network.publicSubnets(),
                        d.qualifiedName(),
                        plan.services(),
                        zone,
                        d.dns().domainName(),
                        manifestDirectory,
                        logs.retention(),
                        logs.removal(),
                        contract::service,
                        // Migrations run only where the database is writable.
                        plan.writable() && contract.hasDatabase() ? contract::migration : null,
                        plan.regionalDomain().stream().toList()));
        // Each service reaches the database and the cache only if it connects to them.
        for (ServiceSpec spec : plan.services()) {
            FargateService service = services.getServices().get(spec.name());
            if (spec.connectsTo("database")) {
                databases.allowFrom(service, "PostgreSQL from service " + spec.name());
            }
            if (cache != null && spec.connectsTo("cache")) {
                cache.allowFrom(service, "Redis from service " + spec.name());
            }
        }
        // Traced services export to a collector in their own tasks (never in the migration task, which serves nothing).
        for (ServiceSpec spec : plan.services()) {
            if (d.tracingOf(spec.name()).isPresent()) {
                new TraceCollector(
                        services,
                        spec.name() + "Traces",
                        new TraceCollector.Props(
                                services.getServices().get(spec.name()).getTaskDefinition(),
                                services.getLogGroups().get(spec.name()),
                                plan.region()));
            }
        }
        // Route 53 (in the global stack) checks each region through its regional name by this path, and the deploy
        // workflow's smoke test through the public name: both must reach the service that can prove the database works.
        ServiceSpec checked = plan.healthCheckedService();
        services.routeHealthPath(checked.name(), checked.deepHealthCheckPath());
        return services;
    }
}
