package io.drplatform.contract.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.dr.rehearsal.template.ContainerIsolation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service's jar run as its container runs it: the JDK's {@code java} by absolute path, the container's command
 * as arguments, exactly the task's environment, nothing inherited from the test, and the container's user and
 * read-only file system ({@link ContainerView}). Output goes to a log file; {@link #close()} sends SIGTERM, as ECS does
 * when it stops a task (the view replaces itself with the JVM, so the signal reaches it).
 */
public final class ServiceProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param jvmOptions options of the JVM itself (the trust store that stands in for the image's CA certificates),
     *                   never settings of the service
     * @param isolation  the container definition's user and writable paths
     */
    public static ServiceProcess start(
            Path jar,
            List<String> jvmOptions,
            List<String> command,
            Map<String, String> environment,
            ContainerIsolation isolation,
            Path workDirectory,
            Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " does not exist: build the service first (./mvnw -pl contract-tests -am"
                            + " verify packages it before these tests run)");
        }
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(jvmOptions);
        line.addAll(List.of("-jar", jar.toString()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(ContainerView.wrap(isolation, line))
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), log);
    }

    /** Fails unless the container's port is free on every address, as it is in a fresh task. */
    public static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port " + port + " (the container port of the task definition) is in use by"
                            + " another process; the service binds it as its container does, so stop that process first",
                    e);
        }
    }

    /**
     * The JVM's process id: the started process itself, which the container view replaces with the JVM, or under
     * {@code sudo} its descendant named {@code java}.
     */
    public long jvmPid() throws IOException {
        List<ProcessHandle> candidates = new ArrayList<>(List.of(process.toHandle()));
        process.toHandle().descendants().forEach(candidates::add);
        for (ProcessHandle candidate : candidates) {
            Path comm = Path.of("/proc", Long.toString(candidate.pid()), "comm");
            if (Files.exists(comm) && Files.readString(comm).strip().equals("java")) {
                return candidate.pid();
            }
        }
        throw new IllegalStateException("no java process among " + candidates + "; the service is " + status());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a one-off command (the migration) and returns its exit code. */
    public int awaitExit(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("still running after " + max + "\n" + tail(40));
        }
        return process.exitValue();
    }

    public String status() {
        return process.isAlive() ? "running (pid " + process.pid() + ")" : "exited with " + process.exitValue();
    }

    /** The last lines of the output, for failure messages; JSON log lines shortened to level, logger and message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            StringBuilder text = new StringBuilder("--- " + log + ", last " + lines + " lines ---");
            all.subList(Math.max(0, all.size() - lines), all.size())
                    .forEach(line -> text.append('\n').append(readable(line)));
            return text.toString();
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        try {
            JsonNode entry = JSON.readTree(line);
            String error = entry.path("error").path("message").asText("");
            String text = entry.path("log").path("level").asText() + " "
                    + entry.path("log").path("logger").asText() + ": "
                    + entry.path("message").asText() + (error.isEmpty() ? "" : " [" + error + "]");
            return text.length() > 1500 ? text.substring(0, 1500) + "..." : text;
        } catch (IOException e) {
            return line;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
