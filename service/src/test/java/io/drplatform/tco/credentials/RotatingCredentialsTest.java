package io.drplatform.tco.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Renewal of refused credentials: one read for many refusals at once, at most one read per interval. */
class RotatingCredentialsTest {
    private static final DatabaseCredentials START = new DatabaseCredentials("app", "start");
    private static final DatabaseCredentials ROTATED = new DatabaseCredentials("app_clone", "rotated");
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicInteger reads = new AtomicInteger();
    private Instant now = Instant.parse("2026-12-02T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void manyRefusalsAtOnceMakeOneRead() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        RotatingCredentials credentials = new RotatingCredentials(
                START,
                () -> {
                    reads.incrementAndGet();
                    await(release);
                    return ROTATED;
                },
                "secret",
                INTERVAL,
                clock);

        List<Mono<Boolean>> refusals = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> credentials.renewAfterRefusal(START))
                .toList();
        Mono<List<Boolean>> all = Flux.merge(refusals).collectList().cache();
        all.subscribe();
        Thread.sleep(200); // every refusal is waiting on the same read
        release.countDown();

        assertThat(all.block(Duration.ofSeconds(10))).hasSize(50).containsOnly(true);
        assertThat(reads).hasValue(1);
        assertThat(credentials.current()).isEqualTo(ROTATED);
        // A connection that was refused with the old credentials after the renewal retries without a read.
        assertThat(credentials.renewAfterRefusal(START).block()).isTrue();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aSecretThatIsStillWrongIsReadAtMostOncePerInterval() {
        RotatingCredentials credentials = new RotatingCredentials(
                START,
                () -> {
                    reads.incrementAndGet();
                    return START; // the secret holds the refused password: nothing to retry with
                },
                "secret",
                INTERVAL,
                clock);

        assertThat(credentials.renewAfterRefusal(START).block()).isFalse();
        for (int i = 0; i < 100; i++) {
            now = now.plusMillis(50);
            assertThat(credentials.renewAfterRefusal(START).block()).isFalse();
        }
        assertThat(reads).hasValue(1); // 5 s of refusals
        now = now.plus(INTERVAL);
        assertThat(credentials.renewAfterRefusal(START).block()).isFalse();
        assertThat(reads).hasValue(2);
        assertThat(credentials.renewals()).isEqualTo(2);
    }

    @Test
    void anUnreadableSecretIsNoRetryAndCountsAsARead() {
        RotatingCredentials credentials = new RotatingCredentials(
                START,
                () -> {
                    reads.incrementAndGet();
                    throw new IllegalStateException("AccessDeniedException");
                },
                "secret",
                INTERVAL,
                clock);

        assertThat(credentials.renewAfterRefusal(START).block()).isFalse();
        assertThat(credentials.renewAfterRefusal(START).block()).isFalse();
        assertThat(reads).hasValue(1);
        assertThat(credentials.current()).isEqualTo(START);
    }

    @Test
    void thePasswordNeverAppearsInText() {
        assertThat(ROTATED.toString()).contains("app_clone").doesNotContain("rotated");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
