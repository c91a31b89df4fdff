package io.drplatform.tco.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.tco.support.LocalServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate} with DATABASE_APPLICATION_USERNAME/PASSWORD on a fresh database of the real PostgreSQL: the
 * login it provisions can do what the service does and nothing more, a second run changes nothing (above all not
 * the password, which belongs to the rotation), and the identifiers are quoted (the user name here needs it).
 */
class ApplicationUserTest {
    private static final String DATABASE = "provisioning";
    private static final String GROUP = "tco provisioning group";
    private static final String USER = "App-User\"; DROP TABLE calculations; --";
    private static final String PASSWORD = "it's a \"password\" $$ with quotes";
    private static LocalServers.Postgres pg;

    @BeforeAll
    static void migrate() throws SQLException {
        pg = LocalServers.get().postgres();
        try (Connection owner = connect(pg.user(), pg.password(), "tco");
                Statement s = owner.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        assertThat(migrate(USER, PASSWORD)).isZero();
    }

    private static int migrate(String user, String password) {
        return MigrateCommand.run(
                "--spring.flyway.url=jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE,
                "--spring.flyway.user=" + pg.user(),
                "--spring.flyway.password=" + pg.password(),
                "--tco.database.application-role=" + GROUP,
                "--tco.database.application-user.username=" + user,
                "--tco.database.application-user.password=" + password,
                "--logging.structured.format.console=");
    }

    private static Connection connect(String user, String password, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + database, user, password);
    }

    private static Connection asUser() throws SQLException {
        return connect(USER, PASSWORD, DATABASE);
    }

    private static void assertDenied(Connection c, String sql) {
        assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                })
                .isInstanceOf(SQLException.class)
                .satisfies(e ->
                        assertThat(((SQLException) e).getSQLState()).as(sql).isIn("42501"));
    }

    @Test
    void theUserCanDoWhatTheServiceDoes() throws SQLException {
        try (Connection c = asUser();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO calculations (id, owner, created_at, region, idempotency_key, request_hash, input,"
                    + " result) VALUES (gen_random_uuid(), 'alice', now(), 'r', 'k1', 'h', '{}', '{}')");
            s.execute("SELECT count(*) FROM calculations WHERE owner = 'alice'");
            s.execute("SELECT active_region FROM region_fence WHERE id = 1");
            s.execute("SELECT pg_is_in_recovery()");
            s.execute("DELETE FROM calculations WHERE owner = 'alice'");
        }
    }

    @Test
    void andNothingMore() throws SQLException {
        try (Connection c = asUser()) {
            assertDenied(c, "SELECT * FROM flyway_schema_history");
            assertDenied(c, "CREATE TABLE intruder (id int)");
            assertDenied(c, "DROP TABLE calculations");
            assertDenied(c, "ALTER TABLE calculations ADD COLUMN x int");
            assertDenied(c, "TRUNCATE calculations");
        }
        try (Connection owner = connect(pg.user(), pg.password(), DATABASE);
                Statement s = owner.createStatement();
                var r = s.executeQuery("SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles"
                        + " WHERE rolname = '" + GROUP + "'")) {
            assertThat(r.next()).isTrue();
            for (int i = 1; i <= 4; i++) {
                assertThat(r.getBoolean(i)).isFalse();
            }
        }
    }

    @Test
    void aSecondRunChangesNothingAndLeavesThePasswordToTheRotation() throws SQLException {
        assertThat(migrate(USER, "another password")).isZero();
        try (Connection c = asUser();
                Statement s = c.createStatement()) {
            s.execute("SELECT count(*) FROM calculations");
        }
        assertThatThrownBy(() -> connect(USER, "another password", DATABASE).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void tablesCreatedLaterByTheMigratingUserAreGrantedAndTheRotationsCloneInheritsEverything() throws SQLException {
        try (Connection owner = connect(pg.user(), pg.password(), DATABASE);
                Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE later_migration (id int)");
            // What the multi-user rotation does on its first run: a second login, granted the first user.
            s.execute("CREATE ROLE \"" + USER.replace("\"", "\"\"") + "_clone\" WITH LOGIN PASSWORD 'clone-pw'");
            s.execute("GRANT \"" + USER.replace("\"", "\"\"") + "\" TO \"" + USER.replace("\"", "\"\"") + "_clone\"");
        }
        try (Connection c = asUser();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO later_migration VALUES (1)");
        }
        try (Connection c = connect(USER + "_clone", "clone-pw", DATABASE);
                Statement s = c.createStatement()) {
            s.execute("SELECT count(*) FROM later_migration");
            s.execute("SELECT count(*) FROM calculations");
            s.execute("SELECT active_region FROM region_fence");
            assertDenied(c, "SELECT * FROM flyway_schema_history");
        }
    }

    @Test
    void aUsernameWithoutAPasswordIsRefused() {
        assertThat(catchExitOrThrow(() -> MigrateCommand.run(
                        "--spring.flyway.url=jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE,
                        "--spring.flyway.user=" + pg.user(),
                        "--spring.flyway.password=" + pg.password(),
                        "--tco.database.application-user.username=someone",
                        "--logging.structured.format.console=")))
                .hasMessageContaining("DATABASE_APPLICATION_USERNAME and DATABASE_APPLICATION_PASSWORD");
    }

    private static Throwable catchExitOrThrow(Runnable r) {
        try {
            r.run();
            return new AssertionError("no failure");
        } catch (RuntimeException e) {
            return e;
        }
    }
}
