package io.drplatform.dr.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that launches a region's service instance. Two kinds:
 * <ul>
 *   <li>{@code service-jar}: the reference service (service/target/*.jar) with its documented environment
 *   (SPRING_R2DBC_URL, SPRING_FLYWAY_URL, SPRING_DATA_REDIS_HOST/PORT, AWS_REGION, SERVER_PORT) pointing at the
 *   region's own PostgreSQL and Redis.</li>
 *   <li>{@code stand-in}: {@link StandInService}, a minimal writer with the same API and deep-health contract,
 *   for when no service jar is available.</li>
 * </ul>
 * The reference service does not know the local fence marker, so for it a fence stops the instance (as the AWS
 * provider scales a fenced region's tasks to zero); the stand-in honours the marker itself. Where the service has
 * no deep-health endpoint yet, the entry point falls back to a write probe ({@link #HEARTBEAT_BODY}).
 */
final class RegionServiceLauncher {
    static final String STAND_IN = "stand-in";
    static final String SERVICE_JAR = "service-jar";

    static final String HEARTBEAT_BODY = io.drplatform.dr.measure.EntryPoint.CALCULATION_INPUT;

    static boolean honoursFenceMarker(LocalState state) {
        return !SERVICE_JAR.equals(state.serviceMode());
    }

    private RegionServiceLauncher() {}

    static long start(LocalState state, LocalState.RegionNode node) throws IOException, InterruptedException {
        Path log = state.regionDirectory(node.name()).resolve("service.log");
        PostgresServer pg = state.postgres(node.name());
        List<String> command = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        command.add(LocalProcesses.java());
        if (SERVICE_JAR.equals(state.serviceMode())) {
            command.addAll(List.of("-Xmx384m", "-jar", state.serviceJar()));
            env.put("SERVER_PORT", Integer.toString(node.servicePort()));
            env.put(
                    "SPRING_R2DBC_URL",
                    "r2dbc:postgresql://127.0.0.1:" + node.postgresPort() + "/" + PostgresServer.DATABASE);
            env.put("SPRING_R2DBC_USERNAME", PostgresServer.USER);
            env.put("SPRING_R2DBC_PASSWORD", "trust-auth-on-loopback");
            env.put("SPRING_FLYWAY_URL", pg.jdbcUrl());
            env.put("SPRING_FLYWAY_USER", PostgresServer.USER);
            env.put("SPRING_FLYWAY_PASSWORD", "trust-auth-on-loopback");
            env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
            env.put("SPRING_DATA_REDIS_PORT", Integer.toString(node.redisPort()));
            env.put("AWS_REGION", node.name());
            env.put(
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                    "file:" + LocalTokens.publicKeyPem(state));
        } else {
            command.addAll(List.of(
                    "-Xmx64m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    LocalProcesses.classpath(),
                    StandInService.class.getName(),
                    "--port",
                    Integer.toString(node.servicePort()),
                    "--region",
                    node.name(),
                    "--jdbc-url",
                    pg.jdbcUrl(),
                    "--fence-file",
                    state.fenceFile(node.name()).toString()));
        }
        long pid = LocalProcesses.startDetached(command, env, log);
        String liveness = "http://127.0.0.1:" + node.servicePort() + "/actuator/health/liveness";
        if (!LocalProcesses.awaitHttp(liveness, Duration.ofSeconds(90), pid)) {
            throw new IOException("service in " + node.name() + " did not become live at " + liveness + "; see " + log);
        }
        return pid;
    }

    static String marker(LocalState state) {
        return SERVICE_JAR.equals(state.serviceMode()) ? state.serviceJar() : StandInService.class.getName();
    }

    static void stop(LocalState state, LocalState.RegionNode node) {
        LocalProcesses.stop(node.servicePid(), marker(state));
    }

    static void kill(LocalState state, LocalState.RegionNode node) {
        LocalProcesses.stop(node.servicePid(), marker(state), true);
    }
}
