package io.drplatform.tco.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.tco.support.ServiceTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** After an eviction (as on SQLSTATE 25006) no pooled connection opened before it is handed out again. */
class ConnectionEvictionTest extends ServiceTest {

    @Autowired
    ConnectionFactory connectionFactory;

    private Set<Object> physicalConnections(int concurrent) {
        List<Object> seen = Flux.range(0, concurrent)
                .flatMap(
                        i -> Mono.usingWhen(
                                Mono.from(connectionFactory.create()),
                                c -> Mono.from(c.createStatement("SELECT pg_backend_pid()")
                                                .execute())
                                        .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, Integer.class))))
                                        .delayElement(Duration.ofMillis(20)),
                                Connection::close),
                        concurrent)
                .cast(Object.class)
                .collectList()
                .block(Duration.ofSeconds(30));
        return new HashSet<>(seen);
    }

    @Autowired
    DatabaseGateway gateway;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void aReadOnlyAnswerIsA503ProblemAndEvictsThePool() {
        Set<Object> before = physicalConnections(4);
        int failedBefore = gateway.breaker().getMetrics().getNumberOfFailedCalls();
        // PostgreSQL raising SQLSTATE 25006, exactly as a hot standby or demoted primary answers a write.
        reactor.test.StepVerifier.create(gateway.write(
                        () -> db.sql("DO $$ BEGIN RAISE EXCEPTION 'read-only' USING ERRCODE = '25006'; END $$")
                                .then(),
                        true))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(io.drplatform.tco.problem.ApiException.class);
                    io.drplatform.tco.problem.ApiException api = (io.drplatform.tco.problem.ApiException) e;
                    assertThat(api.type()).isEqualTo(io.drplatform.tco.problem.ProblemType.READ_ONLY);
                    assertThat(api.retryAfter()).isPositive();
                })
                .verify(Duration.ofSeconds(10));
        // Not a dependency failure: the breaker did not count it.
        assertThat(gateway.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
        Set<Object> after = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            after.addAll(physicalConnections(4));
        }
        assertThat(after).doesNotContainAnyElementsOf(before);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void withoutASecretArnTheConfiguredCredentialsAreUsedAsTheyAre() {
        assertThat(context.getBeanProvider(io.drplatform.tco.credentials.RotatingCredentials.class)
                        .getIfAvailable())
                .isNull();
        Object driver = ((Wrapped<?>) connectionFactory).unwrap();
        while (driver instanceof Wrapped<?> w
                && !(driver instanceof io.drplatform.tco.credentials.CredentialRenewingConnectionFactory)) {
            driver = w.unwrap();
        }
        assertThat(driver).isNotInstanceOf(io.drplatform.tco.credentials.CredentialRenewingConnectionFactory.class);
    }

    @Test
    void evictedConnectionsAreNeverReused() {
        assertThat(connectionFactory).isInstanceOf(EvictingConnectionFactory.class);
        assertThat(((Wrapped<?>) connectionFactory).unwrap()).isNotNull();
        Set<Object> before = physicalConnections(4);
        assertThat(before).isNotEmpty();
        ((EvictingConnectionFactory) connectionFactory).evictAll();
        Set<Object> after = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            after.addAll(physicalConnections(4));
        }
        // Backend pids identify server sessions: none of the sessions from before the eviction serves again.
        assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(before);
    }
}
