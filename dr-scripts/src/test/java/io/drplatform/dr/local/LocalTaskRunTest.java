package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dr local run}: a program gets the task's resolved environment, the rehearsal's CA bundle in the variables TLS
 * libraries read, and the shell's {@code PATH}, and nothing else of the tool's environment; the task's own values win.
 */
class LocalTaskRunTest {
    @TempDir
    Path directory;

    private LocalState state;

    @BeforeEach
    void rehearsal() throws Exception {
        state = RehearsalStateFilesTest.state(directory);
        state.save(directory);
        Files.createDirectories(state.privateDirectory());
    }

    @Test
    void theProgramGetsExactlyTheTasksEnvironmentTheCaBundleAndThePath() throws Exception {
        task("eu-west-1", "backend", Map.of("DATABASE_HOST", "127.123.0.2", "SSL_CERT_FILE", "/image/own.pem"), null);

        Run run = run("eu-west-1", "backend", "/usr/bin/env");

        String bundle = state.privateDirectory().resolve(RehearsalTrust.BUNDLE).toString();
        assertThat(run.exit()).isZero();
        assertThat(run.environment())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "DATABASE_HOST",
                        "127.123.0.2",
                        "SSL_CERT_FILE",
                        "/image/own.pem",
                        "NODE_EXTRA_CA_CERTS",
                        bundle,
                        "REQUESTS_CA_BUNDLE",
                        bundle,
                        "PGSSLROOTCERT",
                        bundle,
                        "PATH",
                        System.getenv("PATH")));
    }

    @Test
    void thePrimaryRegionsTaskByDefaultAndTheProgramsExitCode() throws Exception {
        task("eu-west-1", "backend", Map.of("ROLE", "primary"), null);
        task("eu-central-1", "backend", Map.of("ROLE", "standby"), null);

        assertThat(run(null, "backend", "/bin/sh", "-c", "echo $ROLE; exit 3")).isEqualTo(new Run(3, "primary\n"));
        assertThat(run("eu-central-1", "backend", "/bin/sh", "-c", "echo $ROLE").output())
                .isEqualTo("standby\n");
    }

    @Test
    void anUnresolvedEnvironmentOrAnUnknownServiceIsRefusedNamingWhy() throws Exception {
        task("eu-west-1", "api", Map.of(), "STRIPE_API_KEY: `calcapp/stripe-api-key` names no secret of the stacks");

        assertThatThrownBy(() -> run(null, "api", "/usr/bin/env"))
                .hasMessageContaining("could not be resolved locally")
                .hasMessageContaining("calcapp/stripe-api-key");
        assertThatThrownBy(() -> run(null, "frontend", "/usr/bin/env"))
                .hasMessageContaining("no service frontend in eu-west-1")
                .hasMessageContaining("[api]");
    }

    record Run(int exit, String output) {
        Map<String, String> environment() {
            return Arrays.stream(output.split("\n"))
                    .map(line -> line.split("=", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> b, TreeMap::new));
        }
    }

    private Run run(String region, String service, String... command) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = LocalTaskRun.run(
                directory, region, service, List.of(command), new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Run(exit, printed.toString(StandardCharsets.UTF_8));
    }

    private void task(String region, String service, Map<String, String> environment, String unresolved)
            throws Exception {
        new TaskDefinitionFile(
                        TaskDefinitionFile.PLACEHOLDER,
                        "ghcr.io/shop/" + service + ":1.0.0",
                        "BackendTask",
                        List.of(),
                        environment,
                        List.of(),
                        "/health",
                        List.of("/health"),
                        unresolved)
                .save(TaskDefinitionFile.file(state, region, service));
    }
}
