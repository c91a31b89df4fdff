package io.drplatform.tco.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the service's least-privileged database login after the migrations, as the migrating (master) user:
 * a NOLOGIN group role holding exactly what the service needs (CONNECT, USAGE on the schema, DML on the
 * application's tables, sequences, and the same by default on tables this user creates later), and the login user
 * as a member of it. The login user is created with the given password only when it does not exist: afterwards
 * its password belongs to the rotation, and the rotation's second user ({@code <user>_clone}) inherits the
 * privileges by being granted the first. Idempotent; every identifier and literal is quoted by PostgreSQL's
 * {@code format()}; one transaction under an advisory lock, so concurrent runs do not race.
 */
public final class ApplicationUser {
    private static final Logger log = LoggerFactory.getLogger(ApplicationUser.class);
    private static final long LOCK = 0x7463_6f5f_6170_7000L; // arbitrary, fixed: "tco_app"

    private final String groupRole;
    private final String username;
    private final String password;
    private final String historyTable;

    public ApplicationUser(String groupRole, String username, String password, String historyTable) {
        this.groupRole = groupRole;
        this.username = username;
        this.password = password;
        this.historyTable = historyTable;
    }

    public void provision(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                provision(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void provision(Connection c) throws SQLException {
        query(c, "SELECT pg_advisory_xact_lock(" + LOCK + ")");
        String database = query(c, "SELECT current_database()").get(0);
        String schema = query(c, "SELECT current_schema()").get(0);
        if (!roleExists(c, groupRole)) {
            execute(c, "CREATE ROLE %I NOLOGIN", groupRole);
        }
        execute(c, "GRANT CONNECT ON DATABASE %I TO %I", database, groupRole);
        execute(c, "GRANT USAGE ON SCHEMA %I TO %I", schema, groupRole);
        for (String table : tables(c, schema)) {
            execute(c, "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %I.%I TO %I", schema, table, groupRole);
        }
        execute(c, "REVOKE ALL ON TABLE %I.%I FROM %I", schema, historyTable, groupRole);
        execute(c, "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I", schema, groupRole);
        execute(
                c,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I",
                schema,
                groupRole);
        execute(c, "ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I", schema, groupRole);
        if (roleExists(c, username)) {
            log.info("database user {} exists; its password is left to the rotation", username);
        } else {
            execute(c, "CREATE ROLE %I WITH LOGIN PASSWORD %L", username, password);
            log.info("created database user {}", username);
        }
        execute(c, "GRANT %I TO %I", groupRole, username);
        log.info("database user {} holds the privileges of {} in {}.{}", username, groupRole, database, schema);
    }

    /** The schema's tables except Flyway's history, which only the migrating user writes. */
    private List<String> tables(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename <> ? ORDER BY tablename")) {
            s.setString(1, schema);
            s.setString(2, historyTable);
            return rows(s);
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            s.setString(1, role);
            return !rows(s).isEmpty();
        }
    }

    /** Lets PostgreSQL quote the arguments ({@code %I} identifier, {@code %L} literal), then runs the statement. */
    private static void execute(Connection c, String template, String... args) throws SQLException {
        String sql;
        try (PreparedStatement s = c.prepareStatement("SELECT format(?" + ", ?".repeat(args.length) + ")")) {
            s.setString(1, template);
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 2, args[i]);
            }
            sql = rows(s).get(0);
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return rows(s);
        }
    }

    private static List<String> rows(PreparedStatement s) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
