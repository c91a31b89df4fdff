package io.drplatform.dr.rehearsal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RS256 access tokens shaped as a Cognito user pool shapes them ({@code iss}, {@code sub}, {@code client_id},
 * {@code token_use=access}, {@code scope}, {@code username}, {@code auth_time}, {@code iat}, {@code exp},
 * {@code jti}), with the key of an issuer's key directory. It needs only the directory, not the issuer's process:
 * the DR tool mints its heartbeat tokens while the issuer runs detached.
 */
public final class TokenMinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final IssuerKeys keys;
    private final String issuerUri;

    private TokenMinter(IssuerKeys keys, String issuerUri) {
        this.keys = keys;
        this.issuerUri = issuerUri;
    }

    /** @param issuerUri the {@code iss} of every token, the URL the issuer serves its discovery document under */
    public static TokenMinter of(Path keyDirectory, String issuerUri) throws IOException {
        return new TokenMinter(IssuerKeys.load(keyDirectory), issuerUri);
    }

    /** A minter for the issuer running on the directory's key: the issuer URL is the one it wrote at start. */
    public static TokenMinter forRunningIssuer(Path keyDirectory) throws IOException {
        return of(keyDirectory, LocalIssuer.readIssuerUri(keyDirectory));
    }

    public String issuerUri() {
        return issuerUri;
    }

    public String keyId() {
        return keys.keyId();
    }

    /** An access token for a signed-in user of the app client, valid for {@code validity} from now. */
    public String accessToken(String subject, String clientId, String scope, Duration validity) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iss", issuerUri);
        claims.put("client_id", clientId);
        claims.put("origin_jti", UUID.randomUUID().toString());
        claims.put("token_use", "access");
        claims.put("scope", scope);
        claims.put("auth_time", now);
        claims.put("exp", now + validity.toSeconds());
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("username", subject);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", keys.keyId());
        header.put("alg", "RS256");
        String signingInput = part(header) + "." + part(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with the issuer's RSA key failed", e);
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
