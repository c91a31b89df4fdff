package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global stack's DNS failover: the Route 53 health checks (what they probe, how often, after how many failures
 * they call an endpoint unhealthy) and the failover records that follow them.
 */
public record GlobalStackTemplate(
        SynthesizedStack stack, Map<String, HealthCheck> healthChecks, List<FailoverRecord> failoverRecords) {

    /** Route 53's defaults where the template leaves a property out. */
    public record HealthCheck(
            String logicalId,
            String type,
            String domainName,
            int port,
            String path,
            int intervalSeconds,
            int failureThreshold) {

        static HealthCheck read(String logicalId, JsonNode config) {
            String type = config.path("Type").asText();
            return new HealthCheck(
                    logicalId,
                    type,
                    config.path("FullyQualifiedDomainName").asText(),
                    config.path("Port").asInt(type.startsWith("HTTPS") ? 443 : 80),
                    config.path("ResourcePath").asText("/"),
                    config.path("RequestInterval").asInt(30),
                    config.path("FailureThreshold").asInt(3));
        }
    }

    /**
     * One record of a failover pair: {@code PRIMARY} or {@code SECONDARY}, the name it answers to, the name it aliases
     * and the health check (by logical id) that decides whether Route 53 answers with it.
     */
    public record FailoverRecord(
            String logicalId, String name, String failover, String aliasTarget, Optional<String> healthCheckId) {}

    public static GlobalStackTemplate read(SynthesizedStack stack) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        stack.resourcesOfType("AWS::Route53::HealthCheck")
                .forEach((id, props) -> checks.put(id, HealthCheck.read(id, props.path("HealthCheckConfig"))));
        List<FailoverRecord> records = new ArrayList<>();
        stack.resourcesOfType("AWS::Route53::RecordSetGroup")
                .forEach((id, props) -> props.path("RecordSets").forEach(record -> failover(id, record, records)));
        stack.resourcesOfType("AWS::Route53::RecordSet").forEach((id, props) -> failover(id, props, records));
        return new GlobalStackTemplate(stack, Map.copyOf(checks), List.copyOf(records));
    }

    /** The health check that probes a name (a region's regional name, without the trailing dot). */
    public Optional<HealthCheck> healthCheckOf(String domainName) {
        String name = domainName.endsWith(".") ? domainName.substring(0, domainName.length() - 1) : domainName;
        return healthChecks.values().stream()
                .filter(check -> check.domainName().equals(name))
                .findFirst();
    }

    private static void failover(String logicalId, JsonNode record, List<FailoverRecord> into) {
        if (!record.has("Failover")) {
            return;
        }
        JsonNode check = record.path("HealthCheckId");
        Optional<String> checkId = check.isMissingNode()
                ? Optional.empty()
                : Optional.of(
                        check.has("Ref")
                                ? check.path("Ref").asText()
                                : check.path("Fn::GetAtt").path(0).asText());
        into.add(new FailoverRecord(
                logicalId,
                record.path("Name").asText(),
                record.path("Failover").asText(),
                record.path("AliasTarget").path("DNSName").asText(),
                checkId));
    }
}
