package io.drplatform.dr.rehearsal.edge;

import static io.drplatform.dr.rehearsal.edge.LocalLoadBalancer.ROUTED_TO;
import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.dr.rehearsal.edge.LoadBalancerSpec.HealthCheck;
import io.drplatform.dr.rehearsal.edge.LoadBalancerSpec.Rule;
import io.drplatform.dr.rehearsal.edge.LoadBalancerSpec.TargetGroupSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load balancer in front of real HTTP targets on loopback, checked through real requests. */
class LocalLoadBalancerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @TempDir
    Path directory;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void theLowestPriorityMatchingRuleTakesTheRequestAndTheDefaultActionTheRest() throws Exception {
        Backend special = backend("special");
        Backend api = backend("api");
        Backend web = backend("web");
        // Listed out of priority order: the spec evaluates by priority, as the ALB does.
        LocalLoadBalancer balancer = start(spec(
                List.of(new Rule(20, List.of("/api/*"), "Api"), new Rule(10, List.of("/api/special*"), "Special")),
                "Web",
                group("Special", special),
                group("Api", api),
                group("Web", web)));

        assertThat(get(balancer, "/api/special/1").headers().firstValue(ROUTED_TO))
                .hasValue("special");
        assertThat(get(balancer, "/api/special/1").body()).isEqualTo("special");
        assertThat(get(balancer, "/api/quotes").body()).isEqualTo("api");
        assertThat(get(balancer, "/index.html").body()).isEqualTo("web");
        assertThat(get(balancer, "/index.html").headers().firstValue(ROUTED_TO)).hasValue("web");
    }

    @Test
    void aPathNoRuleTakesIsA404WhenTheDefaultActionForwardsNowhere() throws Exception {
        Backend api = backend("api");
        LocalLoadBalancer balancer =
                start(spec(List.of(new Rule(1, List.of("/api/*"), "Api")), null, group("Api", api)));

        assertThat(get(balancer, "/elsewhere").statusCode()).isEqualTo(404);
        assertThat(api.requests.get()).isZero();
    }

    @Test
    void theRequestIsForwardedAsItCameWithTheClientAppendedToXForwardedFor() throws Exception {
        Backend api = backend("api");
        LocalLoadBalancer balancer = start(spec(List.of(), "Api", group("Api", api)));

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(balancer.baseUri().resolve("/api/v1/quotes?currency=EUR"))
                        .header("X-Forwarded-For", "203.0.113.7")
                        .header("Authorization", "Bearer abc")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"months\":12}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("api");
        Map<String, String> seen = api.lastRequest;
        assertThat(seen.get(":method")).isEqualTo("POST");
        assertThat(seen.get(":uri")).isEqualTo("/api/v1/quotes?currency=EUR");
        assertThat(seen.get(":body")).isEqualTo("{\"months\":12}");
        assertThat(seen.get("Authorization")).isEqualTo("Bearer abc");
        assertThat(seen.get("X-forwarded-for")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(seen.get("X-forwarded-proto")).isEqualTo("http");
        assertThat(seen.get("X-forwarded-port")).isEqualTo(Integer.toString(balancer.port()));
        assertThat(seen.get("Host")).isEqualTo(balancer.baseUri().getAuthority());
    }

    @Test
    void aTargetLeavesAfterItsUnhealthyThresholdOfFailedChecksAndReturnsAfterItsHealthyThreshold() throws Exception {
        Backend first = backend("first");
        Backend second = backend("second");
        // Checks every 250 ms; out after 2 failed checks, back after 3 passed ones.
        HealthCheck check = new HealthCheck("/health", 250, 200, 3, 2, "200");
        LocalLoadBalancer balancer = start(spec(
                List.of(),
                "Api",
                Map.of("Api", new TargetGroupSpec("api", check, List.of(first.target(), second.target())))));
        awaitState(balancer, first, "healthy");
        awaitState(balancer, second, "healthy");
        assertThat(bodies(balancer, 6)).containsOnly("first", "second").contains("first", "second");

        first.healthStatus.set(500);
        int before = first.healthChecks.get();
        await(() -> first.healthChecks.get() == before + 1, "the first failing check");
        Thread.sleep(100); // its verdict is recorded; the next check is 150 ms away
        assertThat(state(balancer, first)).as("after one failed check").isEqualTo("healthy");
        awaitState(balancer, first, "unhealthy");
        assertThat(first.healthChecks.get() - before)
                .as("failed checks until out")
                .isGreaterThanOrEqualTo(2);
        LoadBalancerStatus.Target out = target(balancer.status(), first);
        assertThat(out.reason()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(out.description()).contains("500");
        assertThat(bodies(balancer, 6)).containsOnly("second");

        first.healthStatus.set(200);
        int failing = first.healthChecks.get();
        await(() -> first.healthChecks.get() >= failing + 2, "two passing checks");
        Thread.sleep(50);
        assertThat(state(balancer, first))
                .as("after two passed checks of three")
                .isEqualTo("unhealthy");
        awaitState(balancer, first, "healthy");
        assertThat(first.healthChecks.get() - failing)
                .as("passed checks until back")
                .isGreaterThanOrEqualTo(3);
        assertThat(bodies(balancer, 6)).contains("first", "second");

        LoadBalancerStatus written = LoadBalancerStatus.read(LoadBalancerSpec.statusFile(directory.resolve("lb.json")));
        assertThat(written.listener()).isEqualTo(balancer.baseUri().toString());
        assertThat(written.targetGroups().get("Api").name()).isEqualTo("api");
    }

    @Test
    void whenNoTargetIsHealthyTheGroupFailsOpenToAllOfThem() throws Exception {
        Backend sick = backend("sick");
        sick.healthStatus.set(503);
        LocalLoadBalancer balancer = start(spec(List.of(), "Api", group("Api", sick)));
        awaitState(balancer, sick, "unhealthy");

        HttpResponse<String> response = get(balancer, "/api/quotes");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("sick");
    }

    @Test
    void noRegisteredTargetIsA503AndARefusedConnectionA502() throws Exception {
        String nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + socket.getLocalPort();
        }
        HealthCheck check = new HealthCheck("/health", 200, 100, 2, 2, "200");
        LocalLoadBalancer balancer = start(spec(
                List.of(new Rule(1, List.of("/empty/*"), "Empty")),
                "Gone",
                Map.of(
                        "Empty", new TargetGroupSpec("empty", check, List.of()),
                        "Gone", new TargetGroupSpec("gone", check, List.of(nobody)))));

        HttpResponse<String> empty = get(balancer, "/empty/x");
        assertThat(empty.statusCode()).isEqualTo(503);
        assertThat(empty.headers().firstValue(ROUTED_TO)).hasValue("empty");
        assertThat(get(balancer, "/other").statusCode()).isEqualTo(502);
        awaitState(balancer, "Gone", nobody, "unhealthy");
        assertThat(balancer.status().targetGroups().get("Gone").targets().get(0).reason())
                .isEqualTo("Target.FailedHealthChecks");
    }

    @Test
    void aTargetSlowerThanTheIdleTimeoutIsA504() throws Exception {
        Backend slow = backend("slow");
        Map<String, TargetGroupSpec> groups = group("Api", slow);
        LoadBalancerSpec spec = new LoadBalancerSpec("127.0.0.1", 0, 300, List.of(), "Api", groups);
        LocalLoadBalancer balancer = start(spec);

        long started = System.nanoTime();
        assertThat(get(balancer, "/slow").statusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aTargetRegisteredInTheSpecFileJoinsWhileTheOthersKeepTheirHealth() throws Exception {
        Backend first = backend("first");
        Backend second = backend("second");
        LocalLoadBalancer balancer = start(spec(List.of(), "Api", group("Api", first)));
        awaitState(balancer, first, "healthy");
        assertThat(bodies(balancer, 4)).containsOnly("first");

        Path file = directory.resolve("lb.json");
        LoadBalancerSpec.read(file).register("Api", second.target()).write(file);
        await(() -> state(balancer, second) != null, "the new target registered from the rewritten spec");
        assertThat(state(balancer, first)).as("the target that stayed").isEqualTo("healthy");
        awaitState(balancer, second, "healthy");
        assertThat(bodies(balancer, 6)).contains("first", "second");

        LoadBalancerSpec.read(file).deregister("Api", first.target()).write(file);
        await(() -> state(balancer, first) == null, "the deregistered target gone");
        assertThat(bodies(balancer, 4)).containsOnly("second");
        await(
                () -> readStatus(file).stateOf("Api", second.target()) != null
                        && readStatus(file).stateOf("Api", first.target()) == null,
                "the status file showing the registered targets");
    }

    @Test
    void runDetachedItListensWhereItsStatusFileSays() throws Exception {
        Backend api = backend("api");
        Path file = directory.resolve("lb.json");
        spec(List.of(), "Api", group("Api", api)).write(file);
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalLoadBalancer.class.getName(),
                        "--spec",
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("lb.log").toFile())
                .start();
        started.add(() -> {
            process.destroy();
            process.waitFor();
        });
        await(
                () -> java.nio.file.Files.exists(LoadBalancerSpec.statusFile(file))
                        && "healthy".equals(readStatus(file).stateOf("Api", api.target())),
                "the detached load balancer's status file with the target healthy");

        LoadBalancerStatus status = readStatus(file);
        assertThat(status.pid()).isEqualTo(process.pid());
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(java.net.URI.create(status.listener() + "/work"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("api");
    }

    // ---- helpers

    private Backend backend(String name) throws IOException {
        Backend backend = Backend.start(name);
        started.add(backend);
        return backend;
    }

    private static Map<String, TargetGroupSpec> group(String id, Backend... backends) {
        return Map.of(
                id,
                new TargetGroupSpec(
                        id.toLowerCase(java.util.Locale.ROOT),
                        new HealthCheck("/health", 100, 200, 2, 2, "200"),
                        java.util.Arrays.stream(backends).map(Backend::target).toList()));
    }

    @SafeVarargs
    private static LoadBalancerSpec spec(
            List<Rule> rules, String defaultGroup, Map<String, TargetGroupSpec>... groups) {
        Map<String, TargetGroupSpec> all = new LinkedHashMap<>();
        for (Map<String, TargetGroupSpec> group : groups) {
            all.putAll(group);
        }
        return new LoadBalancerSpec("127.0.0.1", 0, 5000, rules, defaultGroup, all);
    }

    private LocalLoadBalancer start(LoadBalancerSpec spec) throws IOException {
        Path file = directory.resolve("lb.json");
        spec.write(file);
        LocalLoadBalancer balancer = LocalLoadBalancer.start(file);
        started.add(balancer);
        return balancer;
    }

    private static HttpResponse<String> get(LocalLoadBalancer balancer, String path)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(balancer.baseUri().resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> bodies(LocalLoadBalancer balancer, int requests)
            throws IOException, InterruptedException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = get(balancer, "/work");
            assertThat(response.statusCode()).isEqualTo(200);
            bodies.add(response.body());
        }
        return bodies;
    }

    private static LoadBalancerStatus readStatus(Path spec) {
        try {
            return LoadBalancerStatus.read(LoadBalancerSpec.statusFile(spec));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static LoadBalancerStatus.Target target(LoadBalancerStatus status, Backend backend) {
        return status.targetGroups().values().stream()
                .flatMap(g -> g.targets().stream())
                .filter(t -> t.target().equals(backend.target()))
                .findFirst()
                .orElse(null);
    }

    private static String state(LocalLoadBalancer balancer, Backend backend) {
        LoadBalancerStatus.Target target = target(balancer.status(), backend);
        return target == null ? null : target.state();
    }

    private static void awaitState(LocalLoadBalancer balancer, Backend backend, String state)
            throws InterruptedException {
        await(() -> state.equals(state(balancer, backend)), backend.name + " " + state);
    }

    private static void awaitState(LocalLoadBalancer balancer, String group, String target, String state)
            throws InterruptedException {
        await(() -> state.equals(balancer.status().stateOf(group, target)), target + " " + state);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
