package io.drplatform.dr.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a task whose image comes from a public registry, which cannot run without a container engine:
 * it answers its health check paths (its target group's, and the service's deep one Route 53 checks) with 200 and everything else with 503, each answer labelled as a
 * placeholder with the image it stands for, so nobody mistakes it for the service.
 */
public final class PlaceholderTask {
    static final String LABEL_HEADER = "X-Rehearsal-Placeholder";

    private PlaceholderTask() {}

    /** Arguments: address, port, image, then the health paths it answers. */
    public static void main(String[] args) throws IOException {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        String image = args[2];
        java.util.List<String> healthPaths = java.util.List.of(args).subList(3, args.length);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 64);
        server.createContext("/", exchange -> {
            boolean health = healthPaths.contains(exchange.getRequestURI().getPath());
            byte[] body = ("placeholder for " + image + " (a public registry image cannot run without a container"
                            + " engine); it answers only its health check paths " + healthPaths + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add(LABEL_HEADER, image);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(health ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("placeholder for " + image + " on " + address + ":" + port);
    }
}
