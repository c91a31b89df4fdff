package io.drplatform.dr.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One PostgreSQL server of the rehearsal, as RDS runs it: on its instance's address and port, TLS on and required
 * for every connection ({@code rds.force_ssl}: only {@code hostssl} lines, SCRAM passwords), the instance's master
 * user without superuser rights (member of {@code rds_superuser}), and an internal superuser ({@code rdsadmin})
 * whose password only the DR tool knows, as only AWS knows RDS's. A cross-region replica is a streaming standby
 * made with {@code pg_basebackup -R -X stream -C -S}. Data directories belong to the {@code postgres} user.
 */
public final class PostgresServer {
    /** The internal superuser the DR tool connects as (RDS's own is called the same). */
    public static final String ADMIN_USER = "rdsadmin";

    public static final String ADMIN_PASSWORD_FILE = "postgres-admin-password";
    static final String MAINTENANCE_DATABASE = "postgres";

    private final Path home;
    private final String address;
    private final int port;
    private final Path adminPasswordFile;

    /**
     * @param home              directory owned by postgres that holds {@code data/} and {@code postgres.log}
     * @param adminPasswordFile the internal superuser's password, shared by the pair (a standby is a copy)
     */
    public PostgresServer(Path home, String address, int port, Path adminPasswordFile) {
        this.home = home;
        this.address = address;
        this.port = port;
        this.adminPasswordFile = adminPasswordFile;
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return home.resolve("data");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + address + ":" + port + "/" + MAINTENANCE_DATABASE
                + "?sslmode=require&connectTimeout=2&socketTimeout=5&loginTimeout=3";
    }

