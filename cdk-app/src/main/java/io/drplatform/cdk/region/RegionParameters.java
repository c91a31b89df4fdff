package io.drplatform.cdk.region;

import static io.drplatform.manifest.contract.PlatformParameters.*;

import io.drplatform.cdk.services.ApplicationServices;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.plan.RegionPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.ssm.StringParameter;

/**
 * The SSM parameters a region publishes for the DR tool and operators, in the stack itself: the plan's values,
 * known from the manifest, and those naming resources the stack creates (load balancer, cluster, topic, alarms,
 * secrets). Never CloudFormation exports, so no other stack depends on this one.
 */
final class RegionParameters {
    /** Publication order: it is the order of the resources in the template. */
    private static final List<String> ORDER = List.of(
            ALB_DNS_NAME,
            ALB_HOSTED_ZONE_ID,
            ECS_CLUSTER,
            ECS_SERVICES,
            alarmTopicArn(AlarmSeverity.PAGE),
            alarmTopicArn(AlarmSeverity.TICKET),
            alarmTopicArn(AlarmSeverity.INFO),
            STOP_ALARMS,
            DB_INSTANCE_ID,
            DB_INSTANCE_ARN,
            DB_SECRET_ARN,
            DB_APPLICATION_SECRET_ARN,
            DB_ROLE,
            DB_SOURCE_ARN,
            REGIONAL_DOMAIN,
            DR_STRATEGY,
            DR_ACTIVE_REGION,
            ECS_FAILOVER_COUNTS,
            BUCKET_NAMES);

    private RegionParameters() {}

    static void publish(
            Stack stack,
            RegionPlan plan,
            ApplicationServices services,
            RegionAlarms alarms,
            ContainerContract.Database database) {
        Deployment d = plan.deployment();
        Map<String, String> created = new LinkedHashMap<>();
        created.put(ALB_DNS_NAME, services.getLoadBalancer().getLoadBalancerDnsName());
        created.put(ALB_HOSTED_ZONE_ID, services.getLoadBalancer().getLoadBalancerCanonicalHostedZoneId());
        created.put(ECS_CLUSTER, services.getCluster().getClusterName());
        alarms.topics()
                .getTopics()
                .forEach((severity, topic) -> created.put(alarmTopicArn(severity), topic.getTopicArn()));
        // The alarms that stop a DR drill: the manifest's dr.stopConditions, or all of them. None in this region: no
        // parameter (SSM refuses an empty value; the DR tool reads a missing list as empty).
        String stopAlarms = alarms.factory().getAlarms(kind -> d.dr() == null || d.dr().stopsDrills(kind)).stream()
                .map(Alarm::getAlarmName)
                .collect(Collectors.joining(","));
        if (!stopAlarms.isEmpty()) {
            created.put(STOP_ALARMS, stopAlarms);
        }
        if (database != null) {
            created.put(DB_SECRET_ARN, database.owner().getSecretArn());
            created.put(DB_APPLICATION_SECRET_ARN, database.application().getSecretArn());
        }
        Map<String, String> values = new LinkedHashMap<>();
        ORDER.forEach(key -> {
            String value = created.containsKey(key)
                    ? created.get(key)
                    : plan.parameters().get(key);
            if (value != null) {
                values.put(key, value);
            }
        });
        plan.parameters().forEach(values::putIfAbsent);
        values.forEach((key, value) -> StringParameter.Builder.create(stack, "Parameter-" + key.replace('/', '-'))
                .parameterName(name(d, plan.region(), key))
                .stringValue(value)
                .description("Published by the DR platform for the DR tool and operators")
                .build());
    }
}
