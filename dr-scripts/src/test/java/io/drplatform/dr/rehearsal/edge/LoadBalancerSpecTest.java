package io.drplatform.dr.rehearsal.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.dr.rehearsal.template.ListenerRules;
import io.drplatform.dr.rehearsal.template.TargetGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadBalancerSpecTest {
    @TempDir
    Path directory;

    private static final ListenerRules LISTENER = new ListenerRules(
            "Https",
            List.of(
                    new ListenerRules.Rule(
                            "Deep", 1, List.of("/health/deep"), new ListenerRules.Action("forward", "Api")),
                    new ListenerRules.Rule("Api", 10, List.of("/api/*"), new ListenerRules.Action("forward", "Api"))),
            new ListenerRules.Action("fixed-response", null));
    private static final Map<String, TargetGroup> GROUPS =
            Map.of("Api", new TargetGroup("Api", 8080, "/actuator/health", 15, 5, 2, 3, "200"));

    @Test
    void theTemplatesListenerAndHealthChecksScaledToTheRehearsalsSecond() {
        LoadBalancerSpec spec = LoadBalancerSpec.fromTemplate(
                "127.0.0.5", 0, LISTENER, GROUPS, Map.of("Api", "api"), Duration.ofMillis(200));

        assertThat(spec.rules())
                .extracting(LoadBalancerSpec.Rule::priority, LoadBalancerSpec.Rule::targetGroup)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "Api"), org.assertj.core.groups.Tuple.tuple(10, "Api"));
        assertThat(spec.defaultTargetGroup())
                .as("a fixed response forwards nowhere")
                .isNull();
        LoadBalancerSpec.TargetGroupSpec api = spec.targetGroups().get("Api");
        assertThat(api.name()).isEqualTo("api");
        assertThat(api.targets()).isEmpty();
        assertThat(api.healthCheck())
                .isEqualTo(new LoadBalancerSpec.HealthCheck("/actuator/health", 3000, 1000, 2, 3, "200"));
    }

    @Test
    void writtenAndReadBackWithTargetsRegisteredAndDeregistered() throws Exception {
        Path file = directory.resolve("load-balancer.json");
        LoadBalancerSpec spec = LoadBalancerSpec.fromTemplate(
                        "127.0.0.5", 0, LISTENER, GROUPS, Map.of("Api", "api"), Duration.ofMillis(200))
                .register("Api", "127.0.0.1:8080")
                .register("Api", "127.0.0.1:8081")
                .register("Api", "127.0.0.1:8080")
                .deregister("Api", "127.0.0.1:8080");
        spec.write(file);

        LoadBalancerSpec read = LoadBalancerSpec.read(file);
        assertThat(read).isEqualTo(spec);
        assertThat(read.targetGroups().get("Api").targets()).containsExactly("127.0.0.1:8081");
        assertThat(LoadBalancerSpec.statusFile(file)).isEqualTo(directory.resolve("load-balancer.status.json"));
        assertThatThrownBy(() -> spec.register("Web", "127.0.0.1:80")).hasMessageContaining("no target group Web");
    }

    @Test
    void theMatcherTakesCodesListsAndRanges() {
        LoadBalancerSpec.HealthCheck check = new LoadBalancerSpec.HealthCheck("/", 1000, 500, 2, 2, "200-299, 302");

        assertThat(check.matches(200)).isTrue();
        assertThat(check.matches(204)).isTrue();
        assertThat(check.matches(302)).isTrue();
        assertThat(check.matches(301)).isFalse();
        assertThat(check.matches(500)).isFalse();
    }
}