    /** The newest installed server's binaries (Debian puts them under /usr/lib/postgresql/VERSION/bin). */
    public static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(p -> Integer.parseInt(
                                p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElseThrow(() -> new IllegalStateException(
                                "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    }

    public static boolean available() {
        try {
            binaries();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String bin(String name) {
        return binaries().resolve(name).toString();
    }

    private String adminPassword() throws IOException {
        return Files.readString(adminPasswordFile).trim();
    }

    /**
     * Creates the instance as RDS creates a primary: the cluster with the internal superuser, TLS with the
     * rehearsal's certificate, then the master role and the instance's database owned by it.
     */
    public void initPrimary(Path certificate, Path key, String masterUser, String masterPassword, String database)
            throws IOException, InterruptedException, SQLException {
        Files.createDirectories(home);
        giveToPostgres(home);
        // initdb reads the superuser's password from a file postgres can read; it is deleted right after.
        Path passwordCopy = home.resolve("initdb-password");
        Files.writeString(passwordCopy, adminPassword() + "\n");
        giveToPostgres(passwordCopy);
        try {
            OsCommand.run(
                    OsCommand.asPostgres(List.of(
                            bin("initdb"),
                            "-D",
                            dataDirectory().toString(),
                            "-U",
                            ADMIN_USER,
                            "--pwfile=" + passwordCopy,
                            "--auth=scram-sha-256",
                            "--encoding=UTF8",
                            "--locale=C",
                            "--no-sync")),
                    120);
        } finally {
            Files.deleteIfExists(passwordCopy);
        }
        Path data = dataDirectory();
        for (Path file : List.of(certificate, key)) {
            Path copy = data.resolve(file.getFileName().toString().endsWith(".key") ? "server.key" : "server.crt");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            giveToPostgres(copy);
        }
        Files.writeString(
                data.resolve("pg_hba.conf"),
                "hostssl all all 127.0.0.0/8 scram-sha-256\nhostssl replication all 127.0.0.0/8 scram-sha-256\n");
        // No Unix socket (no clash with a system cluster), sized for a laptop, replication as RDS has it on.
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
                        "shared_buffers = '32MB'",
                        "wal_level = replica",
                        "max_wal_senders = 5",
                        "max_replication_slots = 5",
                        "hot_standby = on",
                        "wal_receiver_status_interval = '1s'",
                        ""),
                StandardOpenOption.APPEND);
        start();
        try (Connection c = connect(MAINTENANCE_DATABASE)) {
            String master = identifier(masterUser);
            c.createStatement().execute("CREATE ROLE rds_superuser NOLOGIN");
            c.createStatement()
                    .execute("GRANT pg_monitor, pg_signal_backend, pg_read_all_settings, pg_read_all_stats,"
                            + " pg_stat_scan_tables TO rds_superuser");
            try (PreparedStatement role = c.prepareStatement("SELECT format('CREATE ROLE %I LOGIN CREATEDB CREATEROLE"
                    + " PASSWORD %L IN ROLE rds_superuser', ?::text, ?::text)")) {
                role.setString(1, masterUser);
                role.setString(2, masterPassword);
                try (ResultSet rs = role.executeQuery()) {
                    rs.next();
                    c.createStatement().execute(rs.getString(1));
                }
            }
            c.createStatement().execute("CREATE DATABASE " + identifier(database) + " OWNER " + master);
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Builds this server as a streaming standby of {@code source} with its own replication slot. */
    public void initStandbyOf(PostgresServer source, String slot)
            throws IOException, InterruptedException, SQLException {
        Files.createDirectories(home);
        giveToPostgres(home);
        deleteRecursively(dataDirectory());
        try (Connection c = source.connect()) {
            // A slot left by an earlier replica of the same name would hold WAL forever; start clean.
            c.createStatement()
                    .execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                            + slot + "' AND NOT active");
        }
        // The connection string -R writes for the standby carries the password: keep it in a file postgres can read.
        Path passfile = home.resolve("replication.pgpass");
        Files.writeString(
                passfile, source.address + ":" + source.port + ":*:" + ADMIN_USER + ":" + adminPassword() + "\n");
        Files.setPosixFilePermissions(passfile, PosixFilePermissions.fromString("rw-------"));
        giveToPostgres(passfile);
        OsCommand.run(
                OsCommand.asPostgres(List.of(
                        bin("pg_basebackup"),
                        "-d",
                        "host=" + source.address + " port=" + source.port + " user=" + ADMIN_USER
                                + " sslmode=require passfile=" + passfile,
                        "-D",
                        dataDirectory().toString(),
                        "-R",
                        "-X",
                        "stream",
                        "-C",
                        "-S",
                        slot,
                        "--no-sync",
                        // An immediate checkpoint: the default spread one can keep the backup waiting for minutes.
                        "--checkpoint=fast")),
                300);
        // The copied configuration carries the source's address and port; this server has its own.
        Files.writeString(
                dataDirectory().resolve("postgresql.auto.conf"),
                "listen_addresses = '" + address + "'\nport = " + port + "\n",
                StandardOpenOption.APPEND);
    }

    public void start() throws IOException, InterruptedException {
        OsCommand.run(
                OsCommand.asPostgres(List.of(
                        bin("pg_ctl"),
                        "-D",
                        dataDirectory().toString(),
                        "-l",
                        home.resolve("postgres.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start")),
                90);
    }

    /** {@code immediate} is a crash: no checkpoint, unsent WAL stays behind, as in a region outage. */
    public void stop(String mode) throws IOException, InterruptedException {
        if (!running()) {
            return;
        }
        OsCommand.run(
                OsCommand.asPostgres(
                        List.of(bin("pg_ctl"), "-D", dataDirectory().toString(), "-m", mode, "-w", "-t", "60", "stop")),
                90);
    }

    public boolean running() {
        return Files.exists(dataDirectory().resolve("postmaster.pid"));
    }

    /** A connection as the internal superuser, over TLS, to the maintenance database. */
    public Connection connect() throws SQLException {
        return connect(MAINTENANCE_DATABASE);
    }

    /** A connection as the internal superuser, over TLS, to one database (the application's, for its tables). */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ADMIN_USER);
        try {
            props.setProperty("password", adminPassword());
        } catch (IOException e) {
            throw new SQLException("cannot read " + adminPasswordFile + ": " + e.getMessage(), e);
        }
        return DriverManager.getConnection(
                jdbcUrl().replace("/" + MAINTENANCE_DATABASE + "?", "/" + database + "?"), props);
    }

    static void giveToPostgres(Path path) throws IOException {
        if (!OsCommand.isRoot()) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName("postgres");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
        Files.setOwner(path, user);
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(group);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(out::add);
            }
        }
        return out;
    }
}
