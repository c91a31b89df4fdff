package io.drplatform.dr.local;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * One service instance in each region ({@link RegionServiceLauncher}: the stand-in or the reference service jar). The
 * jar owns its schema: {@code java -jar service.jar migrate} runs once against the primary first.
 */
final class LocalServices implements LocalResource {

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        if (RegionServiceLauncher.SERVICE_JAR.equals(state.serviceMode())) {
            runMigrations(state, state.primaryRegion());
        }
        for (LocalState.RegionNode node : List.copyOf(state.regions())) {
            startup.out()
                    .println("starting " + state.serviceMode() + " service in " + node.name() + " on 127.0.0.1:"
                            + node.servicePort());
            long pid = RegionServiceLauncher.start(state, node);
            state = startup.record(state.withRegion(new LocalState.RegionNode(
                    node.name(), node.postgresPort(), node.redisPort(), node.redisPid(), node.servicePort(), pid)));
        }
        return state;
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        RegionServiceLauncher.stop(state, node);
    }

    private static void runMigrations(LocalState state, String region) throws IOException, InterruptedException {
        LocalState.RegionNode node = state.region(region);
        List<String> command = List.of(LocalProcesses.java(), "-jar", state.serviceJar(), "migrate");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        state.regionDirectory(region).resolve("migrate.log").toFile()));
        pb.environment().put("SPRING_FLYWAY_URL", state.postgres(region).jdbcUrl());
        pb.environment().put("SPRING_FLYWAY_USER", PostgresServer.USER);
        pb.environment().put("SPRING_FLYWAY_PASSWORD", "trust-auth-on-loopback");
        pb.environment().put("SPRING_R2DBC_PASSWORD", "trust-auth-on-loopback");
        pb.environment()
                .put(
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                        "file:" + LocalTokens.publicKeyPem(state));
        pb.environment()
                .put(
                        "SPRING_R2DBC_URL",
                        "r2dbc:postgresql://127.0.0.1:" + node.postgresPort() + "/" + PostgresServer.DATABASE);
        pb.environment().put("SPRING_R2DBC_USERNAME", PostgresServer.USER);
        pb.environment().put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        pb.environment().put("SPRING_DATA_REDIS_PORT", Integer.toString(node.redisPort()));
        Process p = pb.start();
        if (!p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("service migrate failed; see "
                    + state.regionDirectory(region).resolve("migrate.log"));
        }
    }
}
