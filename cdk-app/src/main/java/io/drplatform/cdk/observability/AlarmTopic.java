package io.drplatform.cdk.observability;

import io.drplatform.manifest.model.AlarmTargets;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.UrlSubscription;
import software.constructs.Construct;

/** The SNS topic every alarm of a region notifies: encrypted, TLS-only, with the manifest's subscribers. */
public class AlarmTopic extends Construct {
    private final Topic topic;

    public AlarmTopic(Construct scope, String id, String name, AlarmTargets targets) {
        super(scope, id);
        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts alarm notifications of " + name)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch publishes to the encrypted topic on the alarm's behalf, so it must be able to use the key.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        this.topic = Topic.Builder.create(this, "Topic")
                .topicName(name + "-alarms")
                .displayName("Alarms of " + name)
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (targets.email() != null) {
            targets.email().forEach(address -> topic.addSubscription(new EmailSubscription(address)));
        }
        if (targets.https() != null) {
            targets.https().forEach(url -> topic.addSubscription(new UrlSubscription(url)));
        }
    }

    public Topic getTopic() {
        return topic;
    }
}
