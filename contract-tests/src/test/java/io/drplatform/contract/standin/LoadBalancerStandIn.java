package io.drplatform.contract.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drplatform.dr.rehearsal.template.ListenerRules;
import io.drplatform.dr.rehearsal.template.PathPattern;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application load balancer, built from the synthesized HTTPS listener: each request is matched against the
 * listener rules by priority (then the default action) and, when that sends it to the service's target group,
 * forwarded to the running service with the client's address appended to {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto}/{@code -Port} set, as an ALB does. A request the rules send anywhere else is answered
 * with {@value #ELSEWHERE} and {@code X-Routed-To} naming where it went, so misrouting is visible. Every response
 * says where the request went in {@value #ROUTED_TO}.
 */
public final class LoadBalancerStandIn implements AutoCloseable {
    public static final String ROUTED_TO = "X-Routed-To";
    public static final int ELSEWHERE = 599;
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

    private record Route(String targetGroupId, String destination, String reason) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final ListenerRules listener;
    private final Map<String, String> serviceByTargetGroup;
    private final String serviceTargetGroup;
    private final URI serviceTarget;
    private final HttpClient upstream = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private LoadBalancerStandIn(
            HttpServer server,
            ExecutorService executor,
            ListenerRules listener,
            Map<String, String> serviceByTargetGroup,
            String serviceTargetGroup,
            URI serviceTarget) {
        this.server = server;
        this.executor = executor;
        this.listener = listener;
        this.serviceByTargetGroup = serviceByTargetGroup;
        this.serviceTargetGroup = serviceTargetGroup;
        this.serviceTarget = serviceTarget;
    }

    /**
     * @param serviceTargetGroup the target group whose targets are the running service
     * @param serviceTarget      where the service listens ({@code http://host:containerPort})
     */
    public static LoadBalancerStandIn start(
            String address,
            ListenerRules listener,
            Map<String, String> serviceByTargetGroup,
            String serviceTargetGroup,
            URI serviceTarget)
            throws IOException {
        if (!System.getProperty("jdk.httpclient.allowRestrictedHeaders", "").contains("host")) {
            throw new IllegalStateException(
                    "run with -Djdk.httpclient.allowRestrictedHeaders=host (the module's surefire"
                            + " configuration sets it): an ALB passes the client's Host header on");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        LoadBalancerStandIn balancer = new LoadBalancerStandIn(
                server, executor, listener, serviceByTargetGroup, serviceTargetGroup, serviceTarget);
        server.createContext("/", balancer::handle);
        server.start();
        return balancer;
    }

    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    private Route route(String path) {
        for (ListenerRules.Rule rule : listener.rules()) {
            for (String pattern : rule.pathPatterns()) {
                if (PathPattern.of(pattern).matches(path)) {
                    return route(
                            rule.action(),
                            "rule " + rule.id() + " (priority " + rule.priority() + ", " + pattern + ")");
                }
            }
        }
        return route(listener.defaultAction(), "the default action of " + listener.listenerId());
    }

    private Route route(ListenerRules.Action action, String reason) {
        String destination = action.targetGroupId() == null
                ? action.type()
                : serviceByTargetGroup.getOrDefault(action.targetGroupId(), action.targetGroupId());
        return new Route(action.targetGroupId(), destination, reason);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Route route = route(path);
            exchange.getResponseHeaders().set(ROUTED_TO, route.destination());
            if (!serviceTargetGroup.equals(route.targetGroupId())) {
                respond(
                        exchange,
                        ELSEWHERE,
                        exchange.getRequestMethod() + " " + path + " goes to " + route.destination() + " by "
                                + route.reason() + ", not to the service under test\n");
                return;
            }
            forward(exchange);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        serviceTarget + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.setHeader("Host", host);
        }
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        request.header("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        request.header("X-Forwarded-Proto", "http");
        request.header("X-Forwarded-Port", Integer.toString(server.getAddress().getPort()));
        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            respond(exchange, 502, "the service's target refused the connection: " + e + "\n");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 504, "interrupted\n");
            return;
        } catch (IOException e) {
            respond(exchange, 502, "the service's target failed: " + e + "\n");
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

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
