package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.AuthSpec;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.UserPoolSpec;
import java.util.List;
import java.util.regex.Pattern;

/** Rules of the {@code auth} section: one identity provider, named or created, with values Cognito accepts. */
final class AuthRules extends SectionRules {
    private static final Pattern HTTPS_URI = Pattern.compile("https://[a-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9_.~-]+)*/?");
    /** Cognito accepts https, and plain http only for localhost (development sign-in). */
    private static final Pattern CALLBACK_URL =
            Pattern.compile("(https://[^\\s#]+|http://localhost(:[0-9]+)?(/[^\\s#]*)?)");

    private static final Pattern DOMAIN_PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final List<String> RESERVED_IN_PREFIX = List.of("aws", "amazon", "cognito");

    AuthRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        AuthSpec auth = d.auth();
        if (auth == null) {
            return;
        }
        if (auth.userPool() != null && (auth.issuerUri() != null || auth.jwksUri() != null)) {
            report.problem(
                    "/auth/userPool",
                    "names both a user pool for the platform to create and an external issuer",
                    "keep `userPool` to let the platform create a Cognito user pool, or `issuerUri` to trust your own provider");
        } else if (auth.userPool() == null && auth.issuerUri() == null) {
            report.problem(
                    "/auth",
                    "needs an identity provider: `userPool` (the platform creates a Cognito user pool) or "
                            + "`issuerUri` (an external OpenID Connect issuer)",
                    "e.g. `auth: {userPool: {}}`");
        }
        httpsUri(auth.issuerUri(), "/auth/issuerUri", "issuer");
        httpsUri(auth.jwksUri(), "/auth/jwksUri", "key-set");
        if (auth.jwksUri() != null && auth.issuerUri() == null && auth.userPool() == null) {
            report.problem("/auth/jwksUri", "a key set without an issuer", "add `issuerUri`, the `iss` of the tokens");
        }
        if (auth.userPool() != null) {
            checkUserPool(d, auth.userPool());
        }
    }

    private void checkUserPool(Deployment d, UserPoolSpec pool) {
        oneOf(pool.mfa(), UserPoolSpec.MFA_MODES, "/auth/userPool/mfa");
        oneOf(pool.threatProtection(), UserPoolSpec.THREAT_PROTECTION_MODES, "/auth/userPool/threatProtection");
        Integer length = pool.passwordMinimumLength();
        if (length != null && (length < 8 || length > 99)) {
            report.problem(
                    "/auth/userPool/passwordMinimumLength",
                    length + " is outside the 8-99 characters Cognito allows",
                    "12 or more is recommended");
        }
        if (d.name() != null && d.environment() != null) {
            String prefix = pool.domainPrefix(d);
            String pointer = pool.domainPrefix() != null ? "/auth/userPool/domainPrefix" : "/name";
            if (!DOMAIN_PREFIX.matcher(prefix).matches()) {
                report.problem(
                        "/auth/userPool/domainPrefix",
                        "`" + prefix + "` is not a valid sign-in domain prefix",
                        "use 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen");
            } else {
                RESERVED_IN_PREFIX.stream()
                        .filter(prefix::contains)
                        .findFirst()
                        .ifPresent(word -> report.problem(
                                pointer,
                                "the sign-in domain prefix `" + prefix + "` contains `" + word
                                        + "`, which Cognito reserves",
                                "set `auth.userPool.domainPrefix` to a prefix without it"));
            }
        }
        urls(pool.callbackUrls(), "/auth/userPool/callbackUrls");
        urls(pool.logoutUrls(), "/auth/userPool/logoutUrls");
    }

    private void httpsUri(String value, String pointer, String what) {
        if (value != null && !HTTPS_URI.matcher(value).matches()) {
            report.problem(pointer, "`" + value + "` is not an HTTPS " + what + " URI", null);
        }
    }

    private void oneOf(String value, List<String> allowed, String pointer) {
        if (value != null && !allowed.contains(value)) {
            report.problem(
                    pointer,
                    "`" + value + "` is not one of " + allowed,
                    Suggestions.hint(value, allowed).orElse(null));
        }
    }

    private void urls(List<String> values, String pointer) {
        if (values == null) {
            return;
        }
        if (values.isEmpty()) {
            report.problem(pointer, "is empty", "leave it out for the default, https://<dns.domainName>/");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !CALLBACK_URL.matcher(values.get(i)).matches()) {
                report.problem(
                        pointer + "/" + i,
                        "`" + values.get(i) + "` is not an https URL (http is allowed only for localhost)",
                        null);
            }
        }
    }
}
