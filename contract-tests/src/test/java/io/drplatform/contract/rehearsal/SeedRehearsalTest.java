package io.drplatform.contract.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drplatform.dr.local.LocalInventory;
import io.drplatform.dr.local.LocalState;
import io.drplatform.dr.rehearsal.resolve.EnvironmentSecrets;
import io.drplatform.manifest.contract.NeutralVariables;
import io.drplatform.manifest.loading.ManifestLoader;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.EnvironmentName;
import io.drplatform.manifest.model.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each seed's manifest rehearses its production environment as far as its images allow: the databases, caches,
 * load balancers and failover entry point run as synthesized; its services come from public registries, so each
 * task is a placeholder that the output lists once per image and that labels every answer it gives. In place of a
 * seed's own program, a probe that reads its settings as the seed does ({@code src/test/resources/probes}) runs
 * through {@code dr local run} with exactly its task's environment, and reaches the database and Redis over TLS.
 */
class SeedRehearsalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String APPLICATION_USER = "app_user";

    /**
     * @param probed a service that connects to the database and the cache, and whose task's environment resolves
     *     locally (seed 001's api also reads secrets made by hand, which no stack creates); empty for none
     * @param probe  how that seed's program reads its settings
     */
    @ParameterizedTest
    @CsvSource({
        "calculator-web-app.yaml,,",
        "dpc-cost-comparator.yaml,backend,host-and-port.sh",
        "microservices.yaml,user,url.sh",
        "monte-carlo-streamlit.yaml,streamlit,url.sh"
    })
    void rehearsesAsFarAsItsImagesAllow(String file, String probed, String probe) throws Exception {
        Path manifest = Rehearsal.ROOT.resolve("manifests").resolve(file);
        Deployment deployment = ManifestLoader.load(manifest).deployment(EnvironmentName.PRODUCTION);
        Rehearsal rehearsal = Rehearsal.synthesize(manifest, EnvironmentName.PRODUCTION);
        if (probed != null) {
            seamCheckReadsTheNamesTheServiceAskedFor(rehearsal, deployment, probed);
        }
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
            if (probed != null) {
                probeConnects(rehearsal, deployment, probed, probe);
            }
        } finally {
            rehearsal.dr("local", "down");
        }
    }

    /**
     * The probe runs as the service's task: PostgreSQL as the application user over TLS, and Redis with TLS and AUTH,
     * answering a query and PING, SET, GET.
     */
    private static void probeConnects(Rehearsal rehearsal, Deployment deployment, String service, String probe)
            throws Exception {
        provisionApplicationUser(rehearsal);
        Path script =
                Path.of(SeedRehearsalTest.class.getResource("/probes/" + probe).toURI());
        Rehearsal.Run run =
                rehearsal.capture("local", "run", "--service", service, "--", "/bin/bash", script.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("database " + APPLICATION_USER + " "
                        + deployment.database().databaseName() + " ssl=true")
                .contains("cache PONG")
                .contains("cache OK")
                .contains("cache neutral");
    }

    /**
     * What a migration task provisions before the services start (the seeds declare none, so the test stands in for
     * it): the application user, with the password of the secret the services' tasks are given, created by the
     * primary's superuser.
     */
    private static void provisionApplicationUser(Rehearsal rehearsal) throws Exception {
        LocalState state = LocalState.load(rehearsal.state);
        EnvironmentSecrets secrets =
                EnvironmentSecrets.load(state.privateDirectory().resolve("secrets.json"));
        String password = null;
        for (EnvironmentSecrets.Secret secret : secrets.secrets()) {
            JsonNode value = secret.region().equals(state.primaryRegion())
                            && secret.value().startsWith("{")
                    ? JSON.readTree(secret.value())
                    : JSON.missingNode();
            if (APPLICATION_USER.equals(value.path("username").asText())) {
                password = value.path("password").asText();
            }
        }
        assertThat(password).as("the application user's generated secret").isNotNull();
        try (Connection c = state.postgres(state.primaryRegion()).connect(state.databaseName());
                Statement statement = c.createStatement()) {
            statement.execute(
                    "CREATE ROLE " + APPLICATION_USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
        }
    }

    /**
     * The seam check knows which variable holds the database password under the service's naming: a copy of the
     * assembly whose task definitions lack it fails {@code dr local check}, naming the variable.
     */
    private static void seamCheckReadsTheNamesTheServiceAskedFor(
            Rehearsal rehearsal, Deployment deployment, String service) throws Exception {
        ServiceSpec spec = deployment.services().stream()
                .filter(s -> s.name().equals(service))
                .findFirst()
                .orElseThrow();
        String password = spec.variable(NeutralVariables.DATABASE_PASSWORD);
        Path broken = rehearsal.work.resolve("cdk.out-without-" + password);
        try (Stream<Path> files = Files.list(rehearsal.assembly())) {
            Files.createDirectories(broken);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, broken.resolve(file.getFileName()));
            }
        }
        try (Stream<Path> templates = Files.list(broken)) {
            for (Path template : templates
                    .filter(f -> f.toString().endsWith(".template.json"))
                    .toList()) {
                JsonNode root = JSON.readTree(template.toFile());
                for (JsonNode resource : root.path("Resources")) {
                    for (JsonNode container : resource.path("Properties").path("ContainerDefinitions")) {
                        if (container.path("Name").asText().equals(service)) {
                            removeEntry((ArrayNode) container.path("Secrets"), password);
                        }
                    }
                }
                JSON.writeValue(template.toFile(), root);
            }
        }
        Rehearsal.Run check = rehearsal.capture("local", "check", "--assembly", broken.toString());
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("does not set " + password + ", which " + service + " needs");
    }

    private static void removeEntry(ArrayNode entries, String name) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).path("Name").asText().equals(name)) {
                entries.remove(i);
            }
        }
    }
}
