package io.drplatform.tco.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import io.drplatform.tco.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** Storing, reading, ownership, idempotency, pagination, CSV export and the read-through cache. */
class CalculationApiTest extends ServiceTest {

    @Autowired
    ReactiveStringRedisTemplate redis;

    private EntityExchangeResult<byte[]> post(String subject, String body, String idempotencyKey) {
        return client.post()
                .uri("/api/v1/calculations")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    h.setBearerAuth(TestTokens.token(subject));
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static String owner() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void storesAndReturnsTheSameDocumentOnRead() {
        String alice = owner();
        var created = post(alice, Requests.VALID, null);
        assertThat(created.getStatus().value()).isEqualTo(201);
        JsonNode doc = Json.readTree(created.getResponseBody());
        String id = doc.get("id").stringValue();
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/v1/calculations/" + id);
        assertThat(doc.get("region").stringValue()).isEqualTo("test-region-1");
        assertThat(doc.get("createdAt").stringValue()).isNotBlank();
        assertThat(doc.get("input").get("currency").stringValue()).isEqualTo("USD");
        assertThat(doc.get("result").get("air").get("cashFlows").size()).isEqualTo(11);

        byte[] read = getAs(alice, "/api/v1/calculations/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(new String(read, StandardCharsets.UTF_8))
                .isEqualTo(new String(created.getResponseBody(), StandardCharsets.UTF_8));
    }

    @Test
    void anotherCallersCalculationIsNotFound() {
        String alice = owner();
        String id = Json.readTree(post(alice, Requests.VALID, null).getResponseBody())
                .get("id")
                .stringValue();
        for (String path : List.of("/api/v1/calculations/" + id, "/api/v1/calculations/" + id + "/cashflows.csv")) {
            getAs(owner(), path)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://drplatform.io/problems/not-found");
        }
        // Still not found after the owner's read has cached it: the cache key includes the owner.
        getAs(alice, "/api/v1/calculations/" + id).exchange().expectStatus().isOk();
        getAs(owner(), "/api/v1/calculations/" + id).exchange().expectStatus().isNotFound();
        // And another caller's list does not show it.
        getAs(owner(), "/api/v1/calculations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheOriginal() {
        String alice = owner();
        var first = post(alice, Requests.VALID, "key-1");
        // Same request, different formatting: still the same body.
        var second = post(alice, Requests.VALID.replace("\n", " "), "key-1");
        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(second.getStatus().value()).isEqualTo(201);
        assertThat(second.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        // The key is per owner: another caller may use the same key.
        var bobs = post(owner(), Requests.VALID, "key-1");
        assertThat(Json.readTree(bobs.getResponseBody()).get("id"))
                .isNotEqualTo(Json.readTree(first.getResponseBody()).get("id"));
        getAs(alice, "/api/v1/calculations")
                .exchange()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyWithADifferentBodyIs422() {
        String alice = owner();
        assertThat(post(alice, Requests.VALID, "key-2").getStatus().value()).isEqualTo(201);
        var conflict = post(alice, Requests.VALID.replace("\"analysisYears\": 10", "\"analysisYears\": 11"), "key-2");
        assertThat(conflict.getStatus().value()).isEqualTo(422);
        assertThat(conflict.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Json.readTree(conflict.getResponseBody()).get("type").stringValue())
                .isEqualTo("https://drplatform.io/problems/idempotency-key-reused");
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneCalculation() {
        String alice = owner();
        String token = TestTokens.token(alice);
        Set<String> ids = new HashSet<>(Flux.range(0, 8)
                .flatMap(
                        i -> client.post()
                                .uri("/api/v1/calculations")
                                .contentType(MediaType.APPLICATION_JSON)
                                .headers(h -> {
                                    h.setBearerAuth(token);
                                    h.set("Idempotency-Key", "race");
                                })
                                .bodyValue(Requests.VALID)
                                .exchange()
                                .returnResult(String.class)
                                .getResponseBody()
                                .next()
                                .map(body -> Json.readTree(body.getBytes(StandardCharsets.UTF_8))
                                        .get("id")
                                        .stringValue()),
                        8)
                .collectList()
                .block(Duration.ofSeconds(30)));
        assertThat(ids).hasSize(1);
    }

    @Test
    void listsNewestFirstWithAnOpaqueCursor() {
        String alice = owner();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Json.readTree(post(alice, Requests.VALID, null).getResponseBody())
                    .get("id")
                    .stringValue());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = "/api/v1/calculations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = Json.readTree(getAs(alice, uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult()
                    .getResponseBody());
            page.get("items").forEach(item -> {
                seen.add(item.get("id").stringValue());
                assertThat(item.get("currency").stringValue()).isEqualTo("USD");
            });
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").stringValue();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void exportsCashFlowsAsCsv() {
        String alice = owner();
        String id = Json.readTree(post(alice, Requests.VALID, null).getResponseBody())
                .get("id")
                .stringValue();
        var result = getAs(alice, "/api/v1/calculations/" + id + "/cashflows.csv")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(result.getResponseHeaders().getContentDisposition().getFilename())
                .isEqualTo("calculation-" + id + "-cashflows.csv");
        String csv = result.getResponseBody();
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0])
                .isEqualTo("year,air_cash_flow,air_present_value,immersion_cash_flow,"
                        + "immersion_present_value,difference,cumulative_difference");
        assertThat(lines).hasSize(1 + 11 + 1); // header, years 0..10, empty after the final CRLF
        assertThat(lines[1]).startsWith("0,2500000.00,2500000.00,3900000.00,3900000.00,-1400000.00,-1400000.00");
        assertThat(csv).doesNotContain("\n\n").endsWith("\r\n");
    }

    @Test
    void readsAreServedFromRedisOnceCached() {
        String alice = owner();
        String id = Json.readTree(post(alice, Requests.VALID, null).getResponseBody())
                .get("id")
                .stringValue();
        String key = CalculationCache.key(alice, UUID.fromString(id));
        // Written through on create (or, if that write was dropped on a slow moment, filled by the first read);
        // a doctored entry then proves the next read comes from the cache.
        getAs(alice, "/api/v1/calculations/" + id).exchange().expectStatus().isOk();
        StepVerifier.create(redis.opsForValue().get(key))
                .expectNextMatches(v -> v.contains(id))
                .verifyComplete();
        StepVerifier.create(redis.opsForValue().set(key, "{\"cached\":true}"))
                .expectNext(true)
                .verifyComplete();
        getAs(alice, "/api/v1/calculations/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cached")
                .isEqualTo(true);
        // Evicted: read-through from PostgreSQL fills it again.
        StepVerifier.create(redis.delete(key)).expectNext(1L).verifyComplete();
        getAs(alice, "/api/v1/calculations/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        StepVerifier.create(redis.hasKey(key)).expectNext(true).verifyComplete();
    }

    @Autowired
    CalculationRepository repository;

    @Test
    void repositoryScopesEveryQueryToTheOwner() {
        UUID id = UUID.randomUUID();
        var row = new StoredCalculation(
                id,
                "repo-owner",
                java.time.Instant.parse("2026-01-01T00:00:00.123456Z"),
                "r",
                "k",
                "h",
                "{\"a\":1}",
                "{\"b\":2}");
        StepVerifier.create(repository.insert(row)).expectNext(id).verifyComplete();
        // Same owner and key again: the insert reports the conflict by completing empty.
        StepVerifier.create(repository.insert(new StoredCalculation(
                        UUID.randomUUID(), "repo-owner", row.createdAt(), "r", "k", "h", "{}", "{}")))
                .verifyComplete();
        StepVerifier.create(repository.findById("repo-owner", id))
                .assertNext(s -> {
                    assertThat(s.createdAt()).isEqualTo(row.createdAt());
                    assertThat(s.inputJson()).isEqualTo("{\"a\": 1}");
                })
                .verifyComplete();
        StepVerifier.create(repository.findById("someone-else", id)).verifyComplete();
        StepVerifier.create(repository.findByIdempotencyKey("repo-owner", "k").map(StoredCalculation::id))
                .expectNext(id)
                .verifyComplete();
        StepVerifier.create(repository.page("repo-owner", null, 10).map(List::size))
                .expectNext(1)
                .verifyComplete();
    }
}
