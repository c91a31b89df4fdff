package io.drplatform.tco.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.Requests;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.test.StepVerifier;

/** The Redis Lua token bucket with explicit time, its in-memory twin, and the HTTP behaviour (429 and headers). */
@TestPropertySource(
        properties = {
            "tco.rate-limit.trusted-proxy-hops=1",
            "tco.rate-limit.limits.quotes.capacity=3",
            "tco.rate-limit.limits.quotes.period=1m",
            "tco.rate-limit.limits.calculations.capacity=2",
            "tco.rate-limit.limits.calculations.period=1m"
        })
class RateLimitTest extends ServiceTest {
    private static final RateLimitProperties.Limit THREE_PER_3S =
            new RateLimitProperties.Limit(3, Duration.ofSeconds(3));

    @Autowired
    RedisTokenBucket redisBucket;

    @Test
    void luaBucketRefillsDeterministicallyWithExplicitTime() {
        String client = "explicit-" + UUID.randomUUID();
        long t0 = 1_000_000;
        for (int remaining = 2; remaining >= 0; remaining--) {
            long expected = remaining;
            StepVerifier.create(redisBucket.take("test", client, THREE_PER_3S, t0))
                    .assertNext(d -> assertThat(d)
                            .extracting(Decision::allowed, Decision::remaining)
                            .containsExactly(true, expected))
                    .verifyComplete();
        }
        StepVerifier.create(redisBucket.take("test", client, THREE_PER_3S, t0))
                .assertNext(d -> {
                    assertThat(d.allowed()).isFalse();
                    assertThat(d.retryAfterMs()).isEqualTo(1000);
                    assertThat(d.resetMs()).isEqualTo(3000);
                })
                .verifyComplete();
        StepVerifier.create(redisBucket.take("test", client, THREE_PER_3S, t0 + 999))
                .assertNext(d -> assertThat(d)
                        .extracting(Decision::allowed, Decision::retryAfterMs)
                        .containsExactly(false, 1L))
                .verifyComplete();
        StepVerifier.create(redisBucket.take("test", client, THREE_PER_3S, t0 + 1000))
                .assertNext(d -> assertThat(d)
                        .extracting(Decision::allowed, Decision::remaining)
                        .containsExactly(true, 0L))
                .verifyComplete();
        // Long idle: refilled to capacity, never beyond.
        StepVerifier.create(redisBucket.take("test", client, THREE_PER_3S, t0 + 60_000))
                .assertNext(d -> assertThat(d)
                        .extracting(Decision::allowed, Decision::remaining)
                        .containsExactly(true, 2L))
                .verifyComplete();
    }

    @Test
    void inMemoryFallbackBehavesTheSame() {
        LocalTokenBuckets local = new LocalTokenBuckets();
        long t0 = 5_000;
        assertThat(local.take("r", "c", THREE_PER_3S, t0).remaining()).isEqualTo(2);
        assertThat(local.take("r", "c", THREE_PER_3S, t0).remaining()).isEqualTo(1);
        assertThat(local.take("r", "c", THREE_PER_3S, t0).remaining()).isEqualTo(0);
        Decision rejected = local.take("r", "c", THREE_PER_3S, t0);
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterMs()).isEqualTo(1000);
        assertThat(local.take("r", "c", THREE_PER_3S, t0 + 1000).allowed()).isTrue();
        assertThat(local.take("r", "c", THREE_PER_3S, t0 + 60_000).remaining()).isEqualTo(2);
    }

    private EntityExchangeResult<byte[]> quoteFrom(String forwardedFor) {
        return client.post()
                .uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", forwardedFor)
                .bodyValue(Requests.VALID)
                .exchange()
                .expectBody()
                .returnResult();
    }

    @Test
    void anonymousQuotesAreLimitedPerClientIpWithHeadersAnd429() {
        // "spoofed" is what the client wrote; the trusted proxy appended the real address last.
        String ip = "203.0.113." + (1 + (int) (Math.random() * 200));
        for (int i = 0; i < 3; i++) {
            var ok = quoteFrom("spoofed-" + i + ", " + ip);
            assertThat(ok.getStatus().value()).isEqualTo(200);
            assertThat(ok.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
        }
        var limited = quoteFrom("1.2.3.4, " + ip);
        assertThat(limited.getStatus().value()).isEqualTo(429);
        assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(limited.getResponseBody())).contains("https://drplatform.io/problems/rate-limited");
        assertThat(Long.parseLong(limited.getResponseHeaders().getFirst("Retry-After")))
                .isBetween(1L, 20L);
        assertThat(limited.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.getResponseHeaders().getFirst("RateLimit-Reset")).isNotBlank();
        // Another client address has its own bucket.
        assertThat(quoteFrom("198.51.100.7").getStatus().value()).isEqualTo(200);
    }

    @Test
    void authenticatedCallsAreLimitedPerSubject() {
        String alice = "rl-" + UUID.randomUUID();
        String bob = "rl-" + UUID.randomUUID();
        getAs(alice, "/api/v1/calculations").exchange().expectStatus().isOk();
        getAs(alice, "/api/v1/calculations").exchange().expectStatus().isOk();
        getAs(alice, "/api/v1/calculations")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
        getAs(bob, "/api/v1/calculations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("RateLimit-Remaining", "1");
        assertThat(TestTokens.ISSUER).isNotBlank();
    }
}
