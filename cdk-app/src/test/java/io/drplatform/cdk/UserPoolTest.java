package io.drplatform.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drplatform.manifest.model.EnvironmentName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The reference manifest's `auth: {userPool: {}}` in production: one pool in us-east-1 that both regions trust. */
class UserPoolTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = ReferenceApp.get().template(ReferenceApp.get().auth(EnvironmentName.PRODUCTION));
    }

    @Test
    void poolLivesInThePrimaryRegionAndSurvivesTheStackInProduction() {
        assertThat(ReferenceApp.get().auth(EnvironmentName.PRODUCTION).getRegion())
                .isEqualTo("us-east-1");
        template.hasResource(
                "AWS::Cognito::UserPool",
                Match.objectLike(Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Match.objectLike(Map.of("DeletionProtection", "ACTIVE")))));
    }

    @Test
    void signInIsByEmailWithAStrongPasswordOptionalTotpAndEnforcedThreatProtection() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Match.objectLike(Map.of(
                        "UsernameAttributes", List.of("email"),
                        "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
                        "Policies",
                                Map.of(
                                        "PasswordPolicy",
                                        Match.objectLike(Map.of(
                                                "MinimumLength",
                                                12,
                                                "RequireLowercase",
                                                true,
                                                "RequireUppercase",
                                                true,
                                                "RequireNumbers",
                                                true,
                                                "RequireSymbols",
                                                true))),
                        "MfaConfiguration", "OPTIONAL",
                        "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"),
                        "UserPoolTier", "PLUS",
                        "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolDomain",
                Map.of(
                        "Domain",
                        "tco-calculator-production",
                        "ManagedLoginVersion",
                        1,
                        "UserPoolId",
                        Match.anyValue()));
    }

    @Test
    void theWebClientHasNoSecretAndUsesTheCodeFlowWhileMachinesUseClientCredentials() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Match.objectLike(Map.of(
                        "ClientName",
                        "tco-calculator-production-web",
                        "GenerateSecret",
                        false,
                        "AllowedOAuthFlows",
                        List.of("code"),
                        "CallbackURLs",
                        List.of("https://tco.example.com/"),
                        "PreventUserExistenceErrors",
                        "ENABLED")));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Match.objectLike(Map.of(
                        "ClientName",
                        "tco-calculator-production-machine",
                        "GenerateSecret",
                        true,
                        "AllowedOAuthFlows",
                        List.of("client_credentials"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolResourceServer",
                Match.objectLike(Map.of("Identifier", "https://tco.example.com/api")));
    }

    @Test
    void theIssuerIsPublishedInBothRegionsAndOnlyThoseParametersMayBeWrittenRemotely() {
        for (String key : List.of("issuer-uri", "jwks-uri")) {
            template.hasResourceProperties(
                    "AWS::SSM::Parameter",
                    Match.objectLike(Map.of("Name", "/dr-platform/tco-calculator/production/us-east-1/auth/" + key)));
            template.hasResourceProperties(
                    "Custom::AWS",
                    Match.objectLike(Map.of(
                            "Create",
                            Match.objectLike(Map.of(
                                    "Fn::Join",
                                    List.of(
                                            "",
                                            Match.arrayWith(List.of(Match.stringLikeRegexp(
                                                    "\\{\"action\":\"putParameter\".*\"Name\":\"/dr-platform/tco-calculator/production/us-west-2/auth/"
                                                            + key + "\".*")))))))));
            template.hasResourceProperties(
                    "AWS::IAM::Policy",
                    Match.objectLike(Map.of(
                            "PolicyDocument",
                            Map.of(
                                    "Version",
                                    "2012-10-17",
                                    "Statement",
                                    List.of(Map.of(
                                            "Effect",
                                            "Allow",
                                            "Action",
                                            List.of("ssm:DeleteParameter", "ssm:PutParameter"),
                                            "Resource",
                                            "arn:aws:ssm:us-west-2:123456789012:parameter/dr-platform/tco-calculator/production/us-west-2/auth/"
                                                    + key))))));
        }
    }

    @Test
    void bothRegionStacksDeployAfterThePool() {
        ReferenceApp app = ReferenceApp.get();
        assertThat(app.primary(EnvironmentName.PRODUCTION).getDependencies())
                .contains(app.auth(EnvironmentName.PRODUCTION));
        assertThat(app.standby(EnvironmentName.PRODUCTION).getDependencies())
                .contains(app.auth(EnvironmentName.PRODUCTION));
    }
}
