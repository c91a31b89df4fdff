package io.drplatform.dr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for Route 53 failover records: an HTTP proxy in front of the two regions. Each region's deep
 * health path is checked every interval; a region turns unhealthy after {@code threshold} consecutive failures and
 * healthy again after {@code threshold} consecutive successes. Traffic goes to the PRIMARY record's region while it
 * is healthy, otherwise to the SECONDARY's if that is healthy; when both are unhealthy Route 53 answers with the
 * primary, and so does this. {@code GET /__entrypoint/status} shows health, the answering region and the events.
 */
public final class FailoverEntryPoint {
    static final String STATUS_PATH = "/__entrypoint/status";
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "host",
            "transfer-encoding",
            "keep-alive",
            "upgrade",
            "expect",
            "te",
            "trailer",
            "proxy-authorization",
            "proxy-authenticate");

    static final class Target {
        final String region;
        final URI base;
        volatile Boolean healthy;
        int consecutive;
        volatile String lastResult = "not checked";

        Target(String region, URI base) {
            this.region = region;
            this.base = base;
        }
    }

    private final Target primary;
    private final Target secondary;
    private final String healthPath;
    private final int threshold;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Duration checkTimeout;
    private volatile String answering;
    private ScheduledExecutorService checker;
    private HttpServer server;

    FailoverEntryPoint(Target primary, Target secondary, String healthPath, Duration interval, int threshold) {
        this.primary = primary;
        this.secondary = secondary;
        this.healthPath = healthPath;
        this.threshold = threshold;
        this.checkTimeout = interval.compareTo(Duration.ofSeconds(2)) < 0 ? interval : Duration.ofSeconds(2);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        Duration interval = Duration.ofMillis(Long.parseLong(a.get("--interval-ms")));
        FailoverEntryPoint ep = new FailoverEntryPoint(
                new Target(a.get("--primary-region"), URI.create(a.get("--primary-url"))),
                new Target(a.get("--secondary-region"), URI.create(a.get("--secondary-url"))),
                a.getOrDefault("--health-path", "/health/deep"),
                interval,
                Integer.parseInt(a.get("--threshold")));
        ep.start(a.getOrDefault("--address", "127.0.0.1"), Integer.parseInt(a.get("--port")), interval);
    }

    void start(String address, int port, Duration interval) throws IOException {
        // First observation sets the state directly; afterwards the threshold rule applies.
        check(primary);
        check(secondary);
        answering = route();
        event("answering", answering);
        checker = Executors.newScheduledThreadPool(2);
        checker.scheduleAtFixedRate(
                () -> checkAndRoute(primary), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        checker.scheduleAtFixedRate(
                () -> checkAndRoute(secondary), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        server = HttpServer.create(new InetSocketAddress(address, port), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
        System.out.println("failover entry point on " + address + ":" + port + " primary " + primary.region
                + " secondary " + secondary.region);
    }

    /** For in-process use (tests); the standalone process simply exits. */
    void stop() {
        checker.shutdownNow();
        server.stop(0);
    }

    private void checkAndRoute(Target target) {
        try {
            check(target);
            String now = route();
            if (!now.equals(answering)) {
                answering = now;
                event("answering", now);
            }
        } catch (RuntimeException e) {
            System.err.println("health check loop: " + e);
        }
    }

    private void check(Target target) {
        boolean ok;
        try {
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(target.base.resolve(healthPath))
                            .timeout(checkTimeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            ok = r.statusCode() >= 200 && r.statusCode() < 400;
            target.lastResult = "HTTP " + r.statusCode();
        } catch (IOException e) {
            ok = false;
            target.lastResult = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (target.healthy == null) {
                target.healthy = ok;
                target.consecutive = 0;
                event(ok ? "healthy" : "unhealthy", target.region);
                return;
            }
            if (ok == target.healthy) {
                target.consecutive = 0;
                return;
            }
            target.consecutive++;
            if (target.consecutive >= threshold) {
                target.healthy = ok;
                target.consecutive = 0;
                event(ok ? "healthy" : "unhealthy", target.region);
            }
        }
    }

    private synchronized String route() {
        if (Boolean.TRUE.equals(primary.healthy)) {
            return primary.region;
        }
        if (Boolean.TRUE.equals(secondary.healthy)) {
            return secondary.region;
        }
        return primary.region;
    }

    private synchronized void event(String type, String region) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", Instant.now().toString());
        e.put("type", type);
        e.put("region", region);
        events.add(e);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestURI().getPath().equals(STATUS_PATH)) {
                Map<String, Object> status = new LinkedHashMap<>();
                synchronized (this) {
                    status.put("answering", answering);
                    status.put("regions", List.of(describe(primary, "PRIMARY"), describe(secondary, "SECONDARY")));
                    status.put("events", List.copyOf(events));
                }
                reply(ex, 200, new ObjectMapper().writeValueAsBytes(status));
                return;
            }
            Target target = answering.equals(primary.region) ? primary : secondary;
            proxy(ex, target);
        }
    }

    private Map<String, Object> describe(Target t, String record) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("region", t.region);
        m.put("record", record);
        m.put("healthy", t.healthy);
        m.put("lastCheck", t.lastResult);
        return m;
    }

    private void proxy(HttpExchange ex, Target target) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        target.base.resolve(ex.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(10))
                .method(
                        ex.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        request.header("X-Forwarded-For", ex.getRemoteAddress().getAddress().getHostAddress());
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            ex.getResponseHeaders().set("X-Served-By-Region", target.region);
            reply(ex, response.statusCode(), response.body());
        } catch (IOException e) {
            reply(ex, 502, ("{\"title\":\"region " + target.region + " unreachable\"}").getBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 502, new byte[0]);
        }
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
