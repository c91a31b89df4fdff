package io.drplatform.dr.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One PostgreSQL server of the local region pair: {@code initdb}, {@code pg_ctl}, {@code pg_basebackup -R -C -S}
 * for a streaming standby, and JDBC connections on loopback. Data directories belong to the {@code postgres} user.
 */
public final class PostgresServer {
    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private final Path home;
    private final int port;

    /** @param home directory owned by postgres that holds {@code data/} and {@code postgres.log} */
    public PostgresServer(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return home.resolve("data");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE
                + "?connectTimeout=2&socketTimeout=5&loginTimeout=3";
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

    void prepareHome() throws IOException {
        Files.createDirectories(home);
        giveToPostgres(home);
    }

    public void initPrimary() throws IOException, InterruptedException {
        prepareHome();
        OsCommand.run(
                OsCommand.asPostgres(List.of(
                        bin("initdb"),
                        "-D",
                        dataDirectory().toString(),
                        "-U",
                        USER,
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--no-sync")),
                120);
        // Loopback only, no Unix socket (no clash with a system cluster), sized for a laptop.
        Files.writeString(
                dataDirectory().resolve("postgresql.auto.conf"),
                String.join(
                        "\n",
                        "listen_addresses = '127.0.0.1'",
                        "port = " + port,
                        "unix_socket_directories = ''",
                        "max_connections = 60",
                        "shared_buffers = '32MB'",
                        "wal_level = replica",
                        "max_wal_senders = 5",
                        "max_replication_slots = 5",
                        "hot_standby = on",
                        "wal_receiver_status_interval = '1s'",
                        ""),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Builds this server as a streaming standby of {@code source} with its own replication slot. */
    public void initStandbyOf(PostgresServer source, String slot)
            throws IOException, InterruptedException, SQLException {
        prepareHome();
        deleteRecursively(dataDirectory());
        try (Connection c = source.connect()) {
            // A slot left by an earlier replica of the same name would hold WAL forever; start clean.
            c.createStatement()
                    .execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                            + slot + "' AND NOT active");
        }
        OsCommand.run(
                OsCommand.asPostgres(List.of(
                        bin("pg_basebackup"),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(source.port),
                        "-U",
                        USER,
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
        // The copied configuration carries the source's port; this server has its own.
        Files.writeString(
                dataDirectory().resolve("postgresql.auto.conf"),
                "port = " + port + "\n",
                java.nio.file.StandardOpenOption.APPEND);
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

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        return DriverManager.getConnection(jdbcUrl(), props);
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
