package io.drplatform.tco.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.drplatform.tco.TcoServiceApplication;
import io.drplatform.tco.migrate.MigrateCommand;
import io.drplatform.tco.support.LocalServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service configured as in AWS (a Cognito issuer plus its JWK set URI) keeps verifying tokens with the key
 * set it has cached while the identity provider is unreachable, and starts without asking it anything. The JWK
 * set is served by a local HTTP server that the test stops; the issuer is a Cognito address this machine cannot
 * reach, so an OIDC discovery call would fail. Tokens have the shape of Cognito access tokens: {@code kid} and
 * {@code alg} in the header; {@code sub}, {@code client_id}, {@code token_use}, {@code scope} and no {@code aud}.
 */
class IdentityProviderOutageTest {
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Outage1";
    private static final KeyPair POOL_KEY = rsa();
    private static final KeyPair ROTATED_KEY = rsa();
    private static final List<String> jwksRequests = new CopyOnWriteArrayList<>();
    private static HttpServer identityProvider;
    private static ConfigurableApplicationContext service;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws IOException {
        identityProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) POOL_KEY.getPublic())
                        .keyID("pool-key-1")
                        .algorithm(JWSAlgorithm.RS256)
                        .keyUse(KeyUse.SIGNATURE)
                        .build())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        identityProvider.createContext("/", ex -> {
            jwksRequests.add(ex.getRequestURI().getPath());
            boolean keys = ex.getRequestURI().getPath().endsWith("/.well-known/jwks.json");
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(keys ? 200 : 404, keys ? jwks.length : -1);
            if (keys) {
                ex.getResponseBody().write(jwks);
            }
            ex.close();
        });
        identityProvider.start();

        LocalServers servers = LocalServers.get();
        LocalServers.Postgres pg = servers.postgres();
        assertThat(MigrateCommand.run(
                        "--spring.flyway.url=" + pg.jdbcUrl(),
                        "--spring.r2dbc.username=" + pg.user(),
                        "--spring.r2dbc.password=" + pg.password(),
                        "--logging.structured.format.console="))
                .isZero();
        String jwkSetUri = "http://127.0.0.1:" + identityProvider.getAddress().getPort()
                + "/us-east-1_Outage1/.well-known/jwks.json";
        service = new SpringApplicationBuilder(TcoServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.r2dbc.url=" + pg.r2dbcUrl(),
                        "--spring.r2dbc.username=" + pg.user(),
                        "--spring.r2dbc.password=" + pg.password(),
                        "--spring.data.redis.port=" + servers.redisPort(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER,
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri,
                        "--logging.structured.format.console=");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        identityProvider.stop(0);
    }

    @Test
    void cachedKeysVerifyTokensWhileTheIdentityProviderIsDown() {
        // Started without contacting the identity provider: no discovery, no key download yet.
        assertThat(jwksRequests).isEmpty();

        list(cognitoAccessToken(POOL_KEY, "pool-key-1", "alice")).expectStatus().isOk();
        assertThat(jwksRequests).containsExactly("/us-east-1_Outage1/.well-known/jwks.json");

        identityProvider.stop(0); // the pool's region is out: the key set URL refuses connections

        list(cognitoAccessToken(POOL_KEY, "pool-key-1", "bob")).expectStatus().isOk();
        list(cognitoAccessToken(POOL_KEY, "pool-key-1", "alice")).expectStatus().isOk();

        // A key the cache does not have makes the decoder try the unreachable key set: refused as 401, not a 500.
        list(cognitoAccessToken(ROTATED_KEY, "pool-key-2", "carol"))
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueMatches("WWW-Authenticate", "Bearer.*")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://drplatform.io/problems/unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401);
        // A known kid with a signature of another key is refused as well.
        list(cognitoAccessToken(ROTATED_KEY, "pool-key-1", "mallory"))
                .expectStatus()
                .isUnauthorized();
        // And the cached key still works afterwards.
        list(cognitoAccessToken(POOL_KEY, "pool-key-1", "alice")).expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec list(String token) {
        return client.get()
                .uri("/api/v1/calculations")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    /** The claims of a Cognito user pool access token; Cognito puts no {@code typ} header and no audience. */
    private static String cognitoAccessToken(KeyPair key, String kid, String user) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .issuer(ISSUER)
                .claim("client_id", "3n4b5urk1ft4fl3mg5e62d9ado")
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("auth_time", now.getEpochSecond() - 10)
                .claim("version", 2)
                .claim("username", user)
                .issueTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
