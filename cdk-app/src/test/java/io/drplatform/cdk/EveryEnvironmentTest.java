package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.EnvironmentName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Properties every environment of the reference application must have. */
class EveryEnvironmentTest {

    @ParameterizedTest
    @EnumSource(EnvironmentName.class)
    void onlyTheLoadBalancerIsOpenToTheInternetAndOnlyOn80And443(EnvironmentName environment) {
        Template template = ReferenceApp.get().template(environment);
        List<Map<String, Object>> openRules = new ArrayList<>();
        for (Object resource : template.findResources("AWS::EC2::SecurityGroup").values()) {
            Map<String, Object> properties = properties(resource);
            for (Object rule : (List<?>) properties.getOrDefault("SecurityGroupIngress", List.of())) {
                @SuppressWarnings("unchecked")
                Map<String, Object> ingress = (Map<String, Object>) rule;
                if ("0.0.0.0/0".equals(ingress.get("CidrIp")) || "::/0".equals(ingress.get("CidrIpv6"))) {
                    openRules.add(Map.of(
                            "group",
                            properties.get("GroupDescription"),
                            "port",
                            ingress.get("FromPort"),
                            "toPort",
                            ingress.get("ToPort")));
                }
            }
        }
        for (Object resource :
                template.findResources("AWS::EC2::SecurityGroupIngress").values()) {
            Map<String, Object> ingress = properties(resource);
            assertThat(ingress.get("CidrIp"))
                    .as("stand-alone ingress rules come from security groups, never the internet")
                    .isNotEqualTo("0.0.0.0/0");
        }
        assertThat(openRules).extracting(r -> r.get("port")).containsExactlyInAnyOrder(443, 80);
        assertThat(openRules).allSatisfy(r -> {
            assertThat(r.get("port")).isEqualTo(r.get("toPort"));
            assertThat((String) r.get("group")).startsWith("Public entry point");
        });
    }

    @ParameterizedTest
    @EnumSource(EnvironmentName.class)
    void databaseAdmitsOnly5432FromTasksAndTheRotationFunctions(EnvironmentName environment) {
        Template template = ReferenceApp.get().template(environment);
        String databaseGroup = template.findResources(
                        "AWS::EC2::SecurityGroup",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of("GroupDescription", Match.stringLikeRegexp("PostgreSQL.*"))))))
                .keySet()
                .iterator()
                .next();
        List<Map<String, Object>> rules = template.findResources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(EveryEnvironmentTest::properties)
                .filter(p ->
                        Map.of("Fn::GetAtt", List.of(databaseGroup, "GroupId")).equals(p.get("GroupId")))
                .toList();
        assertThat(rules).hasSize(3).allSatisfy(rule -> {
            assertThat(rule)
                    .containsEntry("FromPort", 5432)
                    .containsEntry("ToPort", 5432)
                    .containsKey("SourceSecurityGroupId");
            assertThat(rule).doesNotContainKey("CidrIp");
        });
        assertThat(rules)
                .extracting(r -> r.get("Description"))
                .containsExactlyInAnyOrder(
                        "PostgreSQL from service api",
                        "credential rotation function",
                        "application credential rotation function");
    }

    @ParameterizedTest
    @EnumSource(EnvironmentName.class)
    void everyAlarmNotifiesItsSeveritysTopicAndLinksItsRunbook(EnvironmentName environment) {
        Template template = ReferenceApp.get().template(environment);
        Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");
        AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(template);
        var routing = ReferenceApp.get().manifest.deployment(environment).alarms();
        Set<String> kinds = new java.util.TreeSet<>();
        alarms.values().forEach(alarm -> {
            Map<String, Object> p = properties(alarm);
            assertThat((String) p.get("AlarmDescription"))
                    .contains("On-call: ")
                    .containsPattern("Runbook: ops-runbooks/alarm-guide\\.md#[a-z0-9-]+$");
            String description = (String) p.get("AlarmDescription");
            String anchor = description.substring(description.lastIndexOf('#') + 1);
            assertThat(topics.severityOf(alarm))
                    .as("alarm %s", p.get("AlarmName"))
                    .isEqualTo(routing.severity(AlarmKind.fromAnchor(anchor).orElseThrow()));
            kinds.add(anchor);
        });
        List<String> expected = new ArrayList<>(List.of(
                "alb-5xx-rate",
                "target-p99-latency",
                "unhealthy-hosts",
                "ecs-cpu",
                "ecs-memory",
                "rds-cpu",
                "rds-free-storage",
                "rds-connections",
                "redis-cpu",
                "redis-memory",
                "redis-evictions",
                "service-breaker-open",
                "service-read-only")); // api has resilienceSignals: true
        if (environment != EnvironmentName.DEVELOPMENT) {
            expected.add("dr-s3-replication-failures"); // the report bucket replicates to the standby region
        }
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(expected);
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(Map.of(
                        "Protocol", "email",
                        "Endpoint", "oncall@example.com",
                        "TopicArn", Map.of("Ref", topics.topic(AlarmSeverity.PAGE)))));
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(
                        Map.of("Protocol", "https", "TopicArn", Map.of("Ref", topics.topic(AlarmSeverity.PAGE)))));
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(Map.of(
                        "Protocol", "email",
                        "Endpoint", "team@example.com",
                        "TopicArn", Map.of("Ref", topics.topic(AlarmSeverity.INFO)))));
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
    }

    @ParameterizedTest
    @EnumSource(EnvironmentName.class)
    void cdkNagFindsNothingUnsuppressed(EnvironmentName environment) {
        var stack = ReferenceApp.get().primary(environment);
        assertThat(ReferenceApp.get().nagFindings(stack))
                .as("cdk-nag errors and warnings")
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Object resource) {
        return (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
    }
}
