package io.drplatform.contract.standin;

import io.drplatform.dr.rehearsal.edge.TlsCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL as RDS runs it for the stack: the instance's master user and password, its database, its port, TLS
 * on and required for every connection ({@code rds.force_ssl}: only {@code hostssl} lines, SCRAM passwords). As on
 * RDS, the master user is not a superuser: it may create databases and roles and belongs to {@code rds_superuser};
 * the real superuser is an internal {@code rdsadmin} whose password nobody else knows.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final String INTERNAL_SUPERUSER = "rdsadmin";
    private final Path data;

    private LocalPostgres(Path data) {
        this.data = data;
    }

    public static LocalPostgres start(
            Path home,
            String address,
            int port,
            String masterUser,
            String masterPassword,
            String database,
            TlsCertificate tls)
            throws IOException, InterruptedException {
        Path bin = Prerequisites.postgresBin();
        Path data = home.resolve("data");
        Files.createDirectories(home);
        String internalPassword = UUID.randomUUID().toString();
        Path passwordFile = home.resolve("internal-password");
        Files.writeString(passwordFile, internalPassword + "\n");
        Commands.givePostgres(home);
        Commands.run(
                Commands.asPostgres(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        INTERNAL_SUPERUSER,
                        "--pwfile=" + passwordFile,
                        "-A",
                        "scram-sha-256",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                Map.of(),
                Duration.ofSeconds(90));
        Files.delete(passwordFile);
        Files.copy(tls.certificate(), data.resolve("server.crt"));
        Files.copy(tls.key(), data.resolve("server.key"));
        Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.0/8 scram-sha-256\n");
        Files.writeString(
                data.resolve("postgresql.auto.conf"),
                String.join(
                        "\n",
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
                        ""),
                StandardOpenOption.APPEND);
        Commands.givePostgres(home);
        Commands.run(
                Commands.asPostgres(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        home.resolve("postgres.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start"),
                Map.of(),
                Duration.ofSeconds(90));
        LocalPostgres postgres = new LocalPostgres(data);
        try {
            createMaster(bin, home, address, port, internalPassword, masterUser, masterPassword, database);
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    private static void createMaster(
            Path bin,
            Path home,
            String address,
            int port,
            String internalPassword,
            String masterUser,
            String masterPassword,
            String database)
            throws IOException, InterruptedException {
        // What RDS does when it creates the instance: the master role, then the instance's database owned by it.
        String master = identifier(masterUser);
        // A script file readable by us only: the master password stays off every process's command line.
        Path script = home.resolve("create-master.sql");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "CREATE ROLE rds_superuser NOLOGIN;",
                        "GRANT pg_monitor, pg_signal_backend, pg_read_all_settings, pg_read_all_stats, pg_stat_scan_tables"
                                + " TO rds_superuser;",
                        "CREATE ROLE " + master + " LOGIN CREATEDB CREATEROLE PASSWORD " + literal(masterPassword)
                                + " IN ROLE rds_superuser;",
                        "CREATE DATABASE " + identifier(database) + " OWNER " + master + ";",
                        ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));
        try {
            Commands.run(
                    List.of(
                            bin.resolve("psql").toString(),
                            "-h",
                            address,
                            "-p",
                            Integer.toString(port),
                            "-U",
                            INTERNAL_SUPERUSER,
                            "-d",
                            "postgres",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-q",
                            "-f",
                            script.toString()),
                    Map.of("PGPASSWORD", internalPassword, "PGSSLMODE", "require"),
                    Duration.ofSeconds(30));
        } finally {
            Files.delete(script);
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void close() throws IOException {
        try {
            Commands.run(
                    Commands.asPostgres(
                            Prerequisites.postgresBin().resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-m",
                            "fast",
                            "-w",
                            "-t",
                            "30",
                            "stop"),
                    Map.of(),
                    Duration.ofSeconds(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
