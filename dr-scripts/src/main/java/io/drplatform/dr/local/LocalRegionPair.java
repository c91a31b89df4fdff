package io.drplatform.dr.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dr local up} and {@code dr local down}: a real region pair on loopback. Per region a PostgreSQL server
 * (the standby a streaming replica built with {@code pg_basebackup -R -X stream -C -S}), a Redis and a service
 * instance; in front, the {@link FailoverEntryPoint} with Route 53's health rule.
 */
public final class LocalRegionPair {

    /**
     * @param serviceJar the reference service jar, or null for the stand-in service
     */
    public record Options(
            String application,
            String environment,
            String primaryRegion,
            String standbyRegion,
            Duration healthInterval,
            int failureThreshold,
            String healthPath,
            Path serviceJar) {}

    /** What the pair runs in each region, in start order; {@code down} stops them in reverse. */
    static final List<LocalResource> RESOURCES = List.of(new LocalPostgres(), new LocalRedis(), new LocalServices());

    private LocalRegionPair() {}

    public static LocalState up(Path stateDirectory, Options options, PrintStream out) throws Exception {
        if (Files.exists(stateDirectory.resolve(LocalState.FILE))) {
            throw new IllegalStateException(
                    "a local region pair is already up (state in " + stateDirectory + "); run: dr local down");
        }
        Path base = Files.createTempDirectory("dr-local-");
        // postgres must be able to traverse into its data directories.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<LocalState.RegionNode> nodes = new ArrayList<>();
        for (String region : List.of(options.primaryRegion(), options.standbyRegion())) {
            Files.createDirectories(base.resolve(region));
            Files.setPosixFilePermissions(base.resolve(region), PosixFilePermissions.fromString("rwxr-xr-x"));
            nodes.add(new LocalState.RegionNode(
                    region, LocalProcesses.freePort(), LocalProcesses.freePort(), -1, LocalProcesses.freePort(), -1));
        }
        Files.createDirectories(base.resolve("alarms"));
        boolean jar = options.serviceJar() != null;
        LocalState state = new LocalState(
                base.toString(),
                options.application(),
                options.environment(),
                options.primaryRegion(),
                options.standbyRegion(),
                LocalProcesses.freePort(),
                -1,
                options.healthInterval().toMillis(),
                options.failureThreshold(),
                options.healthPath(),
                jar ? RegionServiceLauncher.SERVICE_JAR : RegionServiceLauncher.STAND_IN,
                jar ? options.serviceJar().toAbsolutePath().toString() : null,
                nodes);
        // Saved first, so `dr local down` can clean up whatever a failed `up` left behind.
        state.save(stateDirectory);
        try {
            LocalTokens.create(state);
            LocalResource.Startup startup = new LocalResource.Startup(stateDirectory, out);
            for (LocalResource resource : RESOURCES) {
                state = resource.start(state, startup);
            }
            state = startEntryPoint(state);
            state.save(stateDirectory);
            out.println("failover entry point on " + state.entryPointUrl() + " (health " + state.healthPath()
                    + " every " + state.healthIntervalMs() + " ms, threshold " + state.failureThreshold() + ")");
            return state;
        } catch (Exception e) {
            out.println("local up failed: " + e.getMessage() + "; cleaning up");
            down(stateDirectory, out);
            throw e;
        }
    }

    static LocalState startEntryPoint(LocalState state) throws IOException, InterruptedException {
        LocalState.RegionNode primary = state.region(state.primaryRegion());
        LocalState.RegionNode secondary = state.region(state.standbyRegion());
        List<String> command = List.of(
                LocalProcesses.java(),
                "-Xmx96m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                LocalProcesses.classpath(),
                FailoverEntryPoint.class.getName(),
                "--port",
                Integer.toString(state.entryPointPort()),
                "--primary-region",
                primary.name(),
                "--primary-url",
                "http://127.0.0.1:" + primary.servicePort(),
                "--secondary-region",
                secondary.name(),
                "--secondary-url",
                "http://127.0.0.1:" + secondary.servicePort(),
                "--interval-ms",
                Long.toString(state.healthIntervalMs()),
                "--threshold",
                Integer.toString(state.failureThreshold()),
                "--health-path",
                state.healthPath(),
                // Fallback when the service has no deep health yet: a write through the service proves it can write.
                "--probe-token",
                mintProbeToken(state),
                "--probe-body",
                RegionServiceLauncher.HEARTBEAT_BODY);
        long pid = LocalProcesses.startDetached(
                command, java.util.Map.of(), state.base().resolve("entrypoint.log"));
        if (!LocalProcesses.awaitHttp(
                state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(30), pid)) {
            throw new IOException(
                    "entry point did not start; see " + state.base().resolve("entrypoint.log"));
        }
        // Up means serving: wait until the entry point sees the primary region healthy.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String healthy = "\"region\":\"" + primary.name() + "\",\"record\":\"PRIMARY\",\"healthy\":true";
        while (!LocalProcesses.httpBody(state.entryPointUrl() + FailoverEntryPoint.STATUS_PATH, Duration.ofSeconds(2))
                .contains(healthy)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "entry point does not see " + primary.name() + " healthy after 90 s; see " + state.base());
            }
            Thread.sleep(200);
        }
        return new LocalState(
                state.baseDirectory(),
                state.application(),
                state.environment(),
                state.primaryRegion(),
                state.standbyRegion(),
                state.entryPointPort(),
                pid,
                state.healthIntervalMs(),
                state.failureThreshold(),
                state.healthPath(),
                state.serviceMode(),
                state.serviceJar(),
                state.regions());
    }

    private static String mintProbeToken(LocalState state) throws IOException {
        try {
            return LocalTokens.mint(state, Duration.ofDays(30));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Stops everything {@code up} started and deletes its directories. Safe to run on a half-started pair. */
    public static void down(Path stateDirectory, PrintStream out) throws IOException {
        LocalState state;
        try {
            state = LocalState.load(stateDirectory);
        } catch (IllegalStateException e) {
            out.println("nothing to stop: " + e.getMessage());
            return;
        }
        LocalProcesses.stop(state.entryPointPid(), FailoverEntryPoint.class.getName());
        for (LocalState.RegionNode node : state.regions()) {
            for (int i = RESOURCES.size() - 1; i >= 0; i--) {
                RESOURCES.get(i).stop(state, node, out);
            }
        }
        PostgresServer.deleteRecursively(state.base());
        Files.deleteIfExists(stateDirectory.resolve(LocalState.FILE));
        out.println("local region pair stopped and removed");
    }
}
