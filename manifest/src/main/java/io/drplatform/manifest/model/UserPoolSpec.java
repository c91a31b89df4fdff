package io.drplatform.manifest.model;

import java.util.List;

/**
 * A Cognito user pool the platform creates for one environment, with an app client for the web page (authorization
 * code with PKCE, no secret), an app client for machine callers (client credentials) and a hosted sign-in domain.
 * Unset values take the defaults below, so {@code userPool: {}} is a complete, secure pool.
 *
 * @param mfa                   {@code off}, {@code optional} (users may add a TOTP app; the default) or {@code required}
 * @param passwordMinimumLength 8-99 characters (default 12); upper and lower case, digits and symbols are required
 * @param selfSignUp            whether anyone may create an account (default false: administrators invite users)
 * @param threatProtection      Cognito threat protection: {@code enforced} (default; blocks risky sign-ins),
 *                              {@code audit} (only reports) or {@code off}; anything but off needs the Plus feature plan
 * @param domainPrefix          prefix of the hosted sign-in domain {@code <prefix>.auth.<region>.amazoncognito.com};
 *                              default {@code <name>-<environment>}
 * @param callbackUrls          where sign-in returns to; default {@code https://<dns.domainName>/}
 * @param logoutUrls            where sign-out returns to; default {@code https://<dns.domainName>/}
 */
public record UserPoolSpec(
        String mfa,
        Integer passwordMinimumLength,
        Boolean selfSignUp,
        String threatProtection,
        String domainPrefix,
        List<String> callbackUrls,
        List<String> logoutUrls) {

    public static final List<String> MFA_MODES = List.of("off", "optional", "required");
    public static final List<String> THREAT_PROTECTION_MODES = List.of("enforced", "audit", "off");

    public String mfaOrDefault() {
        return mfa == null ? "optional" : mfa;
    }

    public int passwordMinimumLengthOrDefault() {
        return passwordMinimumLength == null ? 12 : passwordMinimumLength;
    }

    public boolean selfSignUpOrDefault() {
        return Boolean.TRUE.equals(selfSignUp);
    }

    public String threatProtectionOrDefault() {
        return threatProtection == null ? "enforced" : threatProtection;
    }

    public String domainPrefix(Deployment deployment) {
        return domainPrefix != null ? domainPrefix : deployment.qualifiedName();
    }

    public List<String> callbackUrls(Deployment deployment) {
        return callbackUrls != null ? callbackUrls : List.of(siteUrl(deployment));
    }

    public List<String> logoutUrls(Deployment deployment) {
        return logoutUrls != null ? logoutUrls : List.of(siteUrl(deployment));
    }

    private static String siteUrl(Deployment deployment) {
        CdnSpec cdn = deployment.cdn();
        return "https://"
                + (cdn != null && cdn.domainName() != null
                        ? cdn.domainName()
                        : deployment.dns().domainName()) + "/";
    }
}
