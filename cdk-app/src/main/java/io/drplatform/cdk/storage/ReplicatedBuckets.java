package io.drplatform.cdk.storage;

import io.drplatform.manifest.model.BucketSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.LifecycleTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The application's buckets in one region: versioned, encrypted with a KMS key of this region (whose alias the other
 * region's replication names), TLS-only, private, with the manifest's lifecycle and server access logs.
 *
 * <p>In the active region each replicating bucket gets a replication rule to the bucket of the same name in the other
 * region, with its own IAM role. The destination bucket and KMS key are named from the manifest (bucket name, key
 * alias ARN), so no stack reads another region's outputs.
 */
public class ReplicatedBuckets extends Construct {

    /** @param replicateTo region to replicate to, or null (no standby, or this region is the passive one) */
    public record Props(Deployment deployment, String region, String replicateTo, RemovalPolicy removalPolicy) {}

    /**
     * A bucket's replication role and the wildcard resources it is granted: the objects of the source and destination
     * buckets, and the destination region's keys (narrowed to one key by a condition on its alias).
     */
    public record ReplicationRole(Role role, List<String> wildcardResources) {}

    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final Map<String, ReplicationRole> replicationRoles = new LinkedHashMap<>();
    private final Bucket accessLogs;

    public ReplicatedBuckets(Construct scope, String id, Props props) {
        super(scope, id);
        Deployment d = props.deployment();
        this.accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED) // S3 server access logging supports only SSE-S3 targets
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(
                        ObjectOwnership.BUCKET_OWNER_ENFORCED) // log delivery is granted by bucket policy, not ACL
                .lifecycleRules(List.of(
                        LifecycleRule.builder().expiration(Duration.days(365)).build()))
                .removalPolicy(props.removalPolicy())
                .autoDeleteObjects(props.removalPolicy() == RemovalPolicy.DESTROY)
                .build();

