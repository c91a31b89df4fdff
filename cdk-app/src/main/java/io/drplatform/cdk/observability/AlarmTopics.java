package io.drplatform.cdk.observability;

import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.AlarmSubscribers;
import io.drplatform.manifest.model.AlarmTargets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.UrlSubscription;
import software.constructs.Construct;

/**
 * The SNS topics a stack's alarms notify, one per {@link AlarmSeverity}: encrypted, TLS-only, each with the manifest's
 * subscribers of its severity. Every severity has its topic, with or without subscribers, so its name and parameter
 * exist for whoever subscribes later.
 */
public class AlarmTopics extends Construct {
    private final Map<AlarmSeverity, Topic> topics = new EnumMap<>(AlarmSeverity.class);

    public AlarmTopics(Construct scope, String id, String name, AlarmTargets targets) {
        super(scope, id);
        // One key for the stack's topics: the same service publishes to all of them, so a key each would cost more
        // without separating any access.
        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts alarm notifications of " + name)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch publishes to the encrypted topics on the alarm's behalf, so it must be able to use the key.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        for (AlarmSeverity severity : AlarmSeverity.values()) {
            Topic topic = Topic.Builder.create(this, "Topic-" + severity.id())
                    .topicName(topicName(name, severity))
                    .displayName("Alarms of " + name + " (" + severity.id() + ")")
                    .masterKey(key)
                    .enforceSsl(true)
                    .build();
            AlarmSubscribers subscribers = targets.subscribers(severity);
            subscribers.emails().forEach(address -> topic.addSubscription(new EmailSubscription(address)));
            subscribers.endpoints().forEach(url -> topic.addSubscription(new UrlSubscription(url)));
            topics.put(severity, topic);
        }
    }

    /** {@code <name>-alarms-<severity>}, e.g. {@code shop-production-eu-west-1-alarms-page}. */
    public static String topicName(String name, AlarmSeverity severity) {
        return name + "-alarms-" + severity.id();
    }

    /** The topic alarms of this severity notify. */
    public Topic topic(AlarmSeverity severity) {
        return topics.get(severity);
    }

    public Map<AlarmSeverity, Topic> getTopics() {
        return Collections.unmodifiableMap(topics);
    }
}
