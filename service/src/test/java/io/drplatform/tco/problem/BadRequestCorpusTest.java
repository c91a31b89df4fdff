package io.drplatform.tco.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import io.drplatform.tco.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad-request corpus ({@code problems/bad-requests.json}): each case is a request that must be refused with a
 * given status and problem type, and for invalid fields exactly the listed field paths. None may answer 500 or
 * carry a stack trace.
 */
class BadRequestCorpusTest extends ServiceTest {

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = BadRequestCorpusTest.class.getResourceAsStream("/problems/bad-requests.json")) {
            JsonNode cases = Json.MAPPER.readTree(in);
            assertThat(cases.size()).isGreaterThanOrEqualTo(40);
            return StreamSupport.stream(cases.spliterator(), false)
                    .map(c -> Arguments.of(c.get("name").stringValue(), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refused(String name, JsonNode c) {
        String method = c.has("method") ? c.get("method").stringValue() : "POST";
        String path = c.has("path") ? c.get("path").stringValue() : "/api/v1/quotes";
        var spec = client.method(HttpMethod.valueOf(method)).uri(path);
        spec.headers(h -> {
            String auth = c.has("auth") ? c.get("auth").stringValue() : "none";
            switch (auth) {
                case "valid" -> h.setBearerAuth(TestTokens.token("corpus-user"));
                case "expired" -> h.setBearerAuth(TestTokens.expired("corpus-user"));
                case "wrong-issuer" -> h.setBearerAuth(TestTokens.wrongIssuer("corpus-user"));
                case "foreign-key" -> h.setBearerAuth(TestTokens.foreignKey("corpus-user"));
                case "garbage" -> h.setBearerAuth("not.a.jwt");
                default -> {}
            }
            if (c.has("headers")) {
                c.get("headers")
                        .properties()
                        .forEach(e -> h.set(e.getKey(), e.getValue().stringValue()));
            }
            if (c.has("accept")) {
                h.setAccept(List.of(MediaType.parseMediaType(c.get("accept").stringValue())));
            }
        });
        EntityExchangeResult<byte[]> result;
        if ("POST".equals(method)) {
            String contentType = c.has("contentType") ? c.get("contentType").stringValue() : "application/json";
            if (!contentType.isEmpty()) {
                spec.contentType(MediaType.parseMediaType(contentType));
            }
            result = spec.bodyValue(body(c)).exchange().expectBody().returnResult();
        } else {
            result = spec.exchange().expectBody().returnResult();
        }

        int expectedStatus = c.get("status").intValue();
        String text =
                result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(result.getStatus().value())
                .as("status of %s; body %s", name, text)
                .isEqualTo(expectedStatus);
        assertThat(result.getResponseHeaders().getContentType())
                .as("content type")
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
        // No stack trace in any form (Boot's error attributes call it "trace"); the trace id ("traceId") is wanted.
        assertThat(text)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("\"trace\"")
                .doesNotContainIgnoringCase("stacktrace")
                .doesNotContainIgnoringCase("stack_trace");

        JsonNode problem = Json.readTree(result.getResponseBody());
        assertThat(problem.get("type").stringValue())
                .isEqualTo(ProblemType.BASE + c.get("type").stringValue());
        assertThat(problem.get("status").intValue()).isEqualTo(expectedStatus);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        if (c.has("fields")) {
            List<String> expected = new ArrayList<>();
            c.get("fields").forEach(f -> expected.add(f.stringValue()));
            List<String> actual = new ArrayList<>();
            problem.get("errors").forEach(e -> {
                actual.add(e.get("field").stringValue());
                assertThat(e.get("reason").stringValue()).isNotBlank();
            });
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static byte[] body(JsonNode c) {
        if (c.has("bodyRaw")) {
            return c.get("bodyRaw").stringValue().getBytes(StandardCharsets.UTF_8);
        }
        if (c.has("bodySize")) {
            int size = c.get("bodySize").intValue();
            String prefix = "{\"pad\":\"";
            return (prefix + "x".repeat(size - prefix.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode request = (ObjectNode) Json.readTree(Requests.VALID.getBytes(StandardCharsets.UTF_8));
        if (c.has("patch")) {
            JsonNode patch = c.get("patch");
            if (patch.has("set")) {
                patch.get("set")
                        .properties()
                        .forEach(e -> parentOf(request, e.getKey()).set(leaf(e.getKey()), e.getValue()));
            }
            if (patch.has("remove")) {
                patch.get("remove")
                        .forEach(p -> parentOf(request, p.stringValue()).remove(leaf(p.stringValue())));
            }
        }
        return Json.write(request);
    }

    private static ObjectNode parentOf(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
