package io.drplatform.dr.local;

import java.io.File;
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
import java.util.Map;
import java.util.Optional;

/** Starting and stopping the long-lived local processes (detached, so they outlive {@code dr local up}). */
final class LocalProcesses {
    private LocalProcesses() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /**
     * A small JVM of the tool's own (the entry point, the load balancer, the issuer, a placeholder): a bounded heap,
     * the serial collector and the client compiler, which start fastest and are enough for their load.
     */
    static List<String> toolJvm(int heapMegabytes, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Xmx" + heapMegabytes + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath(),
                main.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts a detached process (own session, stdin from /dev/null, output to a log file) and returns its pid. */
    static long startDetached(List<String> command, Map<String, String> environment, Path log) throws IOException {
        return startDetached(command, environment, log, true);
    }

    /**
     * @param inheritEnvironment false for a task: it gets exactly its task definition's environment, as a container
     *     does, and nothing of the shell that ran the tool
     */
    static long startDetached(
            List<String> command, Map<String, String> environment, Path log, boolean inheritEnvironment)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            // Own session: Ctrl-C on the terminal that ran `dr local up` must not take the region pair down.
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (!inheritEnvironment) {
            pb.environment().clear();
        }
        pb.environment().putAll(environment);
        return pb.start().pid();
    }

    /** Stops a process we started, identified by pid and a marker in its command line (pids get reused). */
    static void stop(long pid, String commandMarker) {
        stop(pid, commandMarker, false);
    }

    /** {@code crash}: SIGKILL, as a region outage does it; otherwise SIGTERM and a graceful shutdown. */
    static void stop(long pid, String commandMarker, boolean crash) {
        if (pid <= 0) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        ProcessHandle ph = handle.get();
        String cmd = commandLine(pid);
        if (!cmd.isEmpty() && !cmd.contains(commandMarker)) {
            return;
        }
        if (crash) {
            ph.destroyForcibly();
        } else {
            ph.destroy();
        }
        try {
            ph.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            ph.destroyForcibly();
        }
    }

    /** The full command line from /proc (ProcessHandle.Info truncates long ones, such as a java with a classpath). */
    static String commandLine(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                            java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
        }
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static int httpStatus(String url, Duration timeout) {
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(timeout)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static String httpBody(String url, Duration timeout) throws IOException, InterruptedException {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(timeout)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static boolean awaitHttp(String url, Duration deadline, long pid) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (httpStatus(url, Duration.ofSeconds(1)) == 200) {
                return true;
            }
            if (pid > 0 && !alive(pid)) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
