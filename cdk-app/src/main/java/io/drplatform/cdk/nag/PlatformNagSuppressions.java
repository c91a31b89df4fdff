package io.drplatform.cdk.nag;

import io.drplatform.cdk.auth.AuthStack;
import io.drplatform.cdk.global.GlobalStack;
import io.drplatform.cdk.global.RoutingControlStack;
import io.drplatform.cdk.region.RegionStack;
import io.drplatform.cdk.services.ContainerService;
import io.drplatform.cdk.services.TraceCollector;
import io.drplatform.cdk.storage.StorageStack;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.UserPoolSpec;
import io.drplatform.manifest.plan.RegionDatabase;
import io.drplatform.manifest.plan.RegionPlan;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.iam.IRole;
import software.constructs.IConstruct;

/**
 * Every cdk-nag finding the platform accepts, with the reason a reviewer would read. Kept in one place so the
 * accepted risk is reviewable at a glance; anything not listed here fails synthesis.
 *
 * <p>IAM findings (managed policies, wildcards) are accepted only on the resources that have them and only for the
 * exact policy or resource ({@code appliesTo}), so a new wildcard grant anywhere else still fails synthesis.
 */
public final class PlatformNagSuppressions {
    /** Construct ids of the singleton functions CDK adds at a stack's root. */
    private static final String LOG_RETENTION_FUNCTION = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a";

    private static final String AWS_CUSTOM_RESOURCE_FUNCTION = "AWS679f53fac002430cb0da5b7982bd2287";

    private static final String LAMBDA_BASIC_EXECUTION =
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private static final String RDS_ENHANCED_MONITORING =
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";
    private static final String ANY_RESOURCE = "Resource::*";

    private PlatformNagSuppressions() {}

    public static void apply(Stack stack) {
        if (stack instanceof RegionStack region) {
            apply(region);
        } else if (stack instanceof StorageStack storage) {
            apply(storage);
        } else if (stack instanceof GlobalStack global) {
            apply(global);
        } else if (stack instanceof RoutingControlStack routing) {
            apply(routing);
        } else if (stack instanceof AuthStack auth) {
            apply(auth);
        }
    }

    static void apply(AuthStack stack) {
        UserPoolSpec pool = stack.getDeployment().auth().userPool();
        if (!"required".equals(pool.mfaOrDefault())) {
            NagSuppressions.addResourceSuppressions(
                    stack.getAuth().getPool(),
                    List.of(reason(
                            "AwsSolutions-COG2",
                            "The manifest sets auth.userPool.mfa to `" + pool.mfaOrDefault()
                                    + "`: users of a public calculator "
                                    + "choose whether to add a TOTP app; `required` makes it mandatory.")),
                    true);
        }
        if ("off".equals(pool.threatProtectionOrDefault())) {
            NagSuppressions.addResourceSuppressions(
                    stack.getAuth().getPool(),
                    List.of(reason(
                            "AwsSolutions-COG3",
                            "The manifest switches threat protection off (auth.userPool.threatProtection: off), which also "
                                    + "keeps the pool on the Essentials feature plan.")),
                    true);
        }
        child(stack, AWS_CUSTOM_RESOURCE_FUNCTION)
                .ifPresent(function -> NagSuppressions.addResourceSuppressions(
                        function,
                        List.of(
                                accepted(
                                        "AwsSolutions-IAM4",
                                        LAMBDA_BASIC_EXECUTION,
                                        "AWSLambdaBasicExecutionRole (writing its "
                                                + "own logs) on the function CDK creates for the SDK calls that write the issuer's parameters into "
                                                + "the other region; its own policy allows PutParameter and DeleteParameter on those names only.")),
                        true));
    }

    static void apply(RoutingControlStack stack) {
        NagSuppressions.addStackSuppressions(
                stack,
                List.of(reason("AwsSolutions-L1", "The custom-resource function is CDK's own and pins its runtime.")),
                true);
        child(stack, AWS_CUSTOM_RESOURCE_FUNCTION)
                .ifPresent(function -> NagSuppressions.addResourceSuppressions(
                        function,
                        List.of(accepted(
                                "AwsSolutions-IAM4",
                                LAMBDA_BASIC_EXECUTION,
                                "AWSLambdaBasicExecutionRole (writing its "
                                        + "own logs) on the function CDK creates for the custom resource that reads the ARC cluster's "
                                        + "endpoints; its own policy allows DescribeCluster on that one cluster.")),
                        true));
    }

