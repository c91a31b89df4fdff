package io.drplatform.manifest;

/**
 * The identity provider the services trust: an OpenID Connect issuer, typically an Amazon Cognito user pool
 * ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>}). Services that list {@code auth} in
 * {@code connectsTo} get {@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI}. The platform does not create
 * the pool: a user pool is regional and a second pool in the standby region would hold different users, so one
 * pool (or an external IdP) serves both regions and is named here.
 */
public record AuthSpec(String issuerUri) {
}