        for (BucketSpec spec : d.buckets()) {
            Construct scope2 = new Construct(this, spec.name());
            Key key = Key.Builder.create(scope2, "Key")
                    .description("Encrypts objects of " + spec.bucketName(d, props.region()))
                    .alias(keyAlias(d, spec))
                    .enableKeyRotation(true)
                    .removalPolicy(RemovalPolicy.RETAIN) // objects outlive a stack
                    .build();
            Bucket bucket = Bucket.Builder.create(scope2, "Bucket")
                    .bucketName(spec.bucketName(d, props.region()))
                    .encryption(BucketEncryption.KMS)
                    .encryptionKey(key)
                    .bucketKeyEnabled(true)
                    .versioned(spec.versionedIn(d))
                    .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                    .enforceSsl(true)
                    .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                    .serverAccessLogsBucket(accessLogs)
                    .serverAccessLogsPrefix(spec.name() + "/")
                    .lifecycleRules(lifecycle(spec, d))
                    .removalPolicy(RemovalPolicy.RETAIN) // application data: never deleted by a stack operation
                    .build();
            buckets.put(spec.name(), bucket);
            if (props.replicateTo() != null && spec.replicatesIn(d)) {
                replicationRoles.put(
                        spec.name(), replicate(scope2, d, spec, bucket, key, props.region(), props.replicateTo()));
            }
        }
    }

    /** The replication rule id, also a dimension of the replication metrics the DR alarm watches. */
    public static String ruleId(String destinationRegion) {
        return "to-" + destinationRegion;
    }

    /** Same alias in both regions; the replication rule names the destination key by its alias ARN. */
    public static String keyAlias(Deployment d, BucketSpec spec) {
        return "alias/" + d.qualifiedName() + "-" + spec.name() + "-bucket";
    }

    private static ReplicationRole replicate(
            Construct scope,
            Deployment d,
            BucketSpec spec,
            Bucket bucket,
            Key key,
            String region,
            String destinationRegion) {
        String destination = "arn:aws:s3:::" + spec.bucketName(d, destinationRegion);
        // The source by name too: the bucket's replication rule needs the role's policy first, so the policy
        // must not refer back to the bucket resource.
        String source = "arn:aws:s3:::" + spec.bucketName(d, region);
        String destinationKeyAlias = "arn:aws:kms:" + destinationRegion + ":" + d.account() + ":" + keyAlias(d, spec);
        String destinationKeys = "arn:aws:kms:" + destinationRegion + ":" + d.account() + ":key/*";
        Role role = Role.Builder.create(scope, "ReplicationRole")
                .assumedBy(new ServicePrincipal("s3.amazonaws.com"))
                .description("Replicates " + spec.bucketName(d, region) + " to " + destinationRegion)
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetReplicationConfiguration", "s3:ListBucket"))
                .resources(List.of(source))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of(
                        "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"))
                .resources(List.of(source + "/*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"))
                .resources(List.of(destination + "/*"))
                .build());
        key.grantDecrypt(role);
        // The destination key is known only by its alias; the condition pins the grant to that one key.
        role.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Encrypt", "kms:GenerateDataKey"))
                .resources(List.of(destinationKeys))
                .conditions(Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", keyAlias(d, spec))))
                .build());

        CfnBucket cfn = (CfnBucket) bucket.getNode().getDefaultChild();
        cfn.setReplicationConfiguration(CfnBucket.ReplicationConfigurationProperty.builder()
                .role(role.getRoleArn())
                .rules(List.of(CfnBucket.ReplicationRuleProperty.builder()
                        .id(ruleId(destinationRegion))
                        .status("Enabled")
                        .priority(1)
                        .filter(CfnBucket.ReplicationRuleFilterProperty.builder()
                                .prefix("")
                                .build())
                        .deleteMarkerReplication(CfnBucket.DeleteMarkerReplicationProperty.builder()
                                .status("Enabled")
                                .build())
                        .sourceSelectionCriteria(CfnBucket.SourceSelectionCriteriaProperty.builder()
                                .sseKmsEncryptedObjects(CfnBucket.SseKmsEncryptedObjectsProperty.builder()
                                        .status("Enabled")
                                        .build())
                                .build())
                        .destination(CfnBucket.ReplicationDestinationProperty.builder()
                                .bucket(destination)
                                .encryptionConfiguration(CfnBucket.EncryptionConfigurationProperty.builder()
                                        .replicaKmsKeyId(destinationKeyAlias)
                                        .build())
                                // Replication Time Control: 15-minute SLA and the metrics the failure alarm reads.
                                .replicationTime(CfnBucket.ReplicationTimeProperty.builder()
                                        .status("Enabled")
                                        .time(CfnBucket.ReplicationTimeValueProperty.builder()
                                                .minutes(15)
                                                .build())
                                        .build())
                                .metrics(CfnBucket.MetricsProperty.builder()
                                        .status("Enabled")
                                        .eventThreshold(CfnBucket.ReplicationTimeValueProperty.builder()
                                                .minutes(15)
                                                .build())
                                        .build())
                                .build())
                        .build()))
                .build());
        cfn.getNode().addDependency(role);
        return new ReplicationRole(role, List.of(source + "/*", destination + "/*", destinationKeys));
    }

    private static List<LifecycleRule> lifecycle(BucketSpec spec, Deployment d) {
        List<Transition> transitions = new ArrayList<>();
        if (spec.transitions() != null) {
            for (LifecycleTransition t : spec.transitions()) {
                transitions.add(Transition.builder()
                        .storageClass(storageClass(t.storageClass()))
                        .transitionAfter(Duration.days(t.days()))
                        .build());
            }
        }
        LifecycleRule.Builder rule =
                LifecycleRule.builder().id("manifest-lifecycle").abortIncompleteMultipartUploadAfter(Duration.days(7));
        if (!transitions.isEmpty()) {
            rule.transitions(transitions);
        }
        if (spec.expirationDays() != null) {
            rule.expiration(Duration.days(spec.expirationDays()));
        }
        if (spec.versionedIn(d)) {
            rule.noncurrentVersionExpiration(Duration.days(90)); // overwritten or deleted versions: kept 90 days
        }
        return List.of(rule.build());
    }

    private static StorageClass storageClass(String id) {
        return switch (id) {
            case "STANDARD_IA" -> StorageClass.INFREQUENT_ACCESS;
            case "ONEZONE_IA" -> StorageClass.ONE_ZONE_INFREQUENT_ACCESS;
            case "INTELLIGENT_TIERING" -> StorageClass.INTELLIGENT_TIERING;
            case "GLACIER_IR" -> StorageClass.GLACIER_INSTANT_RETRIEVAL;
            case "GLACIER" -> StorageClass.GLACIER;
            case "DEEP_ARCHIVE" -> StorageClass.DEEP_ARCHIVE;
            default -> throw new IllegalArgumentException("storage class " + id + " passed validation but is unknown");
        };
    }

    public Map<String, Bucket> getBuckets() {
        return buckets;
    }

    public Bucket getAccessLogs() {
        return accessLogs;
    }

    /** By bucket name in the manifest; only the buckets this region replicates. */
    public Map<String, ReplicationRole> getReplicationRoles() {
        return replicationRoles;
    }
}
