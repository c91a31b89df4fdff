package io.drplatform.contract.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenID Connect issuer shaped like a Cognito user pool: {@code <issuer>/.well-known/openid-configuration} and
 * {@code <issuer>/.well-known/jwks.json} with one RSA key, and RS256 access tokens with Cognito's claims.
 */
public final class LocalIssuer implements AutoCloseable {
    public static final String POOL_ID = "us-east-1_Contract1";
    public static final String CLIENT_ID = "contract-test-client";

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;

    private LocalIssuer(HttpServer server, RSAKey key, String issuer) {
        this.server = server;
        this.key = key;
        this.issuer = issuer;
    }

    public static LocalIssuer start(String address) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        String issuer = "http://" + address + ":" + server.getAddress().getPort() + "/" + POOL_ID;
        String configuration = new ObjectMapper()
                .writeValueAsString(Map.of(
                        "issuer",
                        issuer,
                        "jwks_uri",
                        issuer + "/.well-known/jwks.json",
                        "authorization_endpoint",
                        issuer + "/oauth2/authorize",
                        "token_endpoint",
                        issuer + "/oauth2/token",
                        "response_types_supported",
                        new String[] {"code", "token"},
                        "subject_types_supported",
                        new String[] {"public"},
                        "id_token_signing_alg_values_supported",
                        new String[] {"RS256"}));
        String keys = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/" + POOL_ID + "/.well-known/openid-configuration", ex -> json(ex, configuration));
        server.createContext("/" + POOL_ID + "/.well-known/jwks.json", ex -> json(ex, keys));
        server.start();
        return new LocalIssuer(server, key, issuer);
    }

    public String issuerUri() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    /** An access token as Cognito issues one for a signed-in user of the app client. */
    public String accessToken(String subject) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("client_id", CLIENT_ID)
                .claim("token_use", "access")
                .claim("scope", "openid email")
                .claim("username", subject)
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT token = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            token.sign(new RSASSASigner(key));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
