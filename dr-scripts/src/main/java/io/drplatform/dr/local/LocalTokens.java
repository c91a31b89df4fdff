package io.drplatform.dr.local;

import io.drplatform.dr.rehearsal.edge.IssuerKeys;
import io.drplatform.dr.rehearsal.edge.LocalIssuer;
import io.drplatform.dr.rehearsal.edge.TokenMinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The local pair's own JWT issuer: an RSA key made at {@code dr local up} in the state directory's issuer key
 * directory; the service instances trust its public key (spring.security.oauth2.resourceserver.jwt.public-key-location)
 * and the heartbeat signs RS256 tokens with it. When a local issuer runs on that directory, the tokens name it as
 * their issuer.
 */
public final class LocalTokens {
    static final String SUBJECT = "dr-heartbeat";
    static final String CLIENT_ID = "dr-heartbeat";
    private static final String NO_RUNNING_ISSUER = "dr-local";

    private LocalTokens() {}

    static Path keyDirectory(LocalState state) {
        return state.base().resolve("issuer");
    }

    static Path publicKeyPem(LocalState state) {
        return IssuerKeys.publicKeyFile(keyDirectory(state));
    }

    static void create(LocalState state) throws IOException, GeneralSecurityException {
        IssuerKeys.create(keyDirectory(state));
    }

    public static String mint(LocalState state, Duration validity) throws IOException, GeneralSecurityException {
        Path keys = keyDirectory(state);
        TokenMinter minter = Files.exists(keys.resolve(LocalIssuer.ISSUER_URI_FILE))
                ? TokenMinter.forRunningIssuer(keys)
                : TokenMinter.of(keys, NO_RUNNING_ISSUER);
        return minter.accessToken(SUBJECT, CLIENT_ID, "openid", validity);
    }
}
