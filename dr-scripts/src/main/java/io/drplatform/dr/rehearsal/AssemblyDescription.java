package io.drplatform.dr.rehearsal;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.template.EcsService;
import io.drplatform.dr.rehearsal.template.GlobalStackTemplate;
import io.drplatform.dr.rehearsal.template.ListenerRules;
import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.TargetGroup;
import java.util.Locale;

/**
 * What an environment's synthesized templates declare for a region pair, by logical id as the CloudFormation console
 * shows them: per region stack the database and its role, Redis, each ECS service with its container and target
 * group, the listener's rules; then the global stack's health checks and failover records.
 */
public final class AssemblyDescription {
    private AssemblyDescription() {}

    public static String render(EnvironmentTemplates environment) {
        StringBuilder text = new StringBuilder();
        for (EnvironmentTemplates.Region region : environment.regions()) {
            RegionStackTemplate template = region.template();
            line(
                    text,
                    "%s (%s, %s region)",
                    template.stack().name(),
                    template.region(),
                    region.plan().role().id());
            template.databases()
                    .forEach(db -> line(
                            text,
                            "  %-48s database  %s, port %d",
                            db.logicalId(),
                            db.role().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            db.port()));
            template.cache()
                    .ifPresent(cache -> line(
                            text,
                            "  %-48s redis     port %d, TLS %s, AUTH %s",
                            cache.logicalId(),
                            cache.port(),
                            cache.tls() ? "on" : "off",
                            cache.auth() ? "on" : "off"));
            for (EcsService service : template.services()) {
                line(
                        text,
                        "  %-48s service   %s: %d task(s) of %s, port %s, %d variables, %d secrets",
                        service.logicalId(),
                        service.name(),
                        service.desiredCount(),
                        service.container().taskDefinitionId(),
                        service.container().containerPort().isPresent()
                                ? Integer.toString(
                                        service.container().containerPort().getAsInt())
                                : "-",
                        service.container().environment().size(),
                        service.container().secrets().size());
                service.targetGroupId().map(template::targetGroup).ifPresent(group -> targets(text, group));
            }
            template.listener().ifPresent(listener -> rules(text, listener));
        }
        environment.global().ifPresent(global -> global(text, global));
        return text.toString();
    }

    private static void targets(StringBuilder text, TargetGroup group) {
        line(
                text,
                "  %-48s targets   port %d, health %s every %d s, healthy after %d, unhealthy after %d",
                group.logicalId(),
                group.port(),
                group.healthCheckPath(),
                group.intervalSeconds(),
                group.healthyThreshold(),
                group.unhealthyThreshold());
    }

    private static void rules(StringBuilder text, ListenerRules listener) {
        for (ListenerRules.Rule rule : listener.rules()) {
            line(
                    text,
                    "  %-48s rule      priority %d %s -> %s",
                    rule.id(),
                    rule.priority(),
                    rule.pathPatterns(),
                    destination(rule.action()));
        }
        line(text, "  %-48s listener  default -> %s", listener.listenerId(), destination(listener.defaultAction()));
    }

    private static void global(StringBuilder text, GlobalStackTemplate global) {
        line(text, "%s (%s, global)", global.stack().name(), global.stack().region());
        global.healthChecks().values().stream()
                .sorted(java.util.Comparator.comparing(GlobalStackTemplate.HealthCheck::logicalId))
                .forEach(check -> line(
                        text,
                        "  %-48s health    %s %s:%d%s every %d s, unhealthy after %d",
                        check.logicalId(),
                        check.type(),
                        check.domainName(),
                        check.port(),
                        check.path(),
                        check.intervalSeconds(),
                        check.failureThreshold()));
        global.failoverRecords()
                .forEach(record -> line(
                        text,
                        "  %-48s failover  %s %s -> %s%s",
                        record.logicalId(),
                        record.failover(),
                        record.name(),
                        record.aliasTarget(),
                        record.healthCheckId()
                                .map(id -> " while " + id + " passes")
                                .orElse("")));
    }

    private static String destination(ListenerRules.Action action) {
        return action.targetGroupId() == null ? action.type() : action.targetGroupId();
    }

    private static void line(StringBuilder text, String format, Object... values) {
        text.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
