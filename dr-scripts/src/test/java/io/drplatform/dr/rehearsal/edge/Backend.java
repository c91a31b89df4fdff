package io.drplatform.dr.rehearsal.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target on loopback: {@code /health} answers with {@link #healthStatus}, {@code /slow} after two seconds,
 * anything else with its own name, and every request's headers are kept for the test to read.
 */
final class Backend implements AutoCloseable {
    final String name;
    final AtomicInteger healthStatus = new AtomicInteger(200);
    final AtomicInteger healthChecks = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    private final HttpServer server;

    private Backend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    static Backend start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        Backend backend = new Backend(name, server);
        server.createContext("/", backend::handle);
        server.start();
        return backend;
    }

    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/health")) {
                healthChecks.incrementAndGet();
                int status = healthStatus.get();
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            requests.incrementAndGet();
            lastRequest.clear();
            exchange.getRequestHeaders().forEach((header, values) -> lastRequest.put(header, String.join("|", values)));
            lastRequest.put(":method", exchange.getRequestMethod());
            lastRequest.put(":uri", exchange.getRequestURI().toString());
            lastRequest.put(":body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (path.equals("/slow")) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("X-Backend", name);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
