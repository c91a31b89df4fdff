package io.drplatform.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every GitHub workflow passes action-validator (installed from npm by ./platform test). */
class WorkflowLintTest {
    private static final Path VALIDATOR = Repository.RUNBOOKS.resolve("node_modules/.bin/action-validator");

    static Stream<Path> workflows() {
        return Repository.workflows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void passesTheWorkflowLinter(Path workflow) throws Exception {
        Result result = validate(workflow);
        assertThat(result.exitCode())
                .as("action-validator %s:%n%s", workflow.getFileName(), result.output())
                .isZero();
    }

    @Test
    void theLinterRejectsABrokenWorkflow(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "name: broken\non: pushh\njobs:\n  a:\n    runs-onn: ubuntu-latest\n");
        assertThat(validate(broken).exitCode()).isNotZero();
    }

    @Test
    void theCiPullRequestDeployAndDrillWorkflowsExist() {
        assertThat(workflows().map(p -> p.getFileName().toString()))
                .contains("ci.yml", "deploy.yml", "pr.yml", "drill.yml");
    }

    private record Result(int exitCode, String output) {}

    private static Result validate(Path workflow) throws IOException, InterruptedException {
        assertThat(VALIDATOR)
                .as("the linter is installed (cd ops-runbooks && npm ci)")
                .exists();
        Process process = new ProcessBuilder(VALIDATOR.toString(), workflow.toString())
                .redirectErrorStream(true)
                .start();
        // Read before waiting: a full pipe would otherwise block the linter.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        assertThat(finished).as("the linter finished within 60 s").isTrue();
        return new Result(process.exitValue(), output);
    }
}
