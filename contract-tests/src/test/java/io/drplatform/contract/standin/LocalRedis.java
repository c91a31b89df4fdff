package io.drplatform.contract.standin;

import io.drplatform.dr.rehearsal.edge.TlsCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Redis as the stack's ElastiCache replication group serves it: in-transit encryption only (no plain port), the
 * group's port, and its AUTH token.
 */
public final class LocalRedis implements AutoCloseable {
    private final Process process;
    private final String address;
    private final int port;
    private final String password;
    private final TlsCertificate tls;

    private LocalRedis(Process process, String address, int port, String password, TlsCertificate tls) {
        this.process = process;
        this.address = address;
        this.port = port;
        this.password = password;
        this.tls = tls;
    }

    public static LocalRedis start(Path home, String address, int port, String authToken, TlsCertificate tls)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path config = home.resolve("redis.conf");
        // The token goes in a file readable by us only, not on a command line every process can read.
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "bind " + address,
                        "port 0",
                        "tls-port " + port,
                        "tls-cert-file " + tls.certificate(),
                        "tls-key-file " + tls.key(),
                        "tls-ca-cert-file " + tls.certificate(),
                        "tls-auth-clients no",
                        "requirepass " + authToken,
                        "save \"\"",
                        "appendonly no",
                        "dir " + home,
                        ""));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Process process = new ProcessBuilder("redis-server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("redis.log").toFile())
                .start();
        Commands.awaitListening(address, port, Duration.ofSeconds(20), process);
        return new LocalRedis(process, address, port, authToken, tls);
    }

    /** The number of keys, asked over TLS with the AUTH token as any client must. */
    public long keyCount() throws IOException, InterruptedException {
        String answer = Commands.run(
                List.of(
                        "redis-cli",
                        "--tls",
                        "--cacert",
                        tls.certificate().toString(),
                        "-h",
                        address,
                        "-p",
                        Integer.toString(port),
                        "--no-auth-warning",
                        "DBSIZE"),
                Map.of("REDISCLI_AUTH", password),
                Duration.ofSeconds(10));
        return Long.parseLong(answer.trim());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
