package io.drplatform.manifest.model;

/**
 * The identity provider the services trust. Either the platform creates an Amazon Cognito user pool for the
 * environment ({@code userPool}), or the manifest names an external OpenID Connect issuer ({@code issuerUri}, with
 * {@code jwksUri} when its key set is not at {@code <issuer>/.well-known/jwks.json}).
 *
 * <p>Services that list {@code auth} in {@code connectsTo} get the issuer and its key-set URL. A user pool is
 * regional and Cognito does not replicate it, so one pool in the manifest's primary region serves both regions: tokens
 * stay valid across a failover, and while that region is down sign-in stops but services keep verifying tokens with
 * the keys they cached.
 */
public record AuthSpec(String issuerUri, String jwksUri, UserPoolSpec userPool) {

    /** Where the conventional OIDC key set of an issuer lives (Cognito's, and most providers'). */
    public static String defaultJwksUri(String issuer) {
        return issuer + "/.well-known/jwks.json";
    }

    public boolean platformUserPool() {
        return userPool != null;
    }

    /** The external issuer's key set: the manifest's {@code jwksUri}, else the conventional location. */
    public String externalJwksUri() {
        return jwksUri != null ? jwksUri : defaultJwksUri(issuerUri);
    }
}
