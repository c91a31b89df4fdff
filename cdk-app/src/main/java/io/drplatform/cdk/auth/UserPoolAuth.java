package io.drplatform.cdk.auth;

import io.drplatform.manifest.model.UserPoolSpec;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.ManagedLoginVersion;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.constructs.Construct;

/**
 * A Cognito user pool for one application environment: e-mail sign-in, a password policy, optional or required TOTP
 * MFA, threat protection, a hosted sign-in domain, an app client for the web page (authorization code with PKCE, no
 * client secret in the browser) and one for machine callers (client credentials on the API's resource server).
 */
public class UserPoolAuth extends Construct {
    /** The scope machine callers ask for: create and read calculations. */
    public static final String API_SCOPE = "calculations";

    /**
     * @param name           pool name, {@code <application>-<environment>}
     * @param resourceServer identifier of the API's resource server (scopes are {@code <identifier>/<scope>})
     * @param retain         keep the pool (its users) when the stack is deleted, and protect it from deletion
     */
    public record Props(
            String name,
            UserPoolSpec spec,
            String domainPrefix,
            List<String> callbackUrls,
            List<String> logoutUrls,
            String resourceServer,
            boolean retain) {}

    private final UserPool pool;
    private final UserPoolDomain domain;
    private final UserPoolClient webClient;
    private final UserPoolClient machineClient;

    public UserPoolAuth(Construct scope, String id, Props props) {
        super(scope, id);
        UserPoolSpec spec = props.spec();
        String threatProtection = spec.threatProtectionOrDefault();
        this.pool = UserPool.Builder.create(this, "Pool")
                .userPoolName(props.name())
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .selfSignUpEnabled(spec.selfSignUpOrDefault())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(spec.passwordMinimumLengthOrDefault())
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(
                        switch (spec.mfaOrDefault()) {
                            case "required" -> Mfa.REQUIRED;
                            case "off" -> Mfa.OFF;
                            default -> Mfa.OPTIONAL;
                        })
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                // Threat protection (compromised credentials, risky sign-ins) is a Plus feature.
                .featurePlan("off".equals(threatProtection) ? FeaturePlan.ESSENTIALS : FeaturePlan.PLUS)
                .standardThreatProtectionMode(
                        switch (threatProtection) {
                            case "audit" -> StandardThreatProtectionMode.AUDIT_ONLY;
                            case "off" -> null;
                            default -> StandardThreatProtectionMode.FULL_FUNCTION;
                        })
                .deletionProtection(props.retain())
                .removalPolicy(props.retain() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();

        this.domain = pool.addDomain(
                "Domain",
                UserPoolDomainOptions.builder()
                        .cognitoDomain(CognitoDomainOptions.builder()
                                .domainPrefix(props.domainPrefix())
                                .build())
                        .managedLoginVersion(ManagedLoginVersion.CLASSIC_HOSTED_UI)
                        .build());

        ResourceServerScope calculations = ResourceServerScope.Builder.create()
                .scopeName(API_SCOPE)
                .scopeDescription("Create and read calculations")
                .build();
        UserPoolResourceServer api = pool.addResourceServer(
                "Api",
                UserPoolResourceServerOptions.builder()
                        .identifier(props.resourceServer())
                        .userPoolResourceServerName(props.name() + "-api")
                        .scopes(List.of(calculations))
                        .build());

        this.webClient = pool.addClient(
                "Web",
                UserPoolClientOptions.builder()
                        .userPoolClientName(props.name() + "-web")
                        .generateSecret(false) // a browser cannot keep a secret: authorization code with PKCE
                        .authFlows(AuthFlow.builder().userSrp(true).build())
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .scopes(List.of(
                                        OAuthScope.OPENID,
                                        OAuthScope.EMAIL,
                                        OAuthScope.PROFILE,
                                        OAuthScope.resourceServer(api, calculations)))
                                .callbackUrls(props.callbackUrls())
                                .logoutUrls(props.logoutUrls())
                                .build())
                        .preventUserExistenceErrors(true)
                        .enableTokenRevocation(true)
                        .accessTokenValidity(Duration.hours(1))
                        .idTokenValidity(Duration.hours(1))
                        .refreshTokenValidity(Duration.days(30))
                        .build());

        this.machineClient = pool.addClient(
                "Machine",
                UserPoolClientOptions.builder()
                        .userPoolClientName(props.name() + "-machine")
                        .generateSecret(true) // kept by Cognito; callers read it with DescribeUserPoolClient
                        .authFlows(AuthFlow.builder().build())
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .clientCredentials(true)
                                        .build())
                                .scopes(List.of(OAuthScope.resourceServer(api, calculations)))
                                .build())
                        .preventUserExistenceErrors(true)
                        .enableTokenRevocation(true)
                        .accessTokenValidity(Duration.hours(1))
                        .build());
    }

    /** {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}: the {@code iss} of the pool's tokens. */
    public String issuer() {
        // ProviderURL has no scheme: cognito-idp.<region>.amazonaws.com/<poolId>
        return "https://" + pool.getUserPoolProviderUrl();
    }

    public UserPool getPool() {
        return pool;
    }

    public UserPoolDomain getDomain() {
        return domain;
    }

    public UserPoolClient getWebClient() {
        return webClient;
    }

    public UserPoolClient getMachineClient() {
        return machineClient;
    }
}
