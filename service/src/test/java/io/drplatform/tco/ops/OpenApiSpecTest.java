package io.drplatform.tco.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The checked-in contract ({@code service/openapi.json}) must match what the running service publishes. After an
 * intended API change, regenerate it with {@code ./mvnw -f service/pom.xml test -Dtest=OpenApiSpecTest
 * -Dopenapi.update=true} and review the diff.
 */
class OpenApiSpecTest extends ServiceTest {
    private static final Path SPEC = Path.of("openapi.json");

    @Test
    void runningServiceMatchesTheCheckedInSpec() throws IOException {
        byte[] live = client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode liveTree = Json.readTree(live);
        if (Boolean.getBoolean("openapi.update")) {
            Files.write(
                    SPEC,
                    Json.MAPPER
                            .writer()
                            .with(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(liveTree));
        }
        JsonNode checkedIn = Json.readTree(Files.readAllBytes(SPEC));
        assertThat(liveTree)
                .as("GET /v3/api-docs differs from service/openapi.json")
                .isEqualTo(checkedIn);
        assertThat(liveTree.get("paths").has("/api/v1/quotes")).isTrue();
        assertThat(liveTree.get("paths").has("/api/v1/calculations/{id}/cashflows.csv"))
                .isTrue();
    }

    @Test
    void swaggerUiIsServed() {
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
