package io.drplatform.dr.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The local pair's own JWT issuer: an RSA key made at {@code dr local up}; the service instances trust its public
 * key (spring.security.oauth2.resourceserver.jwt.public-key-location) and the heartbeat signs RS256 tokens with it.
 */
public final class LocalTokens {
    static final String SUBJECT = "dr-heartbeat";

    private LocalTokens() {}

    static Path privateKey(LocalState state) {
        return state.base().resolve("jwt-private.der");
    }

    static Path publicKeyPem(LocalState state) {
        return state.base().resolve("jwt-public.pem");
    }

    static void create(LocalState state) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.write(privateKey(state), pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(publicKeyPem(state), pem);
    }

    public static String mint(LocalState state, Duration validity) throws IOException, GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateKey(state))));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"dr-local\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + SUBJECT + "\",\"iss\":\"dr-local\",\"iat\":" + now
                        + ",\"exp\":" + (now + validity.toSeconds()) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(rsa.sign());
    }
}
