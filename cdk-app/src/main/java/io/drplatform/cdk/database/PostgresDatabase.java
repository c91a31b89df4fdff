package io.drplatform.cdk.database;

import io.drplatform.manifest.model.DatabaseSpec;
import io.drplatform.manifest.plan.RegionDatabase;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.CaCertificate;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsFromUsernameOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.HostedRotation;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.MultiUserHostedRotationOptions;
import software.amazon.awscdk.services.secretsmanager.ReplicaRegion;
import software.amazon.awscdk.services.secretsmanager.RotationScheduleOptions;
import software.amazon.awscdk.services.secretsmanager.SingleUserHostedRotationOptions;
import software.constructs.Construct;

/**
 * The application's PostgreSQL instance: encrypted with its own KMS key, TLS enforced, gp3 with storage
 * autoscaling, Performance Insights, enhanced monitoring, log exports, generated credentials that rotate,
 * and in-region read replicas. Nothing reaches port 5432 unless {@link #allowFrom} admits it.
 */
public class PostgresDatabase extends Construct {
    public static final int PORT = 5432;
    /** The application user's name; alternating-users rotation adds a second user with {@code _clone} appended. */
    public static final String APPLICATION_USER = "app_user";

    /**
     * @param identifier    explicit RDS identifier; DR builds ARNs from it, so it must not be generated
     * @param removalPolicy SNAPSHOT keeps a final snapshot when the stack deletes the instance
     * @param rotateCredentials rotate the generated credentials every 30 days (the owner's single-user, the application
     *                      user's alternating users); off once the instance is retired
     *                      after a failover, because the secret then belongs to the promoted instance in the other
     *                      region and rotating it against this one would break the application there
     */
    public record Props(
            IVpc vpc,
            SubnetSelection subnets,
            DatabaseSpec spec,
            String identifier,
            RemovalPolicy removalPolicy,
            RetentionDays logRetention,
            List<String> secretReplicaRegions,
            boolean rotateCredentials) {}

    private final Key key;
    private final DatabaseInstance instance;
    private final List<DatabaseInstanceReadReplica> readReplicas = new ArrayList<>();
    private final SecurityGroup securityGroup;
    private final ISecret applicationCredentials;

    public PostgresDatabase(Construct scope, String id, Props props) {
        super(scope, id);
        DatabaseSpec spec = props.spec();
        // Named after the instance, and replicated under the same names, so the other region reads them without this
        // one.
        RegionDatabase.Credentials secrets = RegionDatabase.Credentials.of(props.identifier());

        this.key = PostgresFoundation.key(this, PostgresFoundation.keyDescription(props.identifier()));
        this.securityGroup = PostgresFoundation.securityGroup(this, props.vpc(), props.identifier());
        IInstanceEngine engine = DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                .version(PostgresEngineVersion.of(spec.engineVersion(), spec.majorVersion()))
                .build());
        ParameterGroup parameters = PostgresFoundation.parameterGroup(this, engine, props.identifier());

        this.instance = DatabaseInstance.Builder.create(this, "Instance")
                .instanceIdentifier(props.identifier())
                .engine(engine)
                .parameterGroup(parameters)
                .instanceType(new InstanceType(spec.instanceClass().substring("db.".length())))
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .securityGroups(List.of(securityGroup))
                .port(PORT)
                .databaseName(spec.databaseName())
                .credentials(Credentials.fromGeneratedSecret(
                        "app_admin",
                        CredentialsFromUsernameOptions.builder()
                                .secretName(secrets.ownerSecretName())
                                .replicaRegions(replicaRegions(props.secretReplicaRegions()))
                                .build()))
                .storageType(StorageType.GP3)
                .allocatedStorage(spec.allocatedStorageGiB())
                .maxAllocatedStorage(spec.maxAllocatedStorageGiB())
                .storageEncrypted(true)
                .storageEncryptionKey(key)
                .multiAz(spec.multiAz())
                .deletionProtection(spec.deletionProtection())
                .backupRetention(Duration.days(spec.backupRetentionDays()))
                .preferredBackupWindow(PostgresFoundation.BACKUP_WINDOW)
                .preferredMaintenanceWindow(PostgresFoundation.MAINTENANCE_WINDOW)
                .copyTagsToSnapshot(true)
                .autoMinorVersionUpgrade(false) // the manifest pins the minor version
                .enablePerformanceInsights(true)
                .performanceInsightEncryptionKey(key)
                .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                .monitoringInterval(Duration.seconds(spec.monitoringIntervalSeconds()))
                .cloudwatchLogsExports(PostgresFoundation.LOG_EXPORTS)
                .cloudwatchLogsRetention(props.logRetention())
                .caCertificate(CaCertificate.RDS_CA_RSA2048_G1)
                .publiclyAccessible(false)
                .removalPolicy(props.removalPolicy())
                .build();

