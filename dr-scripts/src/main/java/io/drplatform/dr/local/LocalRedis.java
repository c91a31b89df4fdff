package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.template.CacheReplicationGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Each region's Redis replication group as ElastiCache serves it: the group's port, TLS only (no plain port) when
 * it declares encryption in transit, and its AUTH token.
 */
final class LocalRedis implements LocalResource {

    @Override
    public LocalState start(LocalState state, Startup startup) throws Exception {
        for (EnvironmentTemplates.Region region : startup.templates().regions()) {
            String name = region.template().region();
            if (region.template().cache().isEmpty()) {
                continue;
            }
            CacheReplicationGroup group = region.template().cache().orElseThrow();
            LocalState.Server server = state.region(name).cache();
            Path home = state.regionDirectory(name).resolve("redis");
            long pid = start(
                    home,
                    server,
                    group,
                    startup.values().region(name).cacheAuthToken().orElse(null),
                    startup.tls());
            state = startup.record(state.withRegion(state.region(name).withCache(server.withPid(pid))));
            startup.out()
                    .println(group.logicalId() + ": Redis in " + name + " on " + server.address() + ":" + server.port()
                            + (group.tls() ? ", TLS only" : "") + (group.auth() ? ", AUTH" : ""));
        }
        return state;
    }

    private static long start(
            Path home,
            LocalState.Server server,
            CacheReplicationGroup group,
            String authToken,
            io.drplatform.dr.rehearsal.edge.TlsCertificate tls)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        List<String> lines = new ArrayList<>(List.of(
                "bind " + server.address(),
                "daemonize yes",
                "pidfile " + home.resolve("redis.pid"),
                "logfile " + home.resolve("redis.log"),
                "dir " + home,
                "save \"\"",
                "appendonly no"));
        if (group.tls()) {
            lines.addAll(List.of(
                    "port 0",
                    "tls-port " + server.port(),
                    "tls-cert-file " + tls.certificate(),
                    "tls-key-file " + tls.key(),
                    "tls-ca-cert-file " + tls.certificate(),
                    "tls-auth-clients no"));
        } else {
            lines.add("port " + server.port());
        }
        if (group.auth()) {
            lines.add("requirepass " + authToken);
        }
        // The token goes in a file readable by us only, not on a command line every process can read.
        Path config = home.resolve("redis.conf");
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, String.join("\n", lines) + "\n");
        OsCommand.run(List.of("redis-server", config.toString()), 30);
        Path pidFile = home.resolve("redis.pid");
        // Redis creates the pid file before it writes the pid: wait for the number, not just the file.
        for (int i = 0; i < 50; i++) {
            String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
            if (!pid.isEmpty()) {
                return Long.parseLong(pid);
            }
            Thread.sleep(100);
        }
        throw new IOException("Redis did not start on " + server.address() + ":" + server.port() + "; see "
                + home.resolve("redis.log"));
    }

    @Override
    public void stop(LocalState state, LocalState.RegionNode node, PrintStream out) {
        if (node.cache() != null) {
            LocalProcesses.stop(node.cache().pid(), "redis-server");
        }
    }
}
