package io.drplatform.dr.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.contract.ContainerVariables;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rehearsal runs the task's environment as synthesized, except what would reach AWS with no local stand-in. */
class TaskLauncherTest {
    @Test
    void theServiceRunsOnTheTasksAddressWithoutCloudWatchPublishing() {
        Map<String, String> task = Map.of(
                ContainerVariables.AWS_REGION, "us-east-1",
                ContainerVariables.PLATFORM_ENVIRONMENT, "staging",
                ContainerVariables.METRICS_NAMESPACE, "DrPlatform/tco-calculator-staging/api");
        assertThat(TaskLauncher.processEnvironment(task, "127.0.0.7"))
                .containsEntry(ContainerVariables.AWS_REGION, "us-east-1")
                .containsEntry(ContainerVariables.PLATFORM_ENVIRONMENT, "staging")
                .containsEntry("SERVER_ADDRESS", "127.0.0.7")
                .doesNotContainKey(ContainerVariables.METRICS_NAMESPACE);
    }
}
