package io.drplatform.contract.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL as RDS runs it for the stack: the instance's master user and password, its database, its port, TLS
 * on and required for every connection ({@code rds.force_ssl}: only {@code hostssl} lines, SCRAM passwords).
 */
public final class LocalPostgres implements AutoCloseable {
    private final Path data;

    private LocalPostgres(Path data) {
        this.data = data;
    }

    public static LocalPostgres start(Path home, String address, int port, String masterUser, String masterPassword,
                                      String database, TlsCertificate tls) throws IOException, InterruptedException {
        Path bin = Prerequisites.postgresBin();
        Path data = home.resolve("data");
        Files.createDirectories(home);
        Path passwordFile = home.resolve("master-password");
        Files.writeString(passwordFile, masterPassword + "\n");
        Commands.givePostgres(home);
        Commands.run(Commands.asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", masterUser,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"),
                Map.of(), Duration.ofSeconds(90));
        Files.delete(passwordFile);
        Files.copy(tls.certificate(), data.resolve("server.crt"));
        Files.copy(tls.key(), data.resolve("server.key"));
        Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.0/8 scram-sha-256\n");
        Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n",
                "listen_addresses = '" + address + "'",
                "port = " + port,
                "unix_socket_directories = ''",
                "ssl = on",
                "ssl_cert_file = 'server.crt'",
                "ssl_key_file = 'server.key'",
                "password_encryption = 'scram-sha-256'",
                "max_connections = 100",
                "fsync = off",
                "synchronous_commit = off",
                ""), StandardOpenOption.APPEND);
        Commands.givePostgres(home);
        Commands.run(Commands.asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                home.resolve("postgres.log").toString(), "-w", "-t", "60", "start"), Map.of(), Duration.ofSeconds(90));
        LocalPostgres postgres = new LocalPostgres(data);
        // RDS creates the instance's database owned by the master user; so does this, over TLS like any client.
        Commands.run(List.of(bin.resolve("createdb").toString(), "-h", address, "-p", Integer.toString(port),
                "-U", masterUser, database), Map.of("PGPASSWORD", masterPassword, "PGSSLMODE", "require"),
                Duration.ofSeconds(30));
        return postgres;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Commands.run(Commands.asPostgres(Prerequisites.postgresBin().resolve("pg_ctl").toString(), "-D", data.toString(),
                "-m", "fast", "-w", "-t", "30", "stop"), Map.of(), Duration.ofSeconds(40));
    }
}
