package io.drplatform.manifest;

/**
 * Names of the SSM parameters the CDK app writes in each region and the DR tool reads, so nobody types
 * resource names by hand and no stack depends on another region's CloudFormation exports.
 *
 * <p>Layout: {@code /dr-platform/<application>/<environment>/<region>/<key>}. Each region's stacks write only
 * their own region's parameters; readers name the region explicitly.
 */
public final class PlatformParameters {
    public static final String ROOT = "/dr-platform";

    /** RDS instance identifier of the region's database (the primary, or the cross-region replica). */
    public static final String DB_INSTANCE_ID = "database/instance-id";
    /** ARN of the region's database instance. */
    public static final String DB_INSTANCE_ARN = "database/instance-arn";
    /** Secrets Manager ARN of the database credentials. */
    public static final String DB_SECRET_ARN = "database/secret-arn";
    /** DNS name of the region's load balancer. */
    public static final String ALB_DNS_NAME = "alb/dns-name";
    /** Canonical hosted zone id of the region's load balancer (for alias records). */
    public static final String ALB_HOSTED_ZONE_ID = "alb/hosted-zone-id";
    /** Name of the region's ECS cluster. */
    public static final String ECS_CLUSTER = "ecs/cluster-name";
    /** Comma-separated ECS service names in the region. */
    public static final String ECS_SERVICES = "ecs/service-names";
    /** SNS topic that receives the region's alarms. */
    public static final String ALARM_TOPIC_ARN = "alarms/topic-arn";
    /** Comma-separated CloudWatch alarm names that stop a drill when they fire. */
    public static final String STOP_ALARMS = "alarms/stop-condition-names";
    /** Route 53 health check id of the region's deep health endpoint. */
    public static final String HEALTH_CHECK_ID = "route53/health-check-id";
    /** ARC routing control ARN for the region, when routing controls are enabled. */
    public static final String ROUTING_CONTROL_ARN = "arc/routing-control-arn";

    private PlatformParameters() {
    }

    public static String prefix(Deployment deployment, String region) {
        return ROOT + "/" + deployment.name() + "/" + deployment.environment().id() + "/" + region;
    }

    public static String name(Deployment deployment, String region, String key) {
        return prefix(deployment, region) + "/" + key;
    }
}
