package io.drplatform.tco.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.TcoServiceApplication;
import io.drplatform.tco.support.LocalServers;
import io.drplatform.tco.support.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Logging is asynchronous, and a graceful shutdown (SIGTERM, as ECS stops a task) still writes every line: the
 * service runs in its own JVM with stdout in a file; requests are in flight when it is told to stop; after it has
 * exited, the file holds the access line of every one of them and the last line of the shutdown. This fails if
 * logging stops before the server has finished its in-flight requests, or if their lines are dropped; that the queue
 * itself is written out when logging stops is {@link io.drplatform.tco.logging.QueueingAppenderTest}'s.
 */
class ShutdownLogFlushTest {
    private static final int IN_FLIGHT = 50;

    @Test
    void everyLineIsWrittenBeforeTheProcessExits() throws Exception {
        LocalServers servers = LocalServers.get();
        int port = freePort();
        Path stdout = Files.createTempFile("shutdown-log", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process service = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        TcoServiceApplication.class.getName(),
                        "--spring.profiles.active=bench",
                        "--server.port=" + port,
                        "--spring.r2dbc.url=" + servers.postgres().r2dbcUrl(),
                        "--spring.r2dbc.username=tco",
                        "--spring.r2dbc.password=tco",
                        "--spring.data.redis.port=" + servers.redisPort(),
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.jwkSetUri())
                .redirectErrorStream(true)
                .redirectOutput(stdout.toFile())
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(http, base, service);

            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(http.sendAsync(
                        HttpRequest.newBuilder(base.resolve("/bench/slow?ms=2000"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(1000); // the requests are being served
            service.destroy(); // SIGTERM
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(service.waitFor(60, TimeUnit.SECONDS))
                    .as("the service exited")
                    .isTrue();

            List<String> lines = Files.readAllLines(stdout);
            assertThat(lines.stream().filter(l -> l.contains("GET /bench/slow 200")))
                    .as("access lines of the requests in flight at SIGTERM")
                    .hasSize(IN_FLIGHT);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("Graceful shutdown complete"));
        } finally {
            service.destroyForcibly();
            Files.deleteIfExists(stdout);
        }
    }

    private static void awaitReady(HttpClient http, URI base, Process service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service is running").isTrue();
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become ready in 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
