package io.drplatform.cdk.nag;

import io.drplatform.cdk.auth.AuthStack;
import io.drplatform.cdk.global.GlobalStack;
import io.drplatform.cdk.global.RoutingControlStack;
import io.drplatform.cdk.region.RegionStack;
import io.drplatform.cdk.storage.StorageStack;
import io.drplatform.manifest.EnvironmentName;
import io.drplatform.manifest.UserPoolSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;

/**
 * Every cdk-nag finding the platform accepts, with the reason a reviewer would read. Kept in one place so the
 * accepted risk is reviewable at a glance; anything not listed here fails synthesis.
 */
public final class PlatformNagSuppressions {
    private PlatformNagSuppressions() {
    }

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
            NagSuppressions.addResourceSuppressions(stack.getAuth().getPool(), List.of(reason("AwsSolutions-COG2",
                    "The manifest sets auth.userPool.mfa to `" + pool.mfaOrDefault() + "`: users of a public calculator "
                            + "choose whether to add a TOTP app; `required` makes it mandatory.")), true);
        }
        if ("off".equals(pool.threatProtectionOrDefault())) {
            NagSuppressions.addResourceSuppressions(stack.getAuth().getPool(), List.of(reason("AwsSolutions-COG3",
                    "The manifest switches threat protection off (auth.userPool.threatProtection: off), which also "
                            + "keeps the pool on the Essentials feature plan.")), true);
        }
        if (!stack.getRemoteParameters().isEmpty()) {
            // The function AwsCustomResource shares within the stack; its policy is the SSM calls on the named parameters.
            NagSuppressions.addResourceSuppressionsByPath(stack, "/" + stack.getStackName() + "/"
                    + "AWS" + AwsCustomResource.PROVIDER_FUNCTION_UUID.replace("-", "") + "/ServiceRole/Resource", List.of(
                    NagPackSuppression.builder().id("AwsSolutions-IAM4")
                            .reason("AWSLambdaBasicExecutionRole on the function CDK creates for the SDK calls that write "
                                    + "the issuer's parameters into the other region (PutParameter on those names only).")
                            .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                            .build()));
        }
    }

    static void apply(RoutingControlStack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(
                reason("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole on the function CDK creates for the custom "
                        + "resource that reads the ARC cluster's endpoints (DescribeCluster on that one cluster)."),
                reason("AwsSolutions-L1", "The custom-resource function is CDK's own and pins its runtime.")), true);
    }

    static void apply(StorageStack stack) {
        NagSuppressions.addStackSuppressions(stack, List.of(
                reason("AwsSolutions-IAM5", "The replication role reads object versions of its own bucket (objects "
                        + "ARN/*), writes replicas into the destination bucket (objects ARN/*), and encrypts with the "
                        + "destination region's bucket key, which it can name only by alias: the key/* resource is pinned "
                        + "to that one key by a kms:ResourceAliases condition."),
                reason("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole on the function CDK creates to empty the "
                        + "access-log bucket of non-production environments on deletion."),
                reason("AwsSolutions-L1", "The bucket auto-delete function is CDK's own and pins its runtime.")), true);
        NagSuppressions.addResourceSuppressions(stack.getBuckets().getAccessLogs(), List.of(reason("AwsSolutions-S1",
                "This bucket receives the server access logs of the application's buckets; logging it too would "
                        + "recurse without adding an audit trail.")), true);
    }

    static void apply(GlobalStack stack) {
        List<NagPackSuppression> accepted = new ArrayList<>();
        accepted.add(reason("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole on the functions CDK creates itself "
                + "(bucket auto-delete in non-production environments)."));
        accepted.add(reason("AwsSolutions-L1", "Functions created by CDK itself pin their own runtime."));
        accepted.add(reason("AwsSolutions-S1", "The CDN log bucket receives CloudFront and static-site access logs; "
                + "logging access to the log bucket itself would recurse without adding an audit trail."));
        accepted.add(reason("AwsSolutions-CFR1", "The application serves a global audience; the seed documents ask for "
                + "no geographic restriction."));
        if (stack.getDeployment().wafSpec().isEmpty()) {
            accepted.add(reason("AwsSolutions-CFR2", "The manifest declares no `waf`; the origin load balancer is "
                    + "TLS-only and the application enforces its own rate limits."));
        }
        NagSuppressions.addStackSuppressions(stack, accepted, true);
    }

    public static void apply(RegionStack stack) {
        List<NagPackSuppression> accepted = new ArrayList<>();
        accepted.add(reason("AwsSolutions-EC23",
                "Only the internet-facing load balancer's security group admits 0.0.0.0/0, on 443 (HTTPS) and 80 "
                        + "(redirected to HTTPS). It is the application's public entry point."));
        accepted.add(reason("AwsSolutions-ECS2",
                "Containers receive only non-secret configuration as environment variables (endpoints, region, "
                        + "profile). Secrets come from Secrets Manager; the manifest validator rejects secret-like "
                        + "plain variables."));
        accepted.add(reason("AwsSolutions-RDS11",
                "PostgreSQL listens on 5432 inside isolated subnets; its security group admits only the "
                        + "application's tasks and the rotation function. A non-standard port adds no protection there."));
        accepted.add(reason("AwsSolutions-SMG4",
                "The Redis AUTH token cannot be rotated by a Secrets Manager rotation function without a coordinated "
                        + "ModifyReplicationGroup (AuthTokenUpdateStrategy ROTATE then SET); it is rotated by the "
                        + "secret-rotation runbook. Database credentials do rotate automatically every 30 days."));
        accepted.add(reason("AwsSolutions-S1",
                "This bucket receives the load balancer's access logs; logging access to the access-log bucket "
                        + "itself would recurse without adding an audit trail."));
        accepted.add(reason("AwsSolutions-IAM4",
                "AWS managed policies attached by CDK to service roles it creates: AmazonRDSEnhancedMonitoringRole "
                        + "for enhanced monitoring and AWSLambdaBasicExecutionRole / AWSLambdaVPCAccessExecutionRole "
                        + "for the log-retention, bucket auto-delete and rotation functions. They are scoped by AWS."));
        accepted.add(reason("AwsSolutions-IAM5",
                "Wildcards come from CDK grants that cannot name resources in advance: ECR GetAuthorizationToken "
                        + "(resource * by API design), log-stream ARNs created at run time, KMS key policies (* means "
                        + "this key), and the S3 object ARNs of the access-log bucket."));
        accepted.add(reason("AwsSolutions-L1",
                "Functions created by CDK itself (log retention, bucket auto-delete) pin their own runtime; the "
                        + "platform does not ship Lambda code of its own."));
        if (stack.getDeployment().environment() != EnvironmentName.PRODUCTION) {
            accepted.add(reason("AwsSolutions-RDS10",
                    "Deletion protection is on in production only; development and staging are torn down and rebuilt "
                            + "from the manifest, as the seed documents prescribe."));
        }
        if (stack.getDeployment().database() != null && !stack.getDeployment().database().multiAz()) {
            accepted.add(reason("AwsSolutions-RDS3",
                    "Development runs a single-AZ database to keep cost down; production and staging are Multi-AZ."));
        }
        if (stack.getDeployment().cache() != null && stack.getDeployment().cache().replicas() == 0) {
            accepted.add(reason("AwsSolutions-AEC4",
                    "Development runs Redis without a replica; it is a cache and the service falls back to PostgreSQL."));
        }
        NagSuppressions.addStackSuppressions(stack, accepted, true);
        applyReplica(stack);
        stack.getServices().getMigrations().values().forEach(migration ->
                NagSuppressions.addResourceSuppressions(migration, List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("The migration function watches and, past its time limit, stops the task it started: "
                                + "DescribeTasks and StopTask cannot name a task before RunTask returns it, so they are "
                                + "granted on the tasks of this one cluster (task/<cluster>/*).")
                        .appliesTo(List.of(RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:ecs:.*:task\\/.*\\/\\*$/g").build()))
                        .build()), true));

        if (stack.getDatabase() != null) {
            // The replica's CloudFormation resource omits StorageEncrypted because RDS rejects it alongside
            // SourceDBInstanceIdentifier; a replica of an encrypted source is always encrypted with the source's key.
            stack.getDatabase().getReadReplicas().forEach(replica -> NagSuppressions.addResourceSuppressions(replica,
                    List.of(reason("AwsSolutions-RDS2", "Read replicas inherit the encryption (and KMS key) of their "
                            + "encrypted source instance; RDS does not accept StorageEncrypted on a replica.")), true));
        }
    }

    private static void applyReplica(RegionStack stack) {
        if (stack.getReplica() != null) {
            NagSuppressions.addResourceSuppressions(stack.getReplica().getInstance(), List.of(
                    reason("AwsSolutions-RDS2", "The cross-region replica is encrypted with this region's KMS key "
                            + "(KmsKeyId); RDS rejects StorageEncrypted next to SourceDBInstanceIdentifier, and the property "
                            + "stays absent after promotion so that promotion never replaces the instance."),
                    reason("AwsSolutions-RDS11", "PostgreSQL listens on 5432 inside isolated subnets; its security group "
                            + "admits only the application's tasks.")), true);
        }
    }

    private static NagPackSuppression reason(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
