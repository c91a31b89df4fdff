package io.drplatform.cdk.database;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.rds.CfnDBParameterGroup;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.constructs.Construct;

/**
 * What every PostgreSQL instance of the platform stands on, the original primary and a cross-region replica alike:
 * its own KMS key, a security group that admits nothing until told to, and a parameter group that allows TLS
 * connections only and logs slow queries and connections; and the settings they share (log exports, backup and
 * maintenance windows).
 *
 * <p>Each piece is built in the instance's construct under the id it has always had ({@code Key}, {@code
 * SecurityGroup}, {@code Parameters}): logical ids derive from construct paths, and another id would make
 * CloudFormation replace the resource in every deployed stack.
 */
final class PostgresFoundation {
    /** Sorted, so the template is the same on every synthesis. */
    static final Map<String, String> PARAMETERS = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "rds.force_ssl", "1",
            "log_min_duration_statement", "1000",
            "log_connections", "1",
            "log_disconnections", "1")));

    /** The logs every instance exports to CloudWatch Logs. */
    static final List<String> LOG_EXPORTS = List.of("postgresql", "upgrade");

    /** Backups, then maintenance, at night (UTC); the same for every instance, so a failover changes no schedule. */
    static final String BACKUP_WINDOW = "03:00-04:00";

    static final String MAINTENANCE_WINDOW = "sun:04:30-sun:05:30";

    private PostgresFoundation() {}

    /** The instance's key; kept when the stack deletes it, because snapshots outlive the instance and need the key. */
    static Key key(Construct instance, String description) {
        return Key.Builder.create(instance, "Key")
                .description(description)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    static String keyDescription(String identifier) {
        return "Encrypts " + identifier + " storage, snapshots and Performance Insights";
    }

    /** No rule in, none out: {@code allowFrom} on the instance admits the application's tasks. */
    static SecurityGroup securityGroup(Construct instance, IVpc vpc, String identifier) {
        return SecurityGroup.Builder.create(instance, "SecurityGroup")
                .vpc(vpc)
                .description("PostgreSQL " + identifier + " - admits only the application tasks")
                .allowAllOutbound(false)
                .build();
    }

    /** The parameter group an L2 instance and its in-region read replicas use. */
    static ParameterGroup parameterGroup(Construct instance, IInstanceEngine engine, String identifier) {
        return ParameterGroup.Builder.create(instance, "Parameters")
                .engine(engine)
                .description(parametersDescription(identifier))
                .parameters(PARAMETERS)
                .build();
    }

    /** The same settings as an L1 resource, for an instance built on the L1 {@code AWS::RDS::DBInstance}. */
    static CfnDBParameterGroup parameterGroup(Construct instance, String majorVersion, String identifier) {
        return CfnDBParameterGroup.Builder.create(instance, "Parameters")
                .family("postgres" + majorVersion)
                .description(parametersDescription(identifier))
                .parameters(PARAMETERS)
                .build();
    }

    private static String parametersDescription(String identifier) {
        return "TLS-only connections and slow-query logging for " + identifier;
    }
}
