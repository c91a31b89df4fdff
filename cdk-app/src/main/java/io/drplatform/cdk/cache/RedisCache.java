package io.drplatform.cdk.cache;

import io.drplatform.manifest.model.CacheSpec;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.ReplicaRegion;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * A Redis replication group: encrypted at rest with its own key and in transit with TLS, AUTH token generated
 * into Secrets Manager, automatic failover and Multi-AZ whenever there is a replica to fail over to.
 * A regional cache: after a regional failover it starts empty, which the service tolerates.
 */
public class RedisCache extends Construct {
    /** Not the default 6379, so scanners looking for open Redis find nothing to talk to. */
    public static final int PORT = 6380;

    public record Props(
            IVpc vpc, SubnetSelection subnets, CacheSpec spec, String name, List<String> secretReplicaRegions) {}

    private final CfnReplicationGroup replicationGroup;
    private final Secret authToken;
    private final SecurityGroup securityGroup;

    public RedisCache(Construct scope, String id, Props props) {
        super(scope, id);
        CacheSpec spec = props.spec();
        boolean replicated = spec.replicas() > 0;

        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts the " + props.name() + " Redis data at rest")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY) // cache data is disposable
                .build();

        this.authToken = Secret.Builder.create(this, "AuthToken")
                .secretName(props.name() + "/redis-auth-token")
                .description("Redis AUTH token for " + props.name())
                .generateSecretString(SecretStringGenerator.builder()
                        .excludePunctuation(true) // AUTH tokens accept only printable non-special characters
                        .passwordLength(64)
                        .build())
                .replicaRegions(props.secretReplicaRegions().stream()
                        .map(r -> ReplicaRegion.builder().region(r).build())
                        .toList())
                .build();

        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Redis " + props.name() + " - admits only the application tasks")
                .allowAllOutbound(false)
                .build();

        CfnSubnetGroup subnetGroup = CfnSubnetGroup.Builder.create(this, "Subnets")
                .description("Isolated subnets for " + props.name())
                .subnetIds(props.vpc().selectSubnets(props.subnets()).getSubnets().stream()
                        .map(ISubnet::getSubnetId)
                        .toList())
                .build();

        this.replicationGroup = CfnReplicationGroup.Builder.create(this, "ReplicationGroup")
                .replicationGroupDescription("Redis for " + props.name())
                .replicationGroupId(props.name().length() > 40 ? props.name().substring(0, 40) : props.name())
                .engine("redis")
                .engineVersion(spec.engineVersion())
                .cacheNodeType(spec.nodeType())
                .numNodeGroups(1)
                .replicasPerNodeGroup(spec.replicas())
                .automaticFailoverEnabled(replicated)
                .multiAzEnabled(replicated)
                .port(PORT)
                .cacheSubnetGroupName(subnetGroup.getRef())
                .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
                .atRestEncryptionEnabled(true)
                .kmsKeyId(key.getKeyId())
                .transitEncryptionEnabled(true)
                // A dynamic reference: CloudFormation resolves it at deploy time, the template never holds the token.
                .authToken(authToken.getSecretValue().unsafeUnwrap())
                .snapshotRetentionLimit(replicated ? 1 : 0)
                .autoMinorVersionUpgrade(true)
                .build();
    }

    public void allowFrom(IConnectable peer, String description) {
        securityGroup.addIngressRule(peer.getConnections().getSecurityGroups().get(0), Port.tcp(PORT), description);
    }

    public CfnReplicationGroup getReplicationGroup() {
        return replicationGroup;
    }

    /** The primary endpoint's host name; writes and reads go there, replicas serve failover. */
    public String primaryEndpoint() {
        return replicationGroup.getAttrPrimaryEndPointAddress();
    }

    public ISecret getAuthToken() {
        return authToken;
    }

    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }
}
