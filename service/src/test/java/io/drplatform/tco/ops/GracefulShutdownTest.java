package io.drplatform.tco.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drplatform.tco.TcoServiceApplication;
import io.drplatform.tco.support.LocalServers;
import io.drplatform.tco.support.TestTokens;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Graceful shutdown: closing the context (what the JVM's SIGTERM hook does) lets an in-flight request finish and
 * refuses new ones.
 */
class GracefulShutdownTest {

    @Test
    void inFlightRequestsCompleteAndNewOnesAreRefused() throws Exception {
        LocalServers servers = LocalServers.get();
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(TcoServiceApplication.class)
                .profiles("bench")
                .run(
                        "--server.port=0",
                        "--spring.r2dbc.url=" + servers.postgres().r2dbcUrl(),
                        "--spring.r2dbc.username=tco",
                        "--spring.r2dbc.password=tco",
                        "--spring.data.redis.port=" + servers.redisPort(),
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.jwkSetUri());
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        CompletableFuture<String> inFlight = client.get()
                .uri("/bench/slow?ms=2000")
                .retrieve()
                .bodyToMono(String.class)
                .toFuture();
        Thread.sleep(500); // the request is being served
        CompletableFuture<Void> closing = CompletableFuture.runAsync(ctx::close);
        Thread.sleep(300); // shutdown has begun: the server no longer accepts requests

        assertThatThrownBy(() -> client.get()
                        .uri("/bench/bare")
                        .retrieve()
                        .bodyToMono(String.class)
                        .block(Duration.ofSeconds(5)))
                .isNotNull();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).contains("ok");
        closing.get(30, TimeUnit.SECONDS);
        assertThat(ctx.isActive()).isFalse();
    }
}
