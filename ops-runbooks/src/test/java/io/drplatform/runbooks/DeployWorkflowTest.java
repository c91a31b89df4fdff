package io.drplatform.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The deploy workflow takes every fact about an environment from the manifest (through ./platform describe) and smoke
 * tests with the script the deployment contract test runs against the synthesized listener rules.
 */
class DeployWorkflowTest {
    private static final Path DEPLOY = Repository.WORKFLOWS.resolve("deploy.yml");

    @Test
    void namesNoDomainRegionOrStackOfItsOwn() throws IOException {
        String workflow = Files.readString(DEPLOY);
        assertThat(workflow)
                .contains("./platform describe --manifest \"$MANIFEST\" --environment \"$ENVIRONMENT\" --json");
        assertThat(workflow)
                .doesNotContainPattern("[a-z0-9-]+\\.example\\.(com|org)")
                .doesNotContainPattern("\\b(us|eu|ap|ca|sa|me|af)-[a-z]+-\\d\\b")
                .doesNotContain("tco-calculator-");
    }

    @Test
    void rehearsesTheSynthesizedEnvironmentAndSmokeTestsItBeforeAnythingInAwsChanges() throws IOException {
        String workflow = Files.readString(DEPLOY);
        int rehearsal =
                workflow.indexOf("dr-scripts/dr local up --manifest \"$MANIFEST\" --environment \"$ENVIRONMENT\"");
        int smoke = workflow.indexOf(".github/scripts/smoke-test.sh", rehearsal);
        int credentials = workflow.indexOf("aws-actions/configure-aws-credentials");
        assertThat(rehearsal).as("dr local up of the environment").isPositive();
        assertThat(workflow.substring(smoke, workflow.indexOf('\n', smoke + 40)))
                .contains("dr-scripts/dr local status --url");
        assertThat(smoke).isLessThan(credentials);
        assertThat(workflow.indexOf("dr-scripts/dr local down", smoke)).isBetween(smoke, credentials);
    }

    @Test
    void smokeTestsThroughTheScriptTheContractTestRuns() throws IOException {
        assertThat(Files.readString(DEPLOY))
                .contains(".github/scripts/smoke-test.sh \"${{ steps.describe.outputs.url }}\"");
        assertThat(Repository.ROOT.resolve(".github/scripts/smoke-test.sh")).isExecutable();
    }
}
