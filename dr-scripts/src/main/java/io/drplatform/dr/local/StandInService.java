package io.drplatform.dr.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executors;

/**
 * A deliberately small stand-in for the reference service, used by the local region pair when no service jar is
 * given: the same write/read API the heartbeat uses ({@code POST/GET /api/v1/calculations}), a deep health check
 * that is 200 only when the database is writable and the region is not fenced, and the fence itself (a marker
 * file the failover writes). It exists so the DR tool's drills can be tested on real PostgreSQL replication
 * without the Spring service; it is not the product. Run the real service with {@code dr local up --service-jar}.
 */
public final class StandInService {
    private final String region;
    private final String jdbcUrl;
    private final Path fenceFile;

    StandInService(String region, String jdbcUrl, Path fenceFile) {
        this.region = region;
        this.jdbcUrl = jdbcUrl;
        this.fenceFile = fenceFile;
    }

    /** Schema the stand-in writes to; created on the primary by {@code dr local up}. */
    public static final String SCHEMA = "CREATE TABLE IF NOT EXISTS calculations ("
            + " id bigserial PRIMARY KEY, idempotency_key text UNIQUE NOT NULL, body text NOT NULL,"
            + " created_at timestamptz NOT NULL DEFAULT now())";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(arg(args, "--port"));
        StandInService service =
                new StandInService(arg(args, "--region"), arg(args, "--jdbc-url"), Path.of(arg(args, "--fence-file")));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/v1/calculations", service::calculations);
        server.createContext("/health/deep", service::deepHealth);
        server.createContext("/actuator/health", ex -> respond(ex, 200, "{\"status\":\"UP\"}"));
        server.start();
        System.out.println("stand-in service for " + service.region + " listening on 127.0.0.1:" + port);
    }

    private static String arg(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }

    private boolean fenced() {
        return Files.exists(fenceFile);
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PostgresServer.USER);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    private void calculations(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if ("POST".equals(method) && path.equals("/api/v1/calculations")) {
                write(ex);
            } else if ("GET".equals(method) && path.startsWith("/api/v1/calculations/")) {
                read(ex, path.substring("/api/v1/calculations/".length()));
            } else {
                respond(ex, 405, "{\"title\":\"method not allowed\"}");
            }
        }
    }

    private void write(HttpExchange ex) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (key == null || key.isBlank()) {
            respond(ex, 400, "{\"title\":\"Idempotency-Key required\"}");
            return;
        }
        // The fence is checked before the write: a fenced region refuses writes even if its database accepts them.
        if (fenced()) {
            unavailable(ex, "fenced");
            return;
        }
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO calculations (idempotency_key, body) VALUES (?, ?)"
                                + " ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key RETURNING id")) {
            st.setString(1, key);
            st.setString(2, body);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                respond(ex, 201, "{\"id\":\"" + rs.getLong(1) + "\",\"region\":\"" + region + "\"}");
            }
        } catch (SQLException e) {
            unavailable(ex, "25006".equals(e.getSQLState()) ? "read-only" : "database-unavailable");
        }
    }

    private void read(HttpExchange ex, String id) throws IOException {
        long numeric;
        try {
            numeric = Long.parseLong(id);
        } catch (NumberFormatException e) {
            respond(ex, 404, "{\"title\":\"not found\"}");
            return;
        }
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement("SELECT body FROM calculations WHERE id = ?")) {
            st.setLong(1, numeric);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    respond(ex, 200, "{\"id\":\"" + id + "\"}");
                } else {
                    respond(ex, 404, "{\"title\":\"not found\"}");
                }
            }
        } catch (SQLException e) {
            unavailable(ex, "database-unavailable");
        }
    }

    private void deepHealth(HttpExchange ex) throws IOException {
        try (ex) {
            boolean fenced = fenced();
            String role;
            try (Connection c = connect();
                    ResultSet rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                role = rs.getBoolean(1) ? "replica" : "primary";
            } catch (SQLException e) {
                role = "unreachable";
            }
            boolean ok = !fenced && role.equals("primary");
            respond(
                    ex,
                    ok ? 200 : 503,
                    "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"region\":\"" + region + "\",\"role\":\"" + role
                            + "\",\"fenced\":" + fenced + "}");
        }
    }

    private static void unavailable(HttpExchange ex, String type) throws IOException {
        ex.getResponseHeaders().add("Retry-After", "1");
        respond(ex, 503, "{\"type\":\"" + type + "\",\"status\":503}");
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
