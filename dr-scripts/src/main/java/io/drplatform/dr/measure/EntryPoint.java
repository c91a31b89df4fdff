package io.drplatform.dr.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's public entry point as a client sees it: the failover DNS name on AWS, the local failover proxy
 * on loopback. Writes and reads go through the service API ({@code POST/GET /api/v1/calculations}).
 */
public final class EntryPoint {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?([A-Za-z0-9-]+)\"?");

    /**
     * A valid TCO calculation input (the service's examples/request.json): the body of every heartbeat write, so
     * the writes exercise the real write path.
     */
    public static final String CALCULATION_INPUT = "{\"currency\":\"USD\",\"analysisYears\":10,\"discountRate\":0.08,"
            + "\"electricity\":{\"pricePerKwh\":0.12,\"annualEscalation\":0.03},\"itLoadKw\":1000,\"utilization\":0.8,"
            + "\"gridKgCo2PerKwh\":0.4,\"air\":{\"pue\":1.6,\"capexPerKw\":2500,\"maintenancePerKwYear\":120},"
            + "\"immersion\":{\"pue\":1.05,\"itPowerReduction\":0.1,\"capexPerKw\":3500,\"coolantCostPerKw\":400,"
            + "\"maintenancePerKwYear\":80}}";

    private final URI baseUri;
    private final String bearerToken;
    private final String writeBodyTemplate;
    private final HttpClient http;

    /**
     * @param writeBodyTemplate JSON body of a heartbeat write; {@code {seq}} is replaced by the sequence number
     */
    public EntryPoint(URI baseUri, String bearerToken, String writeBodyTemplate) {
        this.baseUri = baseUri;
        this.bearerToken = bearerToken;
        this.writeBodyTemplate = writeBodyTemplate;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Result of one write attempt: the id when acknowledged (201), otherwise the status or error. */
    public record WriteResult(boolean acknowledged, String id, int status, String error) {}

    public WriteResult write(String idempotencyKey, long sequence, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/api/v1/calculations"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(writeBodyTemplate.replace("{seq}", Long.toString(sequence))));
        authorize(request);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                // The Location header names the created resource; the body's "id" is the fallback.
                String id = response.headers()
                        .firstValue("Location")
                        .map(l -> l.substring(l.lastIndexOf('/') + 1))
                        .orElse(null);
                if (id == null) {
                    Matcher m = ID.matcher(response.body());
                    id = m.find() ? m.group(1) : null;
                }
                return new WriteResult(id != null, id, 201, id == null ? "201 without an id" : null);
            }
            return new WriteResult(false, null, response.statusCode(), null);
        } catch (IOException e) {
            return new WriteResult(false, null, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WriteResult(false, null, 0, "interrupted");
        }
    }

    /** 200 when the write is readable, 404 when it is gone, anything else when the answer is unknown. */
    public int read(String id, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/api/v1/calculations/" + id))
                .timeout(timeout)
                .GET();
        authorize(request);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void authorize(HttpRequest.Builder request) {
        if (bearerToken != null && !bearerToken.isBlank()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
    }
}
