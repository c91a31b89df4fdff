package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drplatform.manifest.model.EnvironmentName;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code dr local up} on a synthesized staging assembly with one seam defect planted: it refuses before starting
 * anything, naming the resource by its logical id, and leaves no rehearsal behind.
 */
class RehearsalRefusesSeamDefectsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWrongRedisPortInTheStandbysTaskStopsTheRehearsalNamingTheTaskDefinition() throws Exception {
        Rehearsal rehearsal = Rehearsal.synthesize(Rehearsal.MANIFEST, EnvironmentName.STAGING);
        Path standby = rehearsal.assembly().resolve("tco-calculator-staging-us-west-2.template.json");
        ObjectNode template = (ObjectNode) JSON.readTree(standby.toFile());
        template.path("Resources")
                .path("ServicesapiTaskEA6B19CD")
                .path("Properties")
                .path("ContainerDefinitions")
                .get(0)
                .path("Environment")
                .forEach(variable -> {
                    if (variable.path("Name").asText().equals("SPRING_DATA_REDIS_PORT")) {
                        ((ObjectNode) variable).put("Value", "6379");
                    }
                });
        JSON.writeValue(standby.toFile(), template);

        Rehearsal.Run up = rehearsal.capture(rehearsal.upArguments());

        assertThat(up.exit()).isEqualTo(1);
        assertThat(up.output())
                .contains("seam defects")
                .contains("ServicesapiTaskEA6B19CD")
                .contains("6379");
        assertThat(Files.exists(rehearsal.state.resolve("local-pair.json"))).isFalse();
    }
}
