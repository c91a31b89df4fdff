package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code dr local up} leaves for the commands that follow it: the state, read back whole by every later
 * command, and each task's definition, which holds the task's secrets and so is readable by its owner only.
 */
class RehearsalStateFilesTest {
    @TempDir
    Path directory;

    static LocalState state(Path base) {
        RehearsalNetwork network = new RehearsalNetwork("127.123.");
        return new LocalState(
                base.toString(),
                "shop",
                "staging",
                "eu-west-1",
                "eu-central-1",
                "/opt/service.jar",
                "shop",
                0.1,
                new LocalState.Server("identity provider", network.issuer(), 8000, 11),
                new LocalState.EntryPointNode(
                        network.entryPoint(), 8000, 12, "/health/deep", 1000, 3, 10, "FailoverRecords"),
                List.of(
                        new LocalState.RegionNode(
                                "eu-west-1",
                                "shop-staging-eu-west-1",
                                new LocalState.Server("DatabaseInstance", network.database(0), 5432, -1),
                                new LocalState.Server("CacheReplicationGroup", network.cache(0), 6380, 21),
                                new LocalState.Server("Listener", network.loadBalancer(0), 8000, 22),
                                List.of(new LocalState.Task(
                                        "api",
                                        "ApiService",
                                        TaskDefinitionFile.SERVICE_JAR,
                                        network.task(0, 0),
                                        8080,
                                        "ApiTargets",
                                        23))),
                        new LocalState.RegionNode(
                                "eu-central-1",
                                "shop-staging-eu-central-1",
                                new LocalState.Server("RegionDatabaseInstance", network.database(1), 5432, -1),
                                null,
                                null,
                                List.of())));
    }

    @Test
    void theStateReadsBackWholeAndEveryRegionHasItsOwnAddresses() throws Exception {
        LocalState state = state(directory);
        state.save(directory);

        assertThat(LocalState.load(directory)).isEqualTo(state);
        assertThat(state.region("eu-west-1").database().address())
                .isNotEqualTo(state.region("eu-central-1").database().address());
        assertThat(state.other("eu-west-1")).isEqualTo("eu-central-1");
        assertThat(state.entryPointUrl()).isEqualTo("http://127.123.0.1:8000");
        assertThat(Files.list(directory).map(p -> p.getFileName().toString()))
                .as("written through a temporary file and moved into place")
                .containsExactly(LocalState.FILE);
    }

    @Test
    void aTaskDefinitionWithSecretsIsReadableByItsOwnerOnly() throws Exception {
        TaskDefinitionFile definition = new TaskDefinitionFile(
                TaskDefinitionFile.SERVICE_JAR,
                "the image built from ../service/Dockerfile",
                "ApiTask",
                List.of(),
                Map.of("SPRING_R2DBC_PASSWORD", "from-the-secret"),
                List.of("-XX:MaxRAM=1024m"),
                "/actuator/health/readiness",
                List.of("/actuator/health/readiness"),
                null);
        Path file = directory.resolve("tasks").resolve("eu-west-1.api.json");

        definition.save(file);

        assertThat(TaskDefinitionFile.load(file)).isEqualTo(definition);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void tasksKeepTheirContainerPortWhereTheyMayBindIt() {
        assertThat(RehearsalNetwork.taskPort(8080)).isEqualTo(8080);
        assertThat(RehearsalNetwork.taskPort(80))
                .isEqualTo(OsCommand.isRoot() ? 80 : 80 + RehearsalNetwork.UNPRIVILEGED_OFFSET);
    }
}
