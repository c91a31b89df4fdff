package io.drplatform.dr.rehearsal.resolve;

import static io.drplatform.dr.rehearsal.resolve.StagingStacks.APPLICATION_CREDENTIALS;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.PRIMARY;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.REDIS_TOKEN;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.dr.rehearsal.template.RegionStackTemplate;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both region stacks of staging resolved against their own region's stand-ins with one set of secrets: the standby's
 * api logs in with the primary's replicated credentials and connects to its own region's database (the replica).
 */
class RegionValuesTest {
    static final LocalEndpoints EAST = new LocalEndpoints(
            "127.0.1.10", "127.0.1.11", "http://127.0.1.12:1/east", "http://127.0.1.12:1/east/jwks.json");
    static final LocalEndpoints WEST = new LocalEndpoints(
            "127.0.2.10", "127.0.2.11", "http://127.0.2.12:1/west", "http://127.0.2.12:1/west/jwks.json");

    @TempDir
    Path work;

    @Test
    void theStandbysApiLogsInWithThePrimarysCredentialsAtItsOwnRegionsDatabase() {
        EnvironmentSecrets secrets =
                EnvironmentSecrets.generate(List.of(StagingStacks.primary(), StagingStacks.standby()));
        RegionValues primary = new RegionValues(RegionStackTemplate.read(StagingStacks.primary()), secrets, EAST);
        RegionValues standby = new RegionValues(RegionStackTemplate.read(StagingStacks.standby()), secrets, WEST);

        Map<String, String> east = primary.service("api").environment();
        Map<String, String> west = standby.service("api").environment();
        assertThat(west.get("SPRING_R2DBC_USERNAME"))
                .isEqualTo("app_user")
                .isEqualTo(east.get("SPRING_R2DBC_USERNAME"));
        assertThat(west.get("SPRING_R2DBC_PASSWORD")).hasSize(30).isEqualTo(east.get("SPRING_R2DBC_PASSWORD"));
        assertThat(west.get("SPRING_R2DBC_URL")).isEqualTo("r2dbc:postgresql://127.0.2.10:5432/tco?sslMode=require");
        assertThat(east.get("SPRING_R2DBC_URL")).isEqualTo("r2dbc:postgresql://127.0.1.10:5432/tco?sslMode=require");
        assertThat(west)
                .containsEntry("AWS_REGION", "us-west-2")
                .containsEntry("PLATFORM_REGION_ROLE", "standby")
                .containsEntry("SPRING_DATA_REDIS_HOST", "127.0.2.11")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", WEST.issuerUri())
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", WEST.jwksUri());
        // Each region's service authenticates to its own region's Redis, with its own stack's token.
        assertThat(west.get("SPRING_DATA_REDIS_PASSWORD"))
                .isEqualTo(secrets.secret(STANDBY, REDIS_TOKEN).value())
                .isEqualTo(standby.cacheAuthToken().orElseThrow())
                .isNotEqualTo(east.get("SPRING_DATA_REDIS_PASSWORD"));
        assertThat(east.get("SPRING_DATA_REDIS_PASSWORD"))
                .isEqualTo(primary.cacheAuthToken().orElseThrow());
        // The plain partial ARN the standby passes names the replica in its region; the primary passes the full ARN.
        assertThat(west.get("DATABASE_CREDENTIALS_SECRET_ARN"))
                .isEqualTo("arn:aws:secretsmanager:us-west-2:123456789012:secret:"
                        + "tco-calculator-staging-us-east-1/application-credentials");
        assertThat(east.get("DATABASE_CREDENTIALS_SECRET_ARN"))
                .isEqualTo(secrets.secret(PRIMARY, APPLICATION_CREDENTIALS).arn());
    }

