package io.drplatform.cdk.nag;

import io.drplatform.cdk.region.RegionStack;
import io.drplatform.manifest.EnvironmentName;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;

/**
 * Every cdk-nag finding the platform accepts, with the reason a reviewer would read. Kept in one place so the
 * accepted risk is reviewable at a glance; anything not listed here fails synthesis.
 */
public final class PlatformNagSuppressions {
    private PlatformNagSuppressions() {
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

        if (stack.getDatabase() != null) {
            // The replica's CloudFormation resource omits StorageEncrypted because RDS rejects it alongside
            // SourceDBInstanceIdentifier; a replica of an encrypted source is always encrypted with the source's key.
            stack.getDatabase().getReadReplicas().forEach(replica -> NagSuppressions.addResourceSuppressions(replica,
                    List.of(reason("AwsSolutions-RDS2", "Read replicas inherit the encryption (and KMS key) of their "
                            + "encrypted source instance; RDS does not accept StorageEncrypted on a replica.")), true));
        }
    }

    private static NagPackSuppression reason(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
