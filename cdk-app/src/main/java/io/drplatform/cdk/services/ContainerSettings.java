package io.drplatform.cdk.services;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * What the platform adds to a container besides the manifest's own variables: where it runs and its connection
 * settings.
 *
 * @param secrets       injected by ECS when the task starts (the execution role reads them)
 * @param readAtRunTime    secrets the task itself may read while it runs (its task role is granted read on each), for
 *                         credentials that rotate under a running task
 * @param metricsNamespace the CloudWatch namespace the task may publish metrics to (PutMetricData), or null
 */
public record ContainerSettings(
        Map<String, String> environment,
        Map<String, Secret> secrets,
        List<ISecret> readAtRunTime,
        String metricsNamespace) {
    public static ContainerSettings none() {
        return new ContainerSettings(Map.of(), Map.of(), List.of(), null);
    }
}
