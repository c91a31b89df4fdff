package io.drplatform.manifest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The commands a path check renders to, run with the real tools against a server on the loopback address. */
class HealthProbeTest {
    private static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/stuck", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @EnumSource(HealthProbe.class)
    void succeedsOnlyOnASuccessfulAnswerInTime(HealthProbe probe) throws Exception {
        assumeTrue(onPath(probe.id()), probe.id() + " is not installed here");
        int port = server.getAddress().getPort();

        assertThat(run(check(probe, "/ok").ecsCommand(port))).as("200").isZero();
        assertThat(run(check(probe, "/broken").ecsCommand(port))).as("503").isNotZero();
        assertThat(run(check(probe, "/stuck").ecsCommand(port)))
                .as("no answer within the timeout")
                .isNotZero();
        assertThat(run(check(probe, "/ok").ecsCommand(freePort())))
                .as("nothing listening")
                .isNotZero();
    }

    private static ContainerHealthCheck check(HealthProbe probe, String path) {
        return new ContainerHealthCheck(null, path, probe, 30, 2, 3, 60);
    }

    /** Runs an exec-form ECS command ({@code CMD} first) and returns its exit code. */
    private static int run(List<String> ecsCommand) throws Exception {
        assertThat(ecsCommand.get(0)).isEqualTo("CMD");
        Process process = new ProcessBuilder(ecsCommand.subList(1, ecsCommand.size()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS))
                .as("the tool honours its timeout")
                .isTrue();
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
