package io.drplatform.dr.rehearsal.edge;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Passes one request to a target as the ALB does: method, path, query, headers (the client's Host among them) and
 * body as they came, {@code X-Forwarded-For} with the client's address appended and {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Port} set to the listener's; the target's answer goes back as it came. A target that refuses
 * the connection or breaks it is a 502, one that does not answer within the idle timeout a 504.
 */
final class Forwarder {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "expect",
            "host",
            "x-forwarded-for",
            "x-forwarded-proto",
            "x-forwarded-port");

    static {
        // An ALB passes the client's Host header on; the JDK's client refuses to set it unless told at its first use.
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!allowed.toLowerCase(Locale.ROOT).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
        }
    }

    private final HttpClient upstream = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int listenerPort;

    Forwarder(int listenerPort) {
        this.listenerPort = listenerPort;
    }

    /** Fails when this JVM's HTTP client was used before the Host header could be allowed. */
    static void requireHostHeaderAllowed() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "run with -Djdk.httpclient.allowRestrictedHeaders=host: this JVM's HTTP client was used before"
                            + " the load balancer could allow the Host header, which an ALB passes on",
                    e);
        }
    }

    void forward(HttpExchange exchange, String target, Duration idleTimeout) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + target
                        + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)))
                .timeout(idleTimeout)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> {
                    try {
                        request.header(name, v);
                    } catch (IllegalArgumentException e) {
                        // A header the JDK's client will not send: the target does without it.
                    }
                });
            }
        });
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.setHeader("Host", host);
        }
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        request.header("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        // The stand-in's listener is plain HTTP: a client following an https URL built from this would miss it.
        request.header("X-Forwarded-Proto", "http");
        request.header("X-Forwarded-Port", Integer.toString(listenerPort));
        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            respond(exchange, 504, "the target " + target + " did not answer within " + idleTimeout + "\n");
            return;
        } catch (ConnectException e) {
            respond(exchange, 502, "the target " + target + " refused the connection: " + e + "\n");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 504, "interrupted while waiting for " + target + "\n");
            return;
        } catch (IOException e) {
            respond(exchange, 502, "the target " + target + " failed: " + e + "\n");
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] bytes = response.body();
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || bytes.length == 0;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
