package io.drplatform.dr.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.manifest.contract.PlatformParameters;
import io.drplatform.manifest.model.Deployment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * SQL access to the deployment's databases for what only the databases can tell or do: WAL positions (a planned
 * switchover loses nothing only if the replica replayed everything), the service's {@code region_fence} row, and
 * restore verification. Credentials come from the Secrets Manager secret the CDK app names in each region
 * ({@link PlatformParameters#DB_SECRET_ARN}); nobody types a password.
 *
 * <p>The databases are in private subnets: run the tool where it can reach them (a host in the VPC), or open a
 * tunnel per region (for example {@code aws ssm start-session --document-name AWS-StartPortForwardingSessionToRemoteHost})
 * and name it in {@code DR_DB_TUNNELS}.
 */
public final class RegionDatabases {
    /**
     * @param tunnels    {@code region} or {@code instance-id} to {@code host:port}, from {@code DR_DB_TUNNELS}
     *                   ({@code us-east-1=127.0.0.1:15432,us-west-2=127.0.0.1:15433})
     * @param sslMode    pgjdbc {@code sslmode}, from {@code DR_DB_SSLMODE}; {@code require} by default because RDS
     *                   enforces TLS ({@code rds.force_ssl}); {@code verify-full} with {@code DR_DB_SSLROOTCERT}
     *                   (the RDS CA bundle) also checks the server's name, which a tunnel to localhost cannot pass
     * @param sslRootCert path of the CA bundle for {@code verify-ca}/{@code verify-full}, or null
     */
    public record Settings(Map<String, String> tunnels, String sslMode, String sslRootCert) {
        public static Settings fromEnvironment(Map<String, String> env) {
            Map<String, String> tunnels =
                    RegionPairs.parse(env.get("DR_DB_TUNNELS"), "DR_DB_TUNNELS", "region=host:port");
            tunnels.forEach((key, address) -> {
                if (address.indexOf(':') < 0) {
                    throw new IllegalArgumentException(
                            "DR_DB_TUNNELS entry '" + key + "=" + address + "' is not region=host:port");
                }
            });
            return new Settings(
                    Map.copyOf(tunnels), env.getOrDefault("DR_DB_SSLMODE", "require"), env.get("DR_DB_SSLROOTCERT"));
        }
    }

    record Credentials(String username, String password) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID_PASSWORD = "28P01";

    private final AwsClients clients;
    private final Deployment deployment;
    private final PublishedParameters parameters;
    private final Settings settings;
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final Map<String, DBInstance> instances = new ConcurrentHashMap<>();

    RegionDatabases(AwsClients clients, Deployment deployment, PublishedParameters parameters, Settings settings) {
        this.clients = clients;
        this.deployment = deployment;
        this.parameters = parameters;
        this.settings = settings;
    }

    /**
     * The region's database (the one its parameters name), as the application's admin user. Its endpoint is looked
     * up once per run (promotion keeps it), so polling the database does not poll the RDS API.
     */
    Connection open(String region) throws SQLException {
        RegionResources res = parameters.region(region);
        DBInstance db = instances.computeIfAbsent(region, r -> {
            String id = res.dbInstanceId();
            return clients.rds(r)
                    .describeDBInstances(b -> b.dbInstanceIdentifier(id))
                    .dbInstances()
                    .get(0);
        });
        if (db.endpoint() == null) {
            instances.remove(region);
        }
        return open(region, db, region, res.require(PlatformParameters.DB_SECRET_ARN));
    }

    /**
     * An instance found some other way (a restored copy), with the credentials of a secret: a snapshot keeps the
     * master password it was taken with.
     */
    Connection open(String tunnelKey, DBInstance db, String secretRegion, String secretArn) throws SQLException {
        String address = settings.tunnels().get(db.dbInstanceIdentifier());
        if (address == null) {
            address = settings.tunnels().get(tunnelKey);
        }
        if (address == null) {
            if (db.endpoint() == null) {
                throw new IllegalStateException(
                        db.dbInstanceIdentifier() + " has no endpoint yet (status " + db.dbInstanceStatus() + ")");
            }
            address = db.endpoint().address() + ":" + db.endpoint().port();
        }
        String database = deployment.database() == null
                ? "postgres"
                : deployment.database().databaseName();
        String url = "jdbc:postgresql://" + address + "/" + database;
        try {
            return connect(url, credentials(secretRegion, secretArn));
        } catch (SQLException e) {
            if (!INVALID_PASSWORD.equals(e.getSQLState())) {
                throw new SQLException(
                        "cannot reach " + db.dbInstanceIdentifier() + " at " + address + " (" + e.getMessage()
                                + "); run the tool inside the VPC or name a tunnel in DR_DB_TUNNELS",
                        e.getSQLState(),
                        e);
            }
            // Rotated since we read it: read the secret again, once.
            credentials.remove(secretArn);
            return connect(url, credentials(secretRegion, secretArn));
        }
    }

    private Connection connect(String url, Credentials c) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", c.username());
        props.setProperty("password", c.password());
        props.setProperty("sslmode", settings.sslMode());
        if (settings.sslRootCert() != null) {
            props.setProperty("sslrootcert", settings.sslRootCert());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "15");
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "dr-tool");
        return DriverManager.getConnection(url, props);
    }

    private Credentials credentials(String region, String secretArn) {
        return credentials.computeIfAbsent(secretArn, arn -> {
            String secret = clients.secretsManager(region)
                    .getSecretValue(b -> b.secretId(arn))
                    .secretString();
            try {
                JsonNode json = JSON.readTree(secret);
                if (!json.hasNonNull("username") || !json.hasNonNull("password")) {
                    throw new IllegalStateException("secret " + arn + " has no username/password fields");
                }
                return new Credentials(
                        json.get("username").asText(), json.get("password").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("secret " + arn + " is not the JSON RDS writes", e);
            }
        });
    }
}
