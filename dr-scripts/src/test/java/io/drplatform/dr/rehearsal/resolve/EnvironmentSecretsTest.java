package io.drplatform.dr.rehearsal.resolve;

import static io.drplatform.dr.rehearsal.resolve.StagingStacks.ACCOUNT;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.APPLICATION_CREDENTIALS;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.PRIMARY;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.REDIS_TOKEN;
import static io.drplatform.dr.rehearsal.resolve.StagingStacks.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment's secrets as Secrets Manager would hold them after both region stacks are deployed: each in its
 * stack's region, replicas where {@code ReplicaRegions} puts them, answered by full and partial ARN, and kept in a
 * file so another process answers the same.
 */
class EnvironmentSecretsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEST = "arn:aws:secretsmanager:us-west-2:" + ACCOUNT + ":secret:";
    static final String EAST = "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:";
    static final String CREDENTIALS_NAME = "tco-calculator-staging-us-east-1/application-credentials";

    @TempDir
    Path work;

    @Test
    void aReplicatedSecretAnswersInItsReplicaRegionWithTheSameNameSuffixAndValue() throws Exception {
        EnvironmentSecrets secrets =
                EnvironmentSecrets.generate(List.of(StagingStacks.primary(), StagingStacks.standby()));
        EnvironmentSecrets.Secret credentials = secrets.secret(PRIMARY, APPLICATION_CREDENTIALS);
        assertThat(credentials.arn()).matches(EAST + CREDENTIALS_NAME + "-[A-Za-z0-9]{6}");
        assertThat(credentials.replicaRegions()).containsExactly("us-west-2");
        String password = JSON.readTree(credentials.value()).path("password").asText();
        assertThat(password).hasSize(30);

        String replica = credentials.arnIn("us-west-2");
        assertThat(replica).isEqualTo(WEST + CREDENTIALS_NAME + "-" + credentials.suffix());
        // ECS in the standby region, by the partial ARN the standby's template names, and by the full ARN.
        assertThat(secrets.valueFrom("us-west-2", WEST + CREDENTIALS_NAME + ":username::"))
                .isEqualTo("app_user");
        assertThat(secrets.valueFrom("us-west-2", WEST + CREDENTIALS_NAME + ":password::"))
                .isEqualTo(password);
        assertThat(secrets.valueFrom("us-west-2", replica + ":password::")).isEqualTo(password);
        assertThat(secrets.valueFrom("us-east-1", EAST + CREDENTIALS_NAME)).isEqualTo(credentials.value());
        assertThat(secrets.dynamicReference("us-west-2", CREDENTIALS_NAME + ":SecretString:password::"))
                .isEqualTo(password);
        assertThat(secrets.secretAt("us-west-2", replica)).isEqualTo(credentials);
        // The replica's value is the primary's, so the ARN of the master it names is the primary region's.
        assertThat(JSON.readTree(credentials.value()).path("masterarn").asText())
                .isEqualTo(secrets.secret(
                                PRIMARY,
                                "tcocalculatorstaginguseast1DatabaseInstanceSecret1D133FD33fdaad7efa858a3daf9490cf0a702aeb")
                        .arn());

        // A name with a suffix that is not the secret's is another name, which does not exist.
        String wrongSuffix = credentials.suffix().equals("AAAAAA") ? "BBBBBB" : "AAAAAA";
        assertThatThrownBy(() -> secrets.valueFrom("us-west-2", WEST + CREDENTIALS_NAME + "-" + wrongSuffix))
                .hasMessageContaining("names no secret");
        assertThatThrownBy(
                        () -> secrets.valueFrom("us-west-2", WEST.replace(ACCOUNT, "999999999999") + CREDENTIALS_NAME))
                .hasMessageContaining("account 999999999999");
    }

    @Test
    void secretsOfTheSameNameInEachRegionAreDistinctSecrets() {
        EnvironmentSecrets secrets =
                EnvironmentSecrets.generate(List.of(StagingStacks.primary(), StagingStacks.standby()));
        EnvironmentSecrets.Secret east = secrets.secret(PRIMARY, REDIS_TOKEN);
        EnvironmentSecrets.Secret west = secrets.secret(STANDBY, REDIS_TOKEN);
        assertThat(east.name()).isEqualTo(west.name());
        assertThat(east.value()).isNotEqualTo(west.value()).matches("[A-Za-z0-9]{64}");
        assertThat(secrets.valueFrom("us-west-2", WEST + west.name())).isEqualTo(west.value());
        assertThat(secrets.valueFrom("us-east-1", EAST + east.name())).isEqualTo(east.value());
        // Replicating one into the other's region is refused, as Secrets Manager refuses it.
        SynthesizedStack replicatingToken = StagingStacks.primary(template -> StagingStacks.properties(
                        template, REDIS_TOKEN)
                .set(
                        "ReplicaRegions",
                        JSON.createArrayNode().add(JSON.createObjectNode().put("Region", "us-west-2"))));
        assertThatThrownBy(() -> EnvironmentSecrets.generate(List.of(replicatingToken, StagingStacks.standby())))
                .hasMessageContaining("two secrets named " + east.name() + " in us-west-2")
                .hasMessageContaining(REDIS_TOKEN + " of " + PRIMARY)
                .hasMessageContaining(REDIS_TOKEN + " of " + STANDBY);
    }

    @Test
    void aSecretOfAnotherRegionThatIsNotReplicatedThereIsAnErrorNamingIt() {
        SynthesizedStack unreplicated = StagingStacks.primary(template ->
                StagingStacks.properties(template, APPLICATION_CREDENTIALS).remove("ReplicaRegions"));
        EnvironmentSecrets secrets = EnvironmentSecrets.generate(List.of(unreplicated, StagingStacks.standby()));
        assertThatThrownBy(() -> secrets.valueFrom("us-west-2", WEST + CREDENTIALS_NAME + ":username::"))
                .hasMessageContaining("secret " + CREDENTIALS_NAME)
                .hasMessageContaining(APPLICATION_CREDENTIALS + " of " + PRIMARY)
                .hasMessageContaining("is not in us-west-2")
                .hasMessageContaining("created in us-east-1 and replicated to no region");
        assertThat(secrets.valueFrom("us-east-1", EAST + CREDENTIALS_NAME + ":username::"))
                .isEqualTo("app_user");
    }

    @Test
    void keptSecretsAreTheSameInAnotherProcessAndOnlyTheirOwnerCanReadThem() throws Exception {
        List<SynthesizedStack> stacks = List.of(StagingStacks.primary(), StagingStacks.standby());
        Path file = work.resolve("state/secrets.json");
        EnvironmentSecrets first = EnvironmentSecrets.loadOrGenerate(file, stacks);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }

        // A later process (another instance, from the file) resolves identical values.
        EnvironmentSecrets later = EnvironmentSecrets.loadOrGenerate(file, stacks);
        assertThat(later.secrets()).isEqualTo(first.secrets()).hasSize(4);
        assertThat(EnvironmentSecrets.load(file).secrets()).isEqualTo(first.secrets());
        assertThat(later.valueFrom("us-west-2", WEST + CREDENTIALS_NAME + ":password::"))
                .isEqualTo(first.valueFrom("us-west-2", WEST + CREDENTIALS_NAME + ":password::"));
        assertThat(JSON.readTree(file.toFile()).path("format").asText()).isEqualTo("dr-rehearsal-secrets/1");

        // Fresh secrets are other values: the file, not chance, made them equal.
        EnvironmentSecrets fresh = EnvironmentSecrets.generate(stacks);
        assertThat(fresh.secret(PRIMARY, REDIS_TOKEN).value())
                .isNotEqualTo(first.secret(PRIMARY, REDIS_TOKEN).value());
        fresh.save(file);
        assertThat(EnvironmentSecrets.load(file).secrets()).isEqualTo(fresh.secrets());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EnvironmentSecrets.load(file)).hasMessageContaining("rw-r--r--");
    }

    @Test
    void keptSecretsOfOtherTemplatesAreRefused() {
        Path file = work.resolve("secrets.json");
        EnvironmentSecrets.loadOrGenerate(file, List.of(StagingStacks.primary(), StagingStacks.standby()));
        SynthesizedStack unreplicated = StagingStacks.primary(template ->
                StagingStacks.properties(template, APPLICATION_CREDENTIALS).remove("ReplicaRegions"));
        assertThatThrownBy(
                        () -> EnvironmentSecrets.loadOrGenerate(file, List.of(unreplicated, StagingStacks.standby())))
                .hasMessageContaining(file.toString())
                .hasMessageContaining(APPLICATION_CREDENTIALS)
                .hasMessageContaining("not those of the templates");
    }
}
