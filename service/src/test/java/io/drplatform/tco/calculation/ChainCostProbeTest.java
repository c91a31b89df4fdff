package io.drplatform.tco.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.resilience.DatabaseGateway;
import io.drplatform.tco.support.ServiceTest;
import io.drplatform.tco.support.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** The benchmark's same-JVM probe serves the same rows with and without the chain, and only one path uses it. */
@TestPropertySource(properties = "spring.profiles.active=test,bench")
class ChainCostProbeTest extends ServiceTest {
    @Autowired
    DatabaseGateway database;

    @Test
    void bothPathsReadTheSameRowsAndOnlyTheGuardedOneGoesThroughTheBreaker() throws Exception {
        String owner = "chain-cost-probe";
        client.post()
                .uri("/api/v1/calculations")
                .headers(h -> h.setBearerAuth(TestTokens.token(owner)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Files.readString(Path.of("examples/request.json")))
                .exchange()
                .expectStatus()
                .isCreated();
        AtomicInteger breakerCalls = new AtomicInteger();
        database.breaker().getEventPublisher().onSuccess(e -> breakerCalls.incrementAndGet());

        client.get()
                .uri("/bench/chain-cost?owner={o}&guarded=false", owner)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"rows\":1}");
        assertThat(breakerCalls).hasValue(0);

        client.get()
                .uri("/bench/chain-cost?owner={o}&guarded=true", owner)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"rows\":1}");
        assertThat(breakerCalls).hasValue(1);
    }
}