        // The services connect as a least-privileged application user (created by the migration task), never as the
        // owner. Its secret rotates with alternating users: each rotation sets a new password on the *other* user
        // (app_user / app_user_clone) and makes it current, so the credentials a running task holds stay valid for
        // one more period, and a task that outlives that re-reads the secret when PostgreSQL refuses them.
        this.applicationCredentials = DatabaseSecret.Builder.create(this, "ApplicationCredentials")
                .secretName(secrets.applicationSecretName())
                .username(APPLICATION_USER)
                .dbname(spec.databaseName())
                .masterSecret(instance.getSecret())
                .replicaRegions(replicaRegions(props.secretReplicaRegions()))
                .build()
                .attach(instance);
        if (props.rotateCredentials()) {
            // Rotation runs in the VPC and reaches Secrets Manager through the interface endpoint.
            HostedRotation owner = HostedRotation.postgreSqlSingleUser(SingleUserHostedRotationOptions.builder()
                    .vpc(props.vpc())
                    .vpcSubnets(props.subnets())
                    .functionName(props.identifier() + "-rotation")
                    .build());
            instance.getSecret()
                    .addRotationSchedule(
                            "Rotation",
                            RotationScheduleOptions.builder()
                                    .hostedRotation(owner)
                                    .automaticallyAfter(Duration.days(30))
                                    .build());
            instance.getConnections().allowFrom(owner, Port.tcp(PORT), "credential rotation function");
            HostedRotation application = HostedRotation.postgreSqlMultiUser(MultiUserHostedRotationOptions.builder()
                    .masterSecret(instance.getSecret())
                    .vpc(props.vpc())
                    .vpcSubnets(props.subnets())
                    .functionName(props.identifier() + "-app-rotation")
                    .build());
            applicationCredentials.addRotationSchedule(
                    "Rotation",
                    RotationScheduleOptions.builder()
                            .hostedRotation(application)
                            .automaticallyAfter(Duration.days(30))
                            // The user exists only once the first migration has created it: the first rotation waits a
                            // period.
                            .rotateImmediatelyOnUpdate(false)
                            .build());
            instance.getConnections()
                    .allowFrom(application, Port.tcp(PORT), "application credential rotation function");
        }

        for (int i = 1; i <= spec.readReplicas(); i++) {
            readReplicas.add(DatabaseInstanceReadReplica.Builder.create(this, "ReadReplica" + i)
                    .instanceIdentifier(props.identifier() + "-read-" + i)
                    .sourceDatabaseInstance(instance)
                    .instanceType(new InstanceType(spec.instanceClass().substring("db.".length())))
                    .vpc(props.vpc())
                    .vpcSubnets(props.subnets())
                    .securityGroups(List.of(securityGroup))
                    .parameterGroup(parameters)
                    .multiAz(spec.multiAz()) // a replica promoted in an incident should be as available as the primary
                    // Encryption is inherited from the source; restating it makes CloudFormation reject the replica.
                    .enablePerformanceInsights(true)
                    .performanceInsightEncryptionKey(key)
                    .monitoringInterval(Duration.seconds(spec.monitoringIntervalSeconds()))
                    .cloudwatchLogsExports(PostgresFoundation.LOG_EXPORTS)
                    .cloudwatchLogsRetention(props.logRetention())
                    .autoMinorVersionUpgrade(false)
                    .deletionProtection(spec.deletionProtection())
                    .publiclyAccessible(false)
                    .removalPolicy(
                            props.removalPolicy() == RemovalPolicy.SNAPSHOT
                                    ? RemovalPolicy.DESTROY
                                    : props.removalPolicy())
                    .build());
        }
    }

    private static List<ReplicaRegion> replicaRegions(List<String> regions) {
        return regions.stream()
                .map(r -> ReplicaRegion.builder().region(r).build())
                .toList();
    }

    /** Admits connections on 5432 from the given peer (a service's tasks); nothing else is admitted. */
    public void allowFrom(IConnectable peer, String description) {
        instance.getConnections().allowFrom(peer, Port.tcp(PORT), description);
    }

    public DatabaseInstance getInstance() {
        return instance;
    }

    /** The owner's credentials: migrations, the DR tool and rotation use them; services never do. */
    public ISecret getCredentials() {
        return instance.getSecret();
    }

    /** The application user's credentials, which the services connect with. */
    public ISecret getApplicationCredentials() {
        return applicationCredentials;
    }

    public Key getKey() {
        return key;
    }

    public List<DatabaseInstanceReadReplica> getReadReplicas() {
        return readReplicas;
    }

    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }
}