    @Test
    void theMigrationRunsWithItsOwnTaskInThePrimaryAndWithTheServicesTaskInTheStandby() {
        EnvironmentSecrets secrets =
                EnvironmentSecrets.generate(List.of(StagingStacks.primary(), StagingStacks.standby()));
        RegionValues primary = new RegionValues(RegionStackTemplate.read(StagingStacks.primary()), secrets, EAST);
        RegionValues standby = new RegionValues(RegionStackTemplate.read(StagingStacks.standby()), secrets, WEST);

        RegionValues.DatabaseMaster master = primary.databaseMaster().orElseThrow();
        assertThat(master.logicalId()).isEqualTo("DatabaseInstanceAA8A5FDE");
        assertThat(master.username()).isEqualTo("app_admin");
        assertThat(master.password()).hasSize(30);
        assertThat(master.port()).isEqualTo(5432);
        assertThat(master.databaseName()).isEqualTo("tco");
        assertThat(standby.databaseMaster())
                .as("a replica has no master user of its own")
                .isEmpty();

        RegionValues.ServiceEnvironment api = primary.service("api");
        assertThat(api.migration().taskDefinitionId()).isEqualTo("ServicesapiMigrationTaskB3F4B302");
        assertThat(api.migrationCommand()).containsExactly("migrate");
        assertThat(api.migrationEnvironment())
                .containsEntry("SPRING_FLYWAY_URL", "jdbc:postgresql://127.0.1.10:5432/tco?sslmode=require")
                .containsEntry("SPRING_FLYWAY_USER", master.username())
                .containsEntry("SPRING_FLYWAY_PASSWORD", master.password())
                .containsEntry(
                        "DATABASE_APPLICATION_PASSWORD", api.environment().get("SPRING_R2DBC_PASSWORD"));

        RegionValues.ServiceEnvironment standbyApi = standby.service("api");
        assertThat(standbyApi.migration().taskDefinitionId())
                .isEqualTo(standbyApi.container().taskDefinitionId());
        assertThat(standbyApi.migrationCommand()).containsExactly("migrate");
        assertThat(standbyApi.migrationEnvironment()).isEqualTo(standbyApi.environment());
    }

    @Test
    void aStandbyWhosePrimarySecretIsNotReplicatedFailsListingEveryVariableWithItsTaskDefinition() {
        SynthesizedStack unreplicated = StagingStacks.primary(template ->
                StagingStacks.properties(template, APPLICATION_CREDENTIALS).remove("ReplicaRegions"));
        EnvironmentSecrets secrets = EnvironmentSecrets.generate(List.of(unreplicated, StagingStacks.standby()));
        RegionValues standby = new RegionValues(RegionStackTemplate.read(StagingStacks.standby()), secrets, WEST);
        assertThatThrownBy(() -> standby.service("api"))
                .hasMessageContaining(STANDBY + " service api")
                .hasMessageContaining("ServicesapiTaskEA6B19CD container api")
                .hasMessageContaining("SPRING_R2DBC_USERNAME (secret)")
                .hasMessageContaining("SPRING_R2DBC_PASSWORD (secret)")
                .hasMessageContaining("DATABASE_CREDENTIALS_SECRET_ARN = ")
                .hasMessageContaining("secret tco-calculator-staging-us-east-1/application-credentials")
                .hasMessageContaining("is not in us-west-2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SPRING_DATA_REDIS_PASSWORD"));
    }

    @Test
    void valuesResolvedFromKeptSecretsAreTheSameInAnotherProcess() {
        List<SynthesizedStack> stacks = List.of(StagingStacks.primary(), StagingStacks.standby());
        Path file = work.resolve("secrets.json");
        Map<String, String> up = new RegionValues(
                        RegionStackTemplate.read(StagingStacks.standby()),
                        EnvironmentSecrets.loadOrGenerate(file, stacks),
                        WEST)
                .service("api")
                .environment();
        Map<String, String> drill = new RegionValues(
                        RegionStackTemplate.read(StagingStacks.standby()), EnvironmentSecrets.load(file), WEST)
                .service("api")
                .environment();
        assertThat(drill).isEqualTo(up);
    }
}
