package io.drplatform.manifest.contract;

import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.Deployment;

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
    /** Secrets Manager ARN of the application user's credentials (alternating-users rotation). */
    public static final String DB_APPLICATION_SECRET_ARN = "database/application-secret-arn";
    /**
     * The OpenID Connect issuer the services trust (the environment's Cognito user pool), written into every region of
     * the deployment by the auth stack and read by the region stacks when they deploy.
     */
    public static final String AUTH_ISSUER_URI = "auth/issuer-uri";
    /** The issuer's JSON Web Key Set URL, written and read like {@link #AUTH_ISSUER_URI}. */
    public static final String AUTH_JWKS_URI = "auth/jwks-uri";
    /** The Cognito user pool's id and region ({@code <region>/<id>}), for operators and the DR tool. */
    public static final String AUTH_USER_POOL = "auth/user-pool";
    /** DNS name of the region's load balancer. */
    public static final String ALB_DNS_NAME = "alb/dns-name";
    /** Canonical hosted zone id of the region's load balancer (for alias records). */
    public static final String ALB_HOSTED_ZONE_ID = "alb/hosted-zone-id";
    /** Name of the region's ECS cluster. */
    public static final String ECS_CLUSTER = "ecs/cluster-name";
    /** Comma-separated ECS service names in the region. */
    public static final String ECS_SERVICES = "ecs/service-names";
    /**
     * SNS topics that receive the region's alarms, one per severity: {@code alarms/topic-arn/page} and so on, see
     * {@link #alarmTopicArn}.
     */
    public static final String ALARM_TOPIC_ARN = "alarms/topic-arn";
    /** Comma-separated CloudWatch alarm names that stop a drill when they fire. */
    public static final String STOP_ALARMS = "alarms/stop-condition-names";
    /** Route 53 health check id of a region's deep health endpoint; a global parameter, see {@link #healthCheckKey}. */
    public static final String HEALTH_CHECK_ID = "route53/health-check-id";
    /**
     * ARC routing control ARN of a region, when routing controls are enabled: a global parameter (stored in the ARC
     * stack's region, us-west-2) named {@code .../global/arc/routing-control-arn/<region>}.
     */
    public static final String ROUTING_CONTROL_ARN = "arc/routing-control-arn";
    /** ARC cluster ARN (global parameter in us-west-2); its endpoints change routing-control states. */
    public static final String ARC_CLUSTER_ARN = "arc/cluster-arn";
    /**
     * The ARC cluster's data-plane endpoints (global parameter in us-west-2), {@code region=url,...}: routing-control
     * states change there, and a caller tries them in turn, since any one region may be the one that is down.
     */
    public static final String ARC_CLUSTER_ENDPOINTS = "arc/cluster-endpoints";

    /** Role of the region's database for the current DR state: {@code primary} or {@code replica}. */
    public static final String DB_ROLE = "database/role";
    /** For a replica: ARN of the instance it replicates from (built from the manifest, never exported). */
    public static final String DB_SOURCE_ARN = "database/source-arn";
    /** Region-specific DNS name that aliases the region's load balancer, e.g. {@code us-west-2.tco.example.com}. */
    public static final String REGIONAL_DOMAIN = "route53/regional-domain";
    /** The DR strategy as deployed: none, pilot-light or warm-standby. */
    public static final String DR_STRATEGY = "dr/strategy";
    /** The region holding the writable database as the stacks were last deployed. */
    public static final String DR_ACTIVE_REGION = "dr/active-region";
    /** Comma-separated {@code service=count} pairs: the task counts to scale a standby to at failover. */
    public static final String ECS_FAILOVER_COUNTS = "ecs/failover-desired-counts";
    /** Comma-separated names of the region's S3 buckets. */
    public static final String BUCKET_NAMES = "s3/bucket-names";

    /** Where the global stack lives (Route 53 health-check metrics, CloudFront certificates and WAF). */
    public static final String GLOBAL_REGION = "us-east-1";
    /** Where the ARC stack lives (the Route 53 ARC control plane's region). */
    public static final String ARC_REGION = "us-west-2";

    /** A parameter that is not in the region it describes: where to read it. */
    public record Location(String region, String name) {}

    /** The Route 53 health check of one region's deep-health path (written by the global stack in us-east-1). */
    public static Location healthCheckId(Deployment deployment, String region) {
        return new Location(GLOBAL_REGION, globalName(deployment, healthCheckKey(region)));
    }

    /** The ARC routing control of one region (written by the ARC stack in us-west-2). */
    public static Location routingControlArn(Deployment deployment, String region) {
        return new Location(ARC_REGION, globalName(deployment, ROUTING_CONTROL_ARN + "/" + region));
    }

    /** The ARC cluster (written by the ARC stack in us-west-2). */
    public static Location arcClusterArn(Deployment deployment) {
        return new Location(ARC_REGION, globalName(deployment, ARC_CLUSTER_ARN));
    }

    /** The ARC cluster's regional endpoints (written by the ARC stack in us-west-2). */
    public static Location arcClusterEndpoints(Deployment deployment) {
        return new Location(ARC_REGION, globalName(deployment, ARC_CLUSTER_ENDPOINTS));
    }

    private PlatformParameters() {}

    /** The key of the SNS topic that receives the alarms of one severity, e.g. {@code alarms/topic-arn/page}. */
    public static String alarmTopicArn(AlarmSeverity severity) {
        return ALARM_TOPIC_ARN + "/" + severity.id();
    }

    public static String prefix(Deployment deployment, String region) {
        return ROOT + "/" + deployment.name() + "/" + deployment.environment().id() + "/" + region;
    }

    public static String name(Deployment deployment, String region, String key) {
        return prefix(deployment, region) + "/" + key;
    }

    /**
     * Parameters of the global stack, stored in {@link #GLOBAL_REGION}:
     * {@code /dr-platform/<application>/<environment>/global/<key>}.
     */
    public static String globalName(Deployment deployment, String key) {
        return ROOT + "/" + deployment.name() + "/" + deployment.environment().id() + "/global/" + key;
    }

    /** Global key of the Route 53 health check on one region's deep-health path. */
    public static String healthCheckKey(String region) {
        return HEALTH_CHECK_ID + "/" + region;
    }
}