    static void apply(StorageStack stack) {
        NagSuppressions.addStackSuppressions(
                stack,
                List.of(reason(
                        "AwsSolutions-L1", "The bucket auto-delete function is CDK's own and pins its runtime.")),
                true);
        stack.getBuckets()
                .getReplicationRoles()
                .values()
                .forEach(replication -> NagSuppressions.addResourceSuppressions(
                        replication.role(),
                        List.of(NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "The replication role reads object versions of its own bucket (objects ARN/*), writes "
                                                + "replicas into the destination bucket (objects ARN/*), and encrypts with the destination "
                                                + "region's bucket key, which it can name only by alias: the key/* resource is pinned to "
                                                + "that one key by a kms:ResourceAliases condition.")
                                .appliesTo(replication.wildcardResources().stream()
                                        .map(arn -> "Resource::" + arn)
                                        .toList())
                                .build()),
                        true));
        NagSuppressions.addResourceSuppressions(
                stack.getBuckets().getAccessLogs(),
                List.of(reason(
                        "AwsSolutions-S1",
                        "This bucket receives the server access logs of the application's buckets; logging it too would "
                                + "recurse without adding an audit trail.")),
                true);
    }

    static void apply(GlobalStack stack) {
        List<NagPackSuppression> accepted = new ArrayList<>();
        accepted.add(reason("AwsSolutions-L1", "Functions created by CDK itself pin their own runtime."));
        accepted.add(reason(
                "AwsSolutions-S1",
                "The CDN log bucket receives CloudFront and static-site access logs; "
                        + "logging access to the log bucket itself would recurse without adding an audit trail."));
        accepted.add(reason(
                "AwsSolutions-CFR1",
                "The application serves a global audience: a geographic restriction would refuse "
                        + "legitimate users; abuse is limited per client (rate limits), not per country."));
        if (stack.getDeployment().waf() == null) {
            accepted.add(reason(
                    "AwsSolutions-CFR2",
                    "The manifest declares no `waf`; the origin load balancer is "
                            + "TLS-only and the application enforces its own rate limits."));
        }
        NagSuppressions.addStackSuppressions(stack, accepted, true);
    }

    public static void apply(RegionStack stack) {
        RegionPlan plan = stack.getPlan();
        Deployment d = plan.deployment();
        List<NagPackSuppression> accepted = new ArrayList<>();
        accepted.add(reason(
                "AwsSolutions-EC23",
                "Only the internet-facing load balancer's security group admits 0.0.0.0/0, on 443 (HTTPS) and 80 "
                        + "(redirected to HTTPS). It is the application's public entry point."));
        accepted.add(reason(
                "AwsSolutions-ECS2",
                "Containers receive only non-secret configuration as environment variables (endpoints, region, "
                        + "profile). Secrets come from Secrets Manager; the manifest validator rejects secret-like "
                        + "plain variables."));
        accepted.add(
                reason(
                        "AwsSolutions-RDS11",
                        "PostgreSQL listens on 5432 inside isolated subnets; its security group admits only the "
                                + "application's tasks and the rotation function. A non-standard port adds no protection there."));
        accepted.add(reason(
                "AwsSolutions-SMG4",
                "The Redis AUTH token cannot be rotated by a Secrets Manager rotation function without a coordinated "
                        + "ModifyReplicationGroup (AuthTokenUpdateStrategy ROTATE then SET); it is rotated by the "
                        + "secret-rotation runbook. Database credentials do rotate automatically every 30 days."));
        accepted.add(reason(
                "AwsSolutions-S1",
                "This bucket receives the load balancer's access logs; logging access to the access-log bucket "
                        + "itself would recurse without adding an audit trail."));
        accepted.add(reason(
                "AwsSolutions-L1",
                "Functions created by CDK itself (log retention, bucket auto-delete) pin their own runtime; the "
                        + "platform does not ship Lambda code of its own."));
        if (d.environment() != EnvironmentName.PRODUCTION) {
            accepted.add(reason(
                    "AwsSolutions-RDS10",
                    "Deletion protection is on in production only; development and staging are torn down and rebuilt "
                            + "from the manifest, so their data is disposable by design."));
        }
        if (plan.database().shape() != RegionDatabase.Shape.NONE
                && !d.database().multiAz()) {
            accepted.add(reason(
                    "AwsSolutions-RDS3",
                    "Development runs a single-AZ database to keep cost down; production and staging are Multi-AZ."));
        }
        if (d.cache() != null && d.cache().replicas() == 0) {
            accepted.add(
                    reason(
                            "AwsSolutions-AEC4",
                            "Development runs Redis without a replica; it is a cache and the service falls back to PostgreSQL."));
        }
        NagSuppressions.addStackSuppressions(stack, accepted, true);
        applyReplica(stack);
        applyIam(stack);

        if (stack.getDatabase() != null) {
            // The replica's CloudFormation resource omits StorageEncrypted because RDS rejects it alongside
            // SourceDBInstanceIdentifier; a replica of an encrypted source is always encrypted with the source's key.
            stack.getDatabase()
                    .getReadReplicas()
                    .forEach(replica -> NagSuppressions.addResourceSuppressions(
                            replica,
                            List.of(
                                    reason(
                                            "AwsSolutions-RDS2",
                                            "Read replicas inherit the encryption (and KMS key) of their "
                                                    + "encrypted source instance; RDS does not accept StorageEncrypted on a replica.")),
                            true));
        }
    }

    private static void applyReplica(RegionStack stack) {
        if (stack.getReplica() != null) {
            NagSuppressions.addResourceSuppressions(
                    stack.getReplica().getInstance(),
                    List.of(
                            reason(
                                    "AwsSolutions-RDS2",
                                    "The cross-region replica is encrypted with this region's KMS key "
                                            + "(KmsKeyId); RDS rejects StorageEncrypted next to SourceDBInstanceIdentifier, and the property "
                                            + "stays absent after promotion so that promotion never replaces the instance."),
                            reason(
                                    "AwsSolutions-RDS11",
                                    "PostgreSQL listens on 5432 inside isolated subnets; its security group "
                                            + "admits only the application's tasks.")),
                    true);
        }
    }

    private static void applyIam(RegionStack stack) {
        List<IConstruct> monitoredInstances = new ArrayList<>();
        if (stack.getDatabase() != null) {
            monitoredInstances.add(stack.getDatabase().getInstance());
            monitoredInstances.addAll(stack.getDatabase().getReadReplicas());
        }
        if (stack.getReplica() != null) {
            monitoredInstances.add(stack.getReplica());
        }
        monitoredInstances.forEach(instance -> child(instance, "MonitoringRole")
                .ifPresent(role -> NagSuppressions.addResourceSuppressions(
                        role,
                        List.of(accepted(
                                "AwsSolutions-IAM4",
                                RDS_ENHANCED_MONITORING,
                                "The role RDS assumes to publish enhanced-monitoring metrics; AWS maintains the policy and "
                                        + "limits it to the RDS* log groups (RDSOSMetrics).")))));

        child(stack, LOG_RETENTION_FUNCTION)
                .ifPresent(function -> NagSuppressions.addResourceSuppressions(
                        function,
                        List.of(
                                accepted(
                                        "AwsSolutions-IAM4",
                                        LAMBDA_BASIC_EXECUTION,
                                        "AWSLambdaBasicExecutionRole (writing its own "
                                                + "logs) on the function CDK creates to set the retention of the database's log groups."),
                                accepted(
                                        "AwsSolutions-IAM5",
                                        ANY_RESOURCE,
                                        "CDK's log-retention function may put and delete retention "
                                                + "policies on any log group: RDS creates the log groups it exports to at run time.")),
                        true));

        List<TaskDefinition> tasks = new ArrayList<>();
        stack.getServices().getServices().values().forEach(service -> tasks.add(service.getTaskDefinition()));
        stack.getServices().getMigrations().values().forEach(migration -> tasks.add(migration.getTask()));
        tasks.forEach(task -> {
            IRole executionRole = task.getExecutionRole();
            if (executionRole != null) {
                NagSuppressions.addResourceSuppressions(
                        executionRole,
                        List.of(accepted(
                                "AwsSolutions-IAM5",
                                ANY_RESOURCE,
                                "ecr:GetAuthorizationToken, which ECS needs to pull the service's image, takes no resource but "
                                        + "*; pulling layers is granted on the one repository.")),
                        true);
            }
        });
        stack.getServices().getNode().getChildren().stream()
                .filter(TraceCollector.class::isInstance)
                .map(TraceCollector.class::cast)
                .forEach(collector -> NagSuppressions.addResourceSuppressions(
                        collector.getPolicy(),
                        List.of(accepted(
                                "AwsSolutions-IAM5",
                                ANY_RESOURCE,
                                "The trace collector's policy: xray:PutTraceSegments and xray:PutTelemetryRecords, "
                                        + "which take no resource but *.")),
                        true));
        stack.getServices()
                .getServices()
                .values()
                .forEach(
                        service -> child(service.getNode().getScope(), ContainerService.PUBLISH_METRICS)
                                .ifPresent(
                                        policy -> NagSuppressions.addResourceSuppressions(
                                                policy,
                                                List.of(
                                                        accepted(
                                                                "AwsSolutions-IAM5",
                                                                ANY_RESOURCE,
                                                                "cloudwatch:PutMetricData takes no resource but *; the statement's "
                                                                        + "cloudwatch:namespace condition limits the task to its own service's namespace.")))));
        stack.getServices()
                .getMigrations()
                .values()
                .forEach(migration -> NagSuppressions.addResourceSuppressions(
                        migration.getFunction().getRole(),
                        List.of(NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .appliesTo(List.of(RegexAppliesTo.builder()
                                        .regex(
                                                "/^Resource::arn:(aws|<AWS::Partition>):ecs:[^:]+:[^:]+:task\\/.*\\/\\*$/g")
                                        .build()))
                                .reason(
                                        "The migration function watches and, past its time limit, stops the task it started: "
                                                + "DescribeTasks and StopTask cannot name a task before RunTask returns it, so they are "
                                                + "granted on the tasks of this one cluster (task/<cluster>/*).")
                                .build()),
                        true));
    }

    private static Optional<IConstruct> child(IConstruct scope, String id) {
        return Optional.ofNullable(scope.getNode().tryFindChild(id));
    }

    private static NagPackSuppression accepted(String id, String finding, String reason) {
        return NagPackSuppression.builder()
                .id(id)
                .appliesTo(List.of(finding))
                .reason(reason)
                .build();
    }

    private static NagPackSuppression reason(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
