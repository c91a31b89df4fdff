package io.drplatform.contract.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the operating system's tools for the stand-ins, with bounded time and their output in the error. */
public final class Commands {
    private Commands() {}

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** PostgreSQL refuses to run as root: as root its commands run as the postgres user. */
    public static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    public static void givePostgres(Path... paths) throws IOException, InterruptedException {
        if (isRoot()) {
            for (Path path : paths) {
                run(List.of("chown", "-R", "postgres:postgres", path.toString()), Map.of(), Duration.ofSeconds(10));
            }
        }
    }

    public static String run(List<String> command, Map<String, String> environment, Duration max)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path output = Files.createTempFile("contract-cmd-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "timed out after " + max + ": " + command + "\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + command + "\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static void awaitListening(String address, int port, Duration max, Process process)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException(
                            "exited with " + process.exitValue() + " before listening on " + address + ":" + port);
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listening on " + address + ":" + port + " after " + max);
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }
}
