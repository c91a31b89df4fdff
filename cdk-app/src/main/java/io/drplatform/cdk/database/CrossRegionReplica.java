package io.drplatform.cdk.database;

import io.drplatform.manifest.model.DatabaseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.CfnDBInstance;
import software.amazon.awscdk.services.rds.CfnDBParameterGroup;
import software.amazon.awscdk.services.rds.CfnDBSubnetGroup;
import software.constructs.Construct;

/**
 * A cross-region read replica of the application's database, or the same instance after it was promoted.
 *
 * <p>Built on the L1 {@code AWS::RDS::DBInstance} on purpose: the source is named by an ARN built from the manifest
 * ({@code arn:aws:rds:<sourceRegion>:<account>:db:<identifier>}), never by an imported instance's
 * {@code instanceArn}, which CDK formats in the replica's own region (aws/aws-cdk#28998). Its storage is encrypted
 * with a KMS key of this region ({@code KmsKeyId}), as RDS requires for an encrypted cross-region replica.
 *
 * <p>Promotion: the DR tool promotes the replica out of band. When the manifest's {@code dr.activeRegion} then names
 * this region, the construct is built with no source: the template keeps the same logical id, identifier and every
 * other property and only loses {@code SourceDBInstanceIdentifier}/{@code SourceRegion}. CloudFormation documents
 * that removing {@code SourceDBInstanceIdentifier} from a stack's template promotes the read replica to a standalone
 * instance; for an already promoted instance this adopts it in place instead of recreating it.
 */
public class CrossRegionReplica extends Construct {

    /**
     * @param identifier   the instance's RDS identifier; never changes for the life of the instance
     * @param sourceArn    ARN of the instance to replicate, or null once this instance is the promoted primary
     * @param sourceRegion region of the source instance (RDS pre-signs the cross-region request for it)
     * @param retain       keep the instance when the stack deletes it (production: it may be the primary tomorrow)
     */
    public record Props(
            IVpc vpc,
            SubnetSelection subnets,
            DatabaseSpec spec,
            String identifier,
            String sourceArn,
            String sourceRegion,
            boolean retain,
            RetentionDays logRetention,
            RemovalPolicy logRemovalPolicy) {}

    private final Key key;
    private final CfnDBInstance instance;
    private final SecurityGroup securityGroup;
    private final String identifier;

    public CrossRegionReplica(Construct scope, String id, Props props) {
        super(scope, id);
        DatabaseSpec spec = props.spec();
        this.identifier = props.identifier();

        this.key = PostgresFoundation.key(
                this,
                PostgresFoundation.keyDescription(props.identifier()) + " in "
                        + Stack.of(this).getRegion());
        this.securityGroup = PostgresFoundation.securityGroup(this, props.vpc(), props.identifier());

        CfnDBSubnetGroup subnets = CfnDBSubnetGroup.Builder.create(this, "Subnets")
                .dbSubnetGroupDescription("Isolated subnets for " + props.identifier())
                .subnetIds(props.vpc().selectSubnets(props.subnets()).getSubnets().stream()
                        .map(ISubnet::getSubnetId)
                        .toList())
                .build();

        CfnDBParameterGroup parameters =
                PostgresFoundation.parameterGroup(this, spec.majorVersion(), props.identifier());

        // Log groups exist before RDS exports to them, so their retention is ours rather than "never expire".
        List<LogGroup> logGroups = new ArrayList<>();
        for (String log : PostgresFoundation.LOG_EXPORTS) {
            logGroups.add(LogGroup.Builder.create(this, "Log-" + log)
                    .logGroupName("/aws/rds/instance/" + props.identifier() + "/" + log)
                    .retention(props.logRetention())
                    .removalPolicy(props.logRemovalPolicy())
                    .build());
        }

        CfnDBInstance.Builder builder = CfnDBInstance.Builder.create(this, "Instance")
                .dbInstanceIdentifier(props.identifier())
                .engine("postgres")
                .dbInstanceClass(spec.instanceClass())
                .kmsKeyId(key.getKeyArn())
                .dbSubnetGroupName(subnets.getRef())
                .vpcSecurityGroups(List.of(securityGroup.getSecurityGroupId()))
                .dbParameterGroupName(parameters.getRef())
                .port(String.valueOf(PostgresDatabase.PORT))
                .multiAz(spec.multiAz())
                .storageType("gp3")
                .maxAllocatedStorage(spec.maxAllocatedStorageGiB())
                .backupRetentionPeriod(Math.max(1, spec.backupRetentionDays()))
                .preferredBackupWindow(PostgresFoundation.BACKUP_WINDOW)
                .preferredMaintenanceWindow(PostgresFoundation.MAINTENANCE_WINDOW)
                .copyTagsToSnapshot(true)
                .autoMinorVersionUpgrade(false)
                .enablePerformanceInsights(true)
                .performanceInsightsKmsKeyId(key.getKeyArn())
                .performanceInsightsRetentionPeriod(7)
                .enableCloudwatchLogsExports(PostgresFoundation.LOG_EXPORTS)
                .caCertificateIdentifier("rds-ca-rsa2048-g1")
                .deletionProtection(spec.deletionProtection())
                .publiclyAccessible(false);
        if (spec.monitoringIntervalSeconds() > 0) {
            Role monitoring = Role.Builder.create(this, "MonitoringRole")
                    .assumedBy(new ServicePrincipal("monitoring.rds.amazonaws.com"))
                    .managedPolicies(List.of(
                            ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonRDSEnhancedMonitoringRole")))
                    .build();
            builder.monitoringInterval(spec.monitoringIntervalSeconds()).monitoringRoleArn(monitoring.getRoleArn());
        }
        if (props.sourceArn() != null) {
            // Everything else stays identical whatever the role, so promotion changes only these two properties.
            builder.sourceDbInstanceIdentifier(props.sourceArn()).sourceRegion(props.sourceRegion());
        }
        this.instance = builder.build();
        logGroups.forEach(group -> instance.getNode().addDependency(group));
        CfnDeletionPolicy policy = props.retain() ? CfnDeletionPolicy.RETAIN : CfnDeletionPolicy.DELETE;
        instance.getCfnOptions().setDeletionPolicy(policy);
        instance.getCfnOptions().setUpdateReplacePolicy(policy);
    }

    /** Admits connections on 5432 from the given peer (a service's tasks). */
    public void allowFrom(IConnectable peer, String description) {
        securityGroup.addIngressRule(
                peer.getConnections().getSecurityGroups().get(0), Port.tcp(PostgresDatabase.PORT), description);
    }

    public boolean isReplica() {
        return instance.getSourceDbInstanceIdentifier() != null;
    }

    public String getIdentifier() {
        return identifier;
    }

    public String endpointAddress() {
        return instance.getAttrEndpointAddress();
    }

    public CfnDBInstance getInstance() {
        return instance;
    }

    public Key getKey() {
        return key;
    }

    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }

    /** An AWS/RDS metric of this instance, e.g. ReplicaLag, CPUUtilization, FreeStorageSpace. */
    public Metric metric(String name, String statistic, software.amazon.awscdk.Duration period) {
        return Metric.Builder.create()
                .namespace("AWS/RDS")
                .metricName(name)
                .dimensionsMap(Map.of("DBInstanceIdentifier", identifier))
                .statistic(statistic)
                .period(period)
                .build();
    }
}
