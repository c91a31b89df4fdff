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
 * The deep-health path given to the entry point is the manifest's; a service that has no deep health yet is
 * probed by {@link #deepHealthPath}'s fallback: the stand-in always has one.
 */
final class RegionServiceLauncher {
    static final String STAND_IN = "stand-in";
    static final String SERVICE_JAR = "service-jar";

    private RegionServiceLauncher() {
    }

    static long start(LocalState state, LocalState.RegionNode node) throws IOException, InterruptedException {
        Path log = state.regionDirectory(node.name()).resolve("service.log");
        PostgresServer pg = state.postgres(node.name());
        List<String> command = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        command.add(LocalProcesses.java());
        if (SERVICE_JAR.equals(state.serviceMode())) {
            command.addAll(List.of("-Xmx384m", "-jar", state.serviceJar()));
            env.put("SERVER_PORT", Integer.toString(node.servicePort()));
            env.put("SPRING_R2DBC_URL", "r2dbc:postgresql://127.0.0.1:" + node.postgresPort() + "/" + PostgresServer.DATABASE);
            env.put("SPRING_R2DBC_USERNAME", PostgresServer.USER);
            env.put("SPRING_R2DBC_PASSWORD", "");
            env.put("SPRING_FLYWAY_URL", pg.jdbcUrl());
            env.put("SPRING_FLYWAY_USER", PostgresServer.USER);
            env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
            env.put("SPRING_DATA_REDIS_PORT", Integer.toString(node.redisPort()));
            env.put("AWS_REGION", node.name());
            env.put("DR_REGION", node.name());
            env.put("DR_FENCE_FILE", state.fenceFile(node.name()).toString());
        } else {
            command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", LocalProcesses.classpath(),
                    StandInService.class.getName(), "--port", Integer.toString(node.servicePort()), "--region", node.name(),
                    "--jdbc-url", pg.jdbcUrl(), "--fence-file", state.fenceFile(node.name()).toString()));
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
}
