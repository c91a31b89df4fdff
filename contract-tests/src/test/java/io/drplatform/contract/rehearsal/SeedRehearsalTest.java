package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.local.LocalInventory;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each seed's manifest rehearses its production environment as far as its images allow: the databases, caches,
 * load balancers and failover entry point run as synthesized; its services come from public registries, so each
 * task is a placeholder that the output lists once per image and that labels every answer it gives.
 */
class SeedRehearsalTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "calculator-web-app.yaml",
                "dpc-cost-comparator.yaml",
                "microservices.yaml",
                "monte-carlo-streamlit.yaml"
            })
    void rehearsesAsFarAsItsImagesAllow(String file) throws Exception {
        Path manifest = Rehearsal.ROOT.resolve("manifests").resolve(file);
        Deployment deployment = ManifestLoader.load(manifest).deployment(EnvironmentName.PRODUCTION);
        Rehearsal rehearsal = Rehearsal.synthesize(manifest, EnvironmentName.PRODUCTION);
        try {
            Rehearsal.Run up = rehearsal.capture(rehearsal.upArguments());
            assertThat(up.exit()).as(up.output()).isZero();
            for (ServiceSpec service : deployment.services()) {
                assertThat(up.output())
                        .contains("placeholder: " + service.image().registry()
                                + " cannot run without a container engine");
            }
            List<LocalInventory.Row> rows = LocalInventory.rows(rehearsal.state);
            assertThat(rows)
                    .filteredOn(r -> r.kind().startsWith("service"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.kind()).isEqualTo("service (placeholder)"));
            assertThat(rows)
                    .filteredOn(r -> r.kind().equals("database"))
                    .extracting(LocalInventory.Row::health)
                    .containsExactlyElementsOf(
                            deployment.hasStandby() ? List.of("primary", "replica") : List.of("primary"));
            // The region's listener takes a request for the application and a placeholder answers it, labelled.
            LocalInventory.Row listener = rows.stream()
                    .filter(r -> r.kind().equals("listener"))
                    .findFirst()
                    .orElseThrow();
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + listener.address() + "/a/page"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("X-Rehearsal-Placeholder")).isPresent();
            assertThat(answer.body()).startsWith("placeholder for ");
        } finally {
            rehearsal.dr("local", "down");
        }
    }
}
