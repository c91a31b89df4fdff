package io.drplatform.tco.support;

import io.drplatform.tco.migrate.MigrateCommand;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the API tests: the real service on a random port, against the real PostgreSQL and Redis of
 * {@link LocalServers}, with the schema applied by the real migrate command. The migration runs as the database
 * owner and provisions the service's least-privileged login ({@link #APPLICATION_USER}), which the service then
 * uses, as in AWS: every API test also proves those privileges are enough. Every subclass shares one Spring
 * context (same configuration), so the servers and the application start once per test run.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tco.region=test-region-1",
            "spring.profiles.active=test",
            "tco.rate-limit.limits.quotes.capacity=1000000",
            "tco.rate-limit.limits.calculations.capacity=1000000",
            // Test machines are shared and often loaded: a 100 ms Redis deadline (the production default) would turn
            // assertions about cache contents into races. Fallback behaviour is the same at any deadline.
            "resilience4j.timelimiter.instances.redis.timeout-duration=1s"
        })
public abstract class ServiceTest {
    public static final String APPLICATION_USER = "tco_app";
    public static final String APPLICATION_PASSWORD = "tco-app-test-password";
    private static boolean migrated;

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        LocalServers servers = LocalServers.get();
        LocalServers.Postgres pg = servers.postgres();
        migrate(pg);
        registry.add("spring.r2dbc.url", pg::r2dbcUrl);
        registry.add("spring.r2dbc.username", () -> APPLICATION_USER);
        registry.add("spring.r2dbc.password", () -> APPLICATION_PASSWORD);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", servers::redisPort);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    private static synchronized void migrate(LocalServers.Postgres pg) {
        if (!migrated) {
            int code = MigrateCommand.run(
                    "--spring.flyway.url=" + pg.jdbcUrl(),
                    "--spring.r2dbc.username=" + pg.user(),
                    "--spring.r2dbc.password=" + pg.password(),
                    "--logging.structured.format.console=",
                    "--tco.database.application-user.username=" + APPLICATION_USER,
                    "--tco.database.application-user.password=" + APPLICATION_PASSWORD);
            if (code != 0) {
                throw new IllegalStateException("migrate exited with " + code);
            }
            migrated = true;
        }
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    protected WebTestClient.RequestHeadersSpec<?> getAs(String subject, String uri) {
        return client.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.token(subject)));
    }
}
