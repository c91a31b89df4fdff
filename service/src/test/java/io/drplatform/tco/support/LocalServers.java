package io.drplatform.tco.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real PostgreSQL and Redis from the Debian packages, started on free loopback ports with their own temporary
 * directories. PostgreSQL refuses to run as root, so as root its commands go through {@code runuser -u postgres}
 * and its directories belong to that user. One instance per JVM, stopped by a shutdown hook.
 */
public final class LocalServers {

    public record Postgres(int port, Path dataDir, Path socketDir, String user, String password, String database) {
        public String r2dbcUrl() {
            return "r2dbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }
    }

    private static LocalServers instance;

    private final Path root;
    private final Postgres postgres;
    private final int redisPort;
    private Process redis;

    public static synchronized LocalServers get() {
        if (instance == null) {
            try {
                instance = new LocalServers();
            } catch (IOException e) {
                throw new IllegalStateException("could not start PostgreSQL and Redis for the tests", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "local-servers-stop"));
        }
        return instance;
    }

    private LocalServers() throws IOException, InterruptedException {
        root = Files.createTempDirectory("tco-servers-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        postgres = startPostgres(root.resolve("pg"), "tco", "tco", "tco");
        redisPort = freePort();
        redis = startRedis(redisPort, root.resolve("redis"));
    }

    public Postgres postgres() {
        return postgres;
    }

    public int redisPort() {
        return redisPort;
    }

    public Process redisProcess() {
        return redis;
    }

    // ---- PostgreSQL

    public static Path pgBin() {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.map(d -> d.resolve("bin"))
                    .filter(d -> Files.isExecutable(d.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL server binaries not installed (apt-get install postgresql)", e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a PostgreSQL command as the postgres OS user when we are root. */
    public static List<String> asPostgres(String... command) {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(Arrays.asList(command));
        return cmd;
    }

    public static Postgres startPostgres(Path dir, String user, String password, String database)
            throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path sockets = dir.resolve("sock");
        Files.createDirectories(data);
        Files.createDirectories(sockets);
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
        }
        Path bin = pgBin();
        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, password + "\n");
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", pwFile.toString()), Duration.ofSeconds(10));
        }
        run(
                asPostgres(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        user,
                        "--pwfile=" + pwFile,
                        "-A",
                        "scram-sha-256",
                        "-E",
                        "UTF8",
                        "--no-sync",
                        "--locale=C"),
                Duration.ofSeconds(60));
        int port = freePort();
        startPostgresOn(bin, data, sockets, port, dir.resolve("postgres.log"));
        Postgres pg = new Postgres(port, data, sockets, user, password, "postgres");
        // The default database exists; create the service's own one.
        run(
                asPostgres(
                        bin.resolve("createdb").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        user,
                        database),
                Duration.ofSeconds(30),
                "PGPASSWORD=" + password);
        return new Postgres(port, data, sockets, user, password, database);
    }

    public static void startPostgresOn(Path bin, Path data, Path sockets, int port, Path log)
            throws IOException, InterruptedException {
        if (isRoot() && !Files.exists(log)) {
            Files.createFile(log);
            run(List.of("chown", "postgres:postgres", log.toString()), Duration.ofSeconds(10));
        }
        run(
                asPostgres(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                        "start"),
                Duration.ofSeconds(90));
        waitForPort(port, Duration.ofSeconds(30));
    }

    public static void stopPostgres(Path data) {
        try {
            run(
                    asPostgres(
                            pgBin().resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-m",
                            "immediate",
                            "-w",
                            "stop"),
                    Duration.ofSeconds(30));
        } catch (Exception e) {
            // best effort at shutdown
        }
    }

    /**
     * SIGSTOP or SIGCONT the postmaster and every backend of a data directory (a hang, not a crash).
     *
     * <p>STOP is race-free: the postmaster is stopped first and only then are its children listed, so it cannot fork
     * a backend that the list misses (listing first, as this once did, let a connection opened by the pool at that
     * moment get a running backend, and the "hung" database answered queries on it). Children are stopped pass by
     * pass until every one is seen in state T; children that exit meanwhile are ignored.
     */
    public static void signalPostgres(Path data, String signal) throws IOException, InterruptedException {
        long pid = Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        if (!"STOP".equals(signal)) {
            List<Long> all = new ArrayList<>(List.of(pid));
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
            kill(signal, all);
            return;
        }
        run(List.of("kill", "-STOP", Long.toString(pid)), Duration.ofSeconds(10));
        awaitStopped(List.of(pid), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<Long> running = ProcessHandle.of(pid)
                    .map(p -> p.descendants()
                            .map(ProcessHandle::pid)
                            .filter(d -> !isStopped(d))
                            .toList())
                    .orElse(List.of());
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL processes still running after SIGSTOP: " + running);
            }
            kill("STOP", running);
            awaitStopped(running, Duration.ofSeconds(5));
        }
    }

    /** Sends a signal to processes that may have exited already (kill's exit status is ignored). */
    private static void kill(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
    }

    /** Stopped (T), or gone. SIGSTOP is delivered asynchronously, so kill returning is not enough. */
    private static boolean isStopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 1).trim().charAt(0);
            return state == 'T' || state == 't' || state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return true; // exited
        }
    }

    private static void awaitStopped(List<Long> pids, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!pids.stream().allMatch(LocalServers::isStopped)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not stopped after " + max + ": " + pids);
            }
            Thread.sleep(5);
        }
    }

    // ---- Redis

    public static Process startRedis(int port, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString(),
                        "--daemonize",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        waitForPort(port, Duration.ofSeconds(20));
        return p;
    }

    // ---- helpers

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    public static void waitForPort(int port, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listening on 127.0.0.1:" + port + " after " + max);
    }

    public static String run(List<String> command, Duration max, String... env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        File out = File.createTempFile("cmd-", ".log");
        pb.redirectOutput(out);
        Process p = pb.start();
        if (!p.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String output = Files.readString(out.toPath());
        Files.deleteIfExists(out.toPath());
        if (p.exitValue() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + command + "\n" + output);
        }
        return output;
    }

    private void stop() {
        if (redis != null) {
            redis.destroy();
        }
        stopPostgres(postgres.dataDir());
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files; nothing else to do
        }
    }
}
