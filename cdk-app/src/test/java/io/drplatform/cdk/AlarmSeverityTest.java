package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.EnvironmentName;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Alarm severities as they reach the templates ({@code manifests/alarm-severities.yaml} in the test resources): a
 * topic per severity, encrypted, with that severity's subscribers only; each alarm notifies its severity's topic on
 * alarm and on recovery; an override re-routes one kind per environment; one SSM parameter names each topic.
 */
class AlarmSeverityTest {
    private static ReferenceApp app;
    private static Template staging;
    private static Template production;

    @BeforeAll
    static void synthesize() throws URISyntaxException {
        Path manifest = Path.of(AlarmSeverityTest.class
                .getResource("/manifests/alarm-severities.yaml")
                .toURI());
        app = new ReferenceApp(manifest, EnumSet.of(EnvironmentName.STAGING, EnvironmentName.PRODUCTION));
        staging = app.template(EnvironmentName.STAGING);
        production = app.template(EnvironmentName.PRODUCTION);
    }

    @Test
    void aTopicPerSeverityEncryptedWithTheStacksOneKey() {
        production.resourceCountIs("AWS::SNS::Topic", 3);
        assertThat(production.findResources(
                        "AWS::KMS::Key",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of(
                                        "Description",
                                        "Encrypts alarm notifications of shop-production-eu-west-1",
                                        "EnableKeyRotation",
                                        true))))))
                .hasSize(1);
        AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(production);
        Set<Object> keys = production.findResources("AWS::SNS::Topic").values().stream()
                .map(topic -> DisasterRecoveryTest.properties(topic).get("KmsMasterKeyId"))
                .collect(Collectors.toSet());
        assertThat(keys).as("one key for the three topics").hasSize(1);
        for (AlarmSeverity severity : AlarmSeverity.values()) {
            production.hasResource(
                    "AWS::SNS::Topic",
                    Match.objectLike(Map.of(
                            "Properties",
                            Match.objectLike(Map.of(
                                    "TopicName",
                                    "shop-production-eu-west-1-alarms-" + severity.id(),
                                    "KmsMasterKeyId",
                                    Match.anyValue())))));
            // enforceSsl: the topic policy denies publishing without TLS.
            production.hasResourceProperties(
                    "AWS::SNS::TopicPolicy",
                    Match.objectLike(Map.of(
                            "Topics",
                            List.of(Map.of("Ref", topics.topic(severity))),
                            "PolicyDocument",
                            Match.objectLike(Map.of(
                                    "Statement",
                                    Match.arrayWith(List.of(Match.objectLike(Map.of(
                                            "Effect",
                                            "Deny",
                                            "Condition",
                                            Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        }
    }

    @Test
    void eachSeverityHasItsOwnSubscribers() {
        AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(production);
        production.resourceCountIs("AWS::SNS::Subscription", 3);
        production.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(Map.of(
                        "Protocol", "email",
                        "Endpoint", "oncall@example.org",
                        "TopicArn", Map.of("Ref", topics.topic(AlarmSeverity.PAGE)))));
        production.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(Map.of(
                        "Protocol", "https",
                        "Endpoint", "https://events.example.org/enqueue",
                        "TopicArn", Map.of("Ref", topics.topic(AlarmSeverity.PAGE)))));
        production.hasResourceProperties(
                "AWS::SNS::Subscription",
                Match.objectLike(Map.of(
                        "Protocol", "email",
                        "Endpoint", "team@example.org",
                        "TopicArn", Map.of("Ref", topics.topic(AlarmSeverity.TICKET)))));
    }

    @Test
    void everyAlarmNotifiesTheTopicOfItsSeverity() {
        for (var environment : Map.of(EnvironmentName.STAGING, staging, EnvironmentName.PRODUCTION, production)
                .entrySet()) {
            Template template = environment.getValue();
            AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(template);
            var alarms = app.manifest.deployment(environment.getKey()).alarms();
            Map<String, Map<String, Object>> created = template.findResources("AWS::CloudWatch::Alarm");
            assertThat(created).isNotEmpty();
            created.values().forEach(alarm -> {
                String description =
                        String.valueOf(DisasterRecoveryTest.properties(alarm).get("AlarmDescription"));
                AlarmKind kind = AlarmKind.fromAnchor(description.substring(description.lastIndexOf('#') + 1))
                        .orElseThrow();
                assertThat(topics.severityOf(alarm))
                        .as("%s in %s", kind, environment.getKey())
                        .isEqualTo(alarms.severity(kind));
            });
        }
    }

    @Test
    void anOverrideReRoutesOneKindAndTheDescriptionSaysSo() {
        AlarmTopicsInTemplate productionTopics = new AlarmTopicsInTemplate(production);
        AlarmTopicsInTemplate stagingTopics = new AlarmTopicsInTemplate(staging);
        production.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", "shop-production-eu-west-1-rds-cpu",
                        "AlarmActions", productionTopics.actions(AlarmSeverity.PAGE),
                        "OKActions", productionTopics.actions(AlarmSeverity.PAGE),
                        "AlarmDescription",
                                Match.stringLikeRegexp(
                                        ".*Tuned by the manifest \\(alarms.overrides\\): severity page;.*#rds-cpu$"))));
        staging.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", "shop-staging-eu-west-1-rds-cpu",
                        "AlarmActions", stagingTopics.actions(AlarmSeverity.INFO),
                        "OKActions", stagingTopics.actions(AlarmSeverity.INFO))));
        production.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", "shop-production-eu-west-1-rds-connections",
                        "AlarmActions", productionTopics.actions(AlarmKind.RDS_CONNECTIONS.defaultSeverity()),
                        "AlarmDescription", Match.not(Match.stringLikeRegexp(".*Tuned by the manifest.*")))));
    }

    @Test
    void aParameterNamesEachSeveritysTopic() {
        AlarmTopicsInTemplate topics = new AlarmTopicsInTemplate(production);
        for (AlarmSeverity severity : AlarmSeverity.values()) {
            production.hasResourceProperties(
                    "AWS::SSM::Parameter",
                    Match.objectLike(Map.of(
                            "Name",
                            "/dr-platform/shop/production/eu-west-1/alarms/topic-arn/" + severity.id(),
                            "Value",
                            Map.of("Ref", topics.topic(severity)))));
        }
    }

    @Test
    void nagStaysClean() {
        SeedManifestsTest.nagClean(app);
    }
}
