package io.drplatform.dr.rehearsal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.dr.rehearsal.template.ContainerIsolation;
import io.drplatform.dr.rehearsal.template.ContainerSpec;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolver stands in for CloudFormation and ECS: what it resolves must be right, what it cannot must fail. */
class IntrinsicsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalEndpoints LOCAL = new LocalEndpoints(
            "127.9.9.2", "127.9.9.3", "http://127.9.9.4:1/pool", "http://127.9.9.4:1/pool/.well-known/jwks.json");

    static SynthesizedStack stack() throws Exception {
        return new SynthesizedStack("app-production-us-east-1", "us-east-1", "123456789012", JSON.readTree("""
                {"Parameters": {
                   "Issuer": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/dr-platform/app/production/us-east-1/auth/issuer-uri"},
                   "Other": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/somewhere/else"}},
                 "Resources": {
                   "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Port": "5432", "MasterUsername": "app_admin",
                     "MasterUserPassword": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "Creds"}, ":SecretString:password::}}"]]}}},
                   "Replica": {"Type": "AWS::RDS::DBInstance", "Properties": {"SourceDBInstanceIdentifier": "x"}},
                   "Creds": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "app/credentials",
                     "GenerateSecretString": {"SecretStringTemplate": "{\\"username\\":\\"app_admin\\"}", "GenerateStringKey": "password",
                       "PasswordLength": 30, "ExcludeCharacters": " %+~`#$&*()|[]{}:;<>?!'/@\\"\\\\"}}},
                   "Attachment": {"Type": "AWS::SecretsManager::SecretTargetAttachment", "Properties": {"SecretId": {"Ref": "Creds"}}},
                   "Token": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {"ExcludePunctuation": true, "PasswordLength": 64}}},
                   "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {}}}}
                """));
    }

    @Test
    void resolvesEndpointsPseudoParametersSsmParametersAndSecretsToTheLocalStandIns() throws Exception {
        SynthesizedStack stack = stack();
        EnvironmentSecrets secrets = EnvironmentSecrets.generate(stack);
        Intrinsics values = new Intrinsics(stack, secrets, LOCAL);
        assertThat(values.resolve("URL", json("""
                {"Fn::Join": ["", ["r2dbc:postgresql://", {"Fn::GetAtt": ["Db", "Endpoint.Address"]}, ":5432/tco"]]}"""))).isEqualTo("r2dbc:postgresql://127.9.9.2:5432/tco");
        assertThat(values.resolve(
                        "SUB", json("{\"Fn::Sub\": \"${AWS::Region}.${AWS::URLSuffix}:${Db.Endpoint.Port}\"}")))
                .isEqualTo("us-east-1.amazonaws.com:5432");
        assertThat(values.resolve("ISSUER", json("{\"Ref\": \"Issuer\"}"))).isEqualTo(LOCAL.issuerUri());

        String password = values.resolve(
                "Db.MasterUserPassword", stack.resource("Db").path("Properties").path("MasterUserPassword"));
        assertThat(password).hasSize(30).doesNotContainPattern("[ %+~`#$&*()|\\[\\]{}:;<>?!'/@\"\\\\]");
        ContainerSpec container = new ContainerSpec(
                "Task",
                "api",
                Map.of(),
                Map.of(
                        "USER", json("{\"Fn::Join\": [\"\", [{\"Ref\": \"Attachment\"}, \":username::\"]]}"),
                        "PASSWORD", json("{\"Fn::Join\": [\"\", [{\"Ref\": \"Creds\"}, \":password::\"]]}"),
                        "TOKEN", json("{\"Ref\": \"Token\"}"),
                        "JWKS",
                                json(
                                        "\"arn:aws:ssm:us-east-1:123456789012:parameter/dr-platform/app/production/us-east-1/auth/jwks-uri\"")),
                java.util.List.of(),
                java.util.OptionalInt.empty(),
                ContainerIsolation.NONE);
        Map<String, String> environment = values.environment(container);
        assertThat(environment)
                .containsEntry("USER", "app_admin")
                .containsEntry("PASSWORD", password)
                .containsEntry("JWKS", LOCAL.jwksUri());
        assertThat(environment.get("TOKEN")).matches("[A-Za-z0-9]{64}");
        assertThat(secrets.secret(stack.name(), "Creds").arn())
                .matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/credentials-[A-Za-z0-9]{6}");
    }

    @Test
    void whatHasNoStandInFailsNamingTheVariableAndTheExpression() throws Exception {
        SynthesizedStack stack = stack();
        Intrinsics values = new Intrinsics(stack, EnvironmentSecrets.generate(stack), LOCAL);
        assertThatThrownBy(
                        () -> values.resolve("READER", json("{\"Fn::GetAtt\": [\"Replica\", \"Endpoint.Address\"]}")))
                .hasMessageContaining("READER = {\"Fn::GetAtt\":[\"Replica\",\"Endpoint.Address\"]}")
                .hasMessageContaining("read replica");
        assertThatThrownBy(() -> values.resolve("OTHER", json("{\"Ref\": \"Other\"}")))
                .hasMessageContaining("OTHER")
                .hasMessageContaining("/somewhere/else");
        assertThatThrownBy(() -> values.resolve("PICK", json("{\"Fn::Select\": [0, [\"a\"]]}")))
                .hasMessageContaining("PICK")
                .hasMessageContaining("Fn::Select");
        ContainerSpec container = new ContainerSpec(
                "Task",
                "api",
                Map.of("A", json("{\"Ref\": \"Task\"}")),
                Map.of("B", json("{\"Fn::Join\": [\"\", [{\"Ref\": \"Creds\"}, \":nokey::\"]]}")),
                java.util.List.of(),
                java.util.OptionalInt.empty(),
                ContainerIsolation.NONE);
        assertThatThrownBy(() -> values.environment(container))
                .hasMessageContaining("A = {\"Ref\":\"Task\"}: no local stand-in for Ref to AWS::ECS::TaskDefinition")
                .hasMessageContaining("B (secret)")
                .hasMessageContaining("no key `nokey`");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
