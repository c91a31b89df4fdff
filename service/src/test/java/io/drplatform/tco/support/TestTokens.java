package io.drplatform.tco.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** A test RSA key whose public half the service trusts, and RS256 tokens signed with it (or with another key). */
public final class TestTokens {
    public static final String ISSUER = "https://issuer.test.drplatform.io";
    private static final KeyPair KEY = generate();
    private static final KeyPair OTHER_KEY = generate();
    private static Path publicKeyFile;

    private TestTokens() {}

    public static synchronized Path publicKeyPem() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("tco-test-jwt-", ".pub.pem");
                String b64 = Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(KEY.getPublic().getEncoded());
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
                publicKeyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /**
     * Serves the public key as a JWK set on loopback. With jwk-set-uri plus issuer-uri, Spring Boot validates the
     * issuer without OIDC discovery: the same shape as a Cognito user pool in AWS.
     */
    public static synchronized String jwkSetUri() {
        if (jwks == null) {
            try {
                var jwk = new com.nimbusds.jose.jwk.RSAKey.Builder(
                                (java.security.interfaces.RSAPublicKey) KEY.getPublic())
                        .keyID("test")
                        .algorithm(JWSAlgorithm.RS256)
                        .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
                        .build();
                byte[] body = new com.nimbusds.jose.jwk.JWKSet(jwk)
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                jwks = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
                jwks.createContext("/jwks.json", ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                    ex.close();
                });
                jwks.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
    }

    private static com.sun.net.httpserver.HttpServer jwks;

    public static String token(String subject) {
        return sign(KEY, subject, ISSUER, Instant.now().plusSeconds(3600));
    }

    public static String expired(String subject) {
        return sign(KEY, subject, ISSUER, Instant.now().minusSeconds(3600));
    }

    public static String wrongIssuer(String subject) {
        return sign(KEY, subject, "https://someone-else.example", Instant.now().plusSeconds(3600));
    }

    public static String foreignKey(String subject) {
        return sign(OTHER_KEY, subject, ISSUER, Instant.now().plusSeconds(3600));
    }

    private static String sign(KeyPair key, String subject, String issuer, Instant expires) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer(issuer)
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(expires))
                    .build();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
