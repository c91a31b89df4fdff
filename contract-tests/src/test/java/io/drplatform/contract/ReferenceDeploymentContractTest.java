package io.drplatform.contract;

import static io.drplatform.dr.rehearsal.edge.LocalLoadBalancer.ROUTED_TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drplatform.contract.standin.ClientAt;
import io.drplatform.contract.standin.Commands;
import io.drplatform.contract.standin.ContainerView;
import io.drplatform.contract.standin.LocalDeployment;
import io.drplatform.contract.standin.Prerequisites;
import io.drplatform.contract.template.Synthesis;
import io.drplatform.dr.rehearsal.template.ContainerIsolation;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import io.drplatform.manifest.model.EnvironmentName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The reference service run exactly as the synthesized production stack of the active region would run it: the
 * api container's environment and secrets resolved to local stand-ins of the same kind, the migration as its task
 * runs it, and every request through a load balancer built from the synthesized listener rules. It catches the
 * seams between the CDK app and the service that neither module's own tests can see.
 *
 * <p>The anonymous rate-limit check runs last: it empties a bucket, and if the service keys that bucket on the load
 * balancer instead of the client, every later anonymous call would be refused too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceDeploymentContractTest {
    static final String STACK = "tco-calculator-production-us-east-1";
    static final Path ROOT = Path.of(System.getProperty("repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path WORK = ROOT.resolve("contract-tests/target/deployment");
    static final ObjectMapper JSON = new ObjectMapper();

    static LocalDeployment deployment;
    static SynthesizedStack stack;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every failure shows the service's state and the end of its output. */
    @RegisterExtension
    static final TestExecutionExceptionHandler SERVICE_OUTPUT = (context, failure) -> {
        throw new AssertionError(
                failure.getMessage() + "\n\nthe service is "
                        + deployment.process().status() + "; its target health check: " + deployment.targetHealth()
                        + "\n" + deployment.process().tail(40),
                failure);
    };

    @BeforeAll
    static void deploy() throws Exception {
        Prerequisites.require();
        Commands.deleteTree(WORK);
        Files.createDirectories(WORK);
        long started = System.nanoTime();
        stack = Synthesis.synthesize(
                ROOT.resolve("manifests/tco-calculator.yaml"),
                EnvironmentName.PRODUCTION,
                STACK,
                WORK.resolve("cdk.out"));
        long synthesized = System.nanoTime();
        deployment = LocalDeployment.start(stack, "api", ROOT.resolve("service/target/service.jar"), WORK);
        System.out.printf(
                "synthesized %s in %.1f s; stand-ins, migration and service up in %.1f s%n",
                STACK, (synthesized - started) / 1e9, (System.nanoTime() - synthesized) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    /**
     * The api runs as its container definition says, seen from the running JVM itself: the user, a read-only root
     * file system and nothing writable but the scratch volume; and the container's health check passes in that view.
     */
    @Test
    @Order(0)
    void theApiRunsAsItsUnprivilegedUserOnAReadOnlyFileSystemAndItsHealthCheckPassesThere() throws Exception {
        ContainerIsolation isolation = deployment.service().container().isolation();
        assertThat(isolation)
                .as("the api's container definition in %s", STACK)
                .isEqualTo(new ContainerIsolation(Optional.of("10001:10001"), true, List.of("/tmp")));
        String jvm = Long.toString(deployment.process().jvmPid());
        List<String> status = Files.readAllLines(Path.of("/proc", jvm, "status"));
        assertThat(field(status, "Uid:")).as("real, effective, saved, fs uid").isEqualTo("10001 10001 10001 10001");
        assertThat(field(status, "Gid:")).as("real, effective, saved, fs gid").isEqualTo("10001 10001 10001 10001");
        assertThat(field(status, "Groups:")).as("supplementary groups").isEmpty();
        Map<String, String> mounts = mountOptions(Path.of("/proc", jvm, "mountinfo"));
        assertThat(mounts.get("/")).as("the JVM's root file system").startsWith("ro,");
        assertThat(mounts.get("/tmp")).as("the JVM's /tmp").startsWith("rw,");
        mounts.forEach((point, options) -> {
            if (!point.equals("/tmp") && !point.matches("/(proc|sys|dev)(/.*)?")) {
                assertThat(options).as("%s in the JVM's view", point).startsWith("ro,");
            }
        });

        // The same view for a process of our own: the work directory and the jar's are not writable, /tmp is.
        Path jarDirectory = ROOT.resolve("service/target");
        ProcessOutput write = inView(
                isolation,
                List.of(
                        "sh",
                        "-c",
                        "touch /tmp/probe && echo tmp-writable; touch " + WORK + "/probe; touch " + jarDirectory
                                + "/probe; id -u; true"));
        assertThat(write.text())
                .contains("tmp-writable")
                .contains(WORK + "/probe': Read-only file system")
                .contains(jarDirectory + "/probe': Read-only file system")
                .contains("10001");

        // ECS runs the container's health check inside the container, as its user: here the image's curl is the
        // machine's, the user, file system and port are the container's.
        JsonNode api = containerDefinition(deployment.service().container().taskDefinitionId(), "api");
        List<String> check = new java.util.ArrayList<>();
        api.path("HealthCheck").path("Command").forEach(a -> check.add(a.asText()));
        assertThat(check).as("the api's container health check").startsWith("CMD", "curl");
        ProcessOutput probe = inView(isolation, check.subList(1, check.size()));
        assertThat(probe.exit())
                .as("%s in the container's view:\n%s", check, probe.text())
                .isZero();
    }

    /** The image the task definition runs: its USER is the definition's user, and each scratch path is a VOLUME. */
    @Test
    @Order(0)
    void theImageDeclaresTheUserAndTheScratchVolumesOfTheTaskDefinition() throws IOException {
        List<String> dockerfile = Files.readAllLines(ROOT.resolve("service/Dockerfile"));
        List<String> finalStage = dockerfile.subList(
                java.util.stream.IntStream.range(0, dockerfile.size())
                        .filter(i -> dockerfile.get(i).startsWith("FROM "))
                        .max()
                        .orElseThrow(),
                dockerfile.size());
        ContainerIsolation isolation = deployment.service().container().isolation();
        assertThat(finalStage)
                .as("service/Dockerfile's final stage")
                .contains("USER " + isolation.user().orElseThrow());
        // Fargate mounts an undeclared scratch path root-owned 0755, which user 10001 could not write.
        for (String path : isolation.writablePaths()) {
            assertThat(finalStage)
                    .as("service/Dockerfile's final stage declares the scratch path %s", path)
                    .anyMatch(line -> line.matches("VOLUME\\s+(\\[.*\"" + Pattern.quote(path) + "\".*\\]|(.*\\s)?"
                            + Pattern.quote(path) + "(\\s.*)?)"));
        }
    }

    @Test
    @Order(1)
    void theTargetIsHealthyAndTheDeepHealthPathAnswersThroughTheLoadBalancer() throws Exception {
        // The ALB's health checker probes each target directly on the target group's path; it is not a public route.
        assertThat(deployment.targetHealth())
                .as(
                        "the target probed on %s as the ALB's health checker probes it",
                        deployment.service().healthCheckPath())
                .isEqualTo("healthy");
        // Route 53's health checks and the deploy workflow's smoke test reach the deep check through the listener.
        String deep = "/health/deep"; // deepHealthCheckPath of the reference manifest's api
        // Route 53 probes every 10 s and needs 3 failures to mark a region down; a fresh task's first probe may outlast
        // the check's 800 ms budget while it opens its first TLS connection to the database. Probe as Route 53 does,
        // a bounded number of times, and judge the answer once the task is warm.
        HttpResponse<String> health = send(get(deep));
        for (int probe = 1; probe < 10 && health.statusCode() != 200; probe++) {
            Thread.sleep(1000);
            health = send(get(deep));
        }
        assertRoutedToService(health);
        assertThat(health.statusCode())
                .as("GET %s through the load balancer: %s", deep, health.body())
                .isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("writable").asBoolean())
                .as("the database is writable")
                .isTrue();
    }

    @Test
    @Order(2)
    void anAuthenticatedCalculationIsStoredAndReadBackThroughItsLocation() throws Exception {
        String token = deployment.issuer().accessToken(UUID.randomUUID().toString());
        HttpRequest.Builder create = post("/api/v1/calculations", example())
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        HttpResponse<String> created = send(create);
        // A client of this API retries a 503 after its Retry-After; the key makes the retry safe. A fresh JVM's first
        // TLS handshake with the database can outlast the 2 s time limiter on a busy machine.
        for (int retry = 0; retry < 3 && created.statusCode() == 503; retry++) {
            Thread.sleep(1000L
                    * Math.min(
                            2, created.headers().firstValueAsLong("Retry-After").orElse(1)));
            created = send(create);
        }
        assertRoutedToService(created);
        assertThat(created.statusCode())
                .as("POST /api/v1/calculations with a token of the issuer: %s", created.body())
                .isEqualTo(201);
        URI location = sameLoadBalancer(created.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("201 without a Location header")));

        HttpResponse<String> read = send(HttpRequest.newBuilder(location).header("Authorization", "Bearer " + token));
        assertRoutedToService(read);
        assertThat(read.statusCode()).as("GET %s: %s", location, read.body()).isEqualTo(200);
        JsonNode stored = JSON.readTree(read.body());
        JsonNode posted = JSON.readTree(created.body());
        assertThat(stored.path("id")).isEqualTo(posted.path("id"));
        assertThat(stored.path("result")).as("the stored result").isEqualTo(posted.path("result"));
    }

    @Test
    @Order(3)
    void theServiceKeepsItsCacheAndRateLimitBucketsInTheSynthesizedRedis() throws Exception {
        String token = deployment.issuer().accessToken(UUID.randomUUID().toString());
        HttpResponse<String> list = send(get("/api/v1/calculations").header("Authorization", "Bearer " + token));
        assertRoutedToService(list);
        assertThat(list.statusCode())
                .as("GET /api/v1/calculations: %s", list.body())
                .isEqualTo(200);
        // The service falls back to per-instance buckets and no cache when Redis fails, so only Redis can tell.
        assertThat(deployment.redis().keyCount())
                .as("keys in the Redis at the synthesized endpoint, port and AUTH token after rate-limited calls; none"
                        + " means the service could not use it (TLS or AUTH: see its log)")
                .isPositive();
    }

    @Test
    @Order(4)
    void swaggerUiShowsThisServicesApiNotTheBundledExample() throws Exception {
        URI page = deployment.loadBalancer().baseUri().resolve("/swagger-ui.html");
        HttpResponse<String> ui = send(HttpRequest.newBuilder(page));
        for (int redirects = 0; ui.statusCode() / 100 == 3 && redirects < 5; redirects++) {
            assertRoutedToService(ui);
            page = sameLoadBalancer(
                    page.resolve(ui.headers().firstValue("Location").orElseThrow())
                            .toString());
            ui = send(HttpRequest.newBuilder(page));
        }
        assertRoutedToService(ui);
        assertThat(ui.statusCode()).as("GET %s", page).isEqualTo(200);

        URI initializer = page.resolve("swagger-initializer.js");
        HttpResponse<String> script = send(HttpRequest.newBuilder(initializer));
        assertRoutedToService(script);
        assertThat(script.statusCode()).as("GET %s", initializer).isEqualTo(200);
        Matcher configUrl =
                Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(script.body());
        assertThat(configUrl.find())
                .as("%s names a configUrl:\n%s", initializer, script.body())
                .isTrue();

        URI configUri = sameLoadBalancer(initializer.resolve(configUrl.group(1)).toString());
        HttpResponse<String> config = send(HttpRequest.newBuilder(configUri));
        assertRoutedToService(config);
        assertThat(config.statusCode()).as("GET %s", configUri).isEqualTo(200);
        JsonNode urls = JSON.readTree(config.body());
        String docs = urls.has("url")
                ? urls.path("url").asText()
                : urls.path("urls").path(0).path("url").asText();
        assertThat(docs)
                .as("the API document swagger-config (%s) points to: %s", configUri, config.body())
                .isNotBlank()
                .doesNotContainIgnoringCase("petstore");

        URI docsUri = sameLoadBalancer(configUri.resolve(docs).toString());
        HttpResponse<String> api = send(HttpRequest.newBuilder(docsUri));
        assertRoutedToService(api);
        assertThat(api.statusCode()).as("GET %s", docsUri).isEqualTo(200);
        JsonNode served = JSON.readTree(api.body());
        JsonNode contract = JSON.readTree(ROOT.resolve("service/openapi.json").toFile());
        assertThat(served.path("info").path("title"))
                .isEqualTo(contract.path("info").path("title"));
        contract.path("paths")
                .fieldNames()
                .forEachRemaining(p -> assertThat(served.path("paths").has(p))
                        .as("%s documents %s", docsUri, p)
                        .isTrue());
    }

    @Test
    @Order(5)
    void theDeployWorkflowsSmokeTestPassesThroughTheSynthesizedRules() throws Exception {
        Path script = ROOT.resolve(".github/scripts/smoke-test.sh");
        assertThat(script)
                .as("the deploy workflow's smoke test, run by deploy.yml as `smoke-test.sh https://<domain>`")
                .exists();
        Path output = WORK.resolve("smoke-test.log");
        Process smoke = new ProcessBuilder(
                        "bash",
                        script.toString(),
                        deployment.loadBalancer().baseUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!smoke.waitFor(90, TimeUnit.SECONDS)) {
            smoke.destroyForcibly().waitFor();
            fail("the smoke test did not finish within 90 s:\n" + Files.readString(output));
        }
        assertThat(smoke.exitValue())
                .as(
                        "exit status of %s %s:\n%s",
                        script, deployment.loadBalancer().baseUri(), Files.readString(output))
                .isZero();
    }

    @Test
    @Order(6)
    void theAnonymousRateLimitIsKeyedPerClientThroughOneProxyHop() throws Exception {
        int capacity = productionQuoteCapacity();
        byte[] quote = example();
        URI balancer = deployment.loadBalancer().baseUri();
        ClientAt a = new ClientAt(deployment.loopback().client(0));
        ClientAt b = new ClientAt(deployment.loopback().client(1));
        for (int i = 1; i <= capacity; i++) {
            ClientAt.Answer answer = a.post(balancer, "/api/v1/quotes", quote);
            assertThat(answer.header(ROUTED_TO)).isEqualTo("api");
            assertThat(answer.status())
                    .as(
                            "client A's quote %d of its %d per minute (RateLimit-Remaining %s)",
                            i, capacity, answer.header("RateLimit-Remaining"))
                    .isEqualTo(200);
        }
        // The bucket refills continuously (capacity per minute) while the calls are made, so a few more may pass.
        boolean refused = false;
        for (int extra = 0; extra < capacity && !refused; extra++) {
            refused = a.post(balancer, "/api/v1/quotes", quote).status() == 429;
        }
        assertThat(refused)
                .as("client A is refused (429) once its %d quotes per minute are used", capacity)
                .isTrue();

        // Several calls, not one: with one key for both clients a single call can slip through on the token that
        // refilled since A's refusal, but not five in a row.
        for (int i = 1; i <= 5; i++) {
            ClientAt.Answer other = b.post(balancer, "/api/v1/quotes", quote);
            assertThat(other.status())
                    .as(
                            "client B's quote %d, after client A used up its own limit; 429 means the"
                                    + " service counts both on one key (the load balancer's address, not the client's from"
                                    + " X-Forwarded-For)",
                            i)
                    .isEqualTo(200);
        }
    }

    // ---- helpers

    record ProcessOutput(int exit, String text) {}

    private static ProcessOutput inView(ContainerIsolation isolation, List<String> command) throws Exception {
        Process process = new ProcessBuilder(ContainerView.wrap(isolation, command))
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within 60 s:\n" + text);
        }
        return new ProcessOutput(process.exitValue(), text);
    }

    private static JsonNode containerDefinition(String taskDefinitionId, String name) {
        for (JsonNode container :
                stack.resource(taskDefinitionId).path("Properties").path("ContainerDefinitions")) {
            if (name.equals(container.path("Name").asText())) {
                return container;
            }
        }
        throw new AssertionError(taskDefinitionId + " has no container " + name);
    }

    /** A {@code /proc/<pid>/status} field, its values separated by single spaces. */
    private static String field(List<String> status, String name) {
        return status.stream()
                .filter(l -> l.startsWith(name))
                .map(l -> l.substring(name.length()).trim().replaceAll("\\s+", " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + status));
    }

    /** Mount point to its per-mount options, from {@code /proc/<pid>/mountinfo}. */
    private static Map<String, String> mountOptions(Path mountinfo) throws IOException {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(mountinfo)) {
            String[] fields = line.split(" ");
            options.put(fields[4], fields[5]); // the last mount at a point is the one the process sees
        }
        return options;
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(deployment.loadBalancer().baseUri().resolve(path));
    }

    private static HttpRequest.Builder post(String path, byte[] json) {
        return get(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRoutedToService(HttpResponse<String> response) {
        assertThat(response.headers().firstValue(ROUTED_TO).orElse("nothing"))
                .as(
                        "where the synthesized listener sends %s %s: %s",
                        response.request().method(), response.uri().getPath(), response.body())
                .isEqualTo(deployment.service().container().name());
    }

    /** A URL the service hands out (Location, redirects, configuration) must lead back through the load balancer. */
    private static URI sameLoadBalancer(String reference) {
        URI base = deployment.loadBalancer().baseUri();
        URI uri = base.resolve(reference);
        assertThat(uri.getAuthority())
                .as("%s leaves the load balancer %s", reference, base)
                .isEqualTo(base.getAuthority());
        return uri;
    }

    private static byte[] example() throws IOException {
        return Files.readAllBytes(ROOT.resolve("service/examples/request.json"));
    }

    /** The production per-IP quote limit, as the service's production configuration states it. */
    private static int productionQuoteCapacity() throws IOException {
        JsonNode production = new YAMLMapper()
                .readTree(ROOT.resolve("service/src/main/resources/application-production.yaml")
                        .toFile());
        int capacity = production
                .path("tco")
                .path("rate-limit")
                .path("limits")
                .path("quotes")
                .path("capacity")
                .asInt();
        assertThat(capacity)
                .as("tco.rate-limit.limits.quotes.capacity in application-production.yaml")
                .isPositive();
        return capacity;
    }
}
