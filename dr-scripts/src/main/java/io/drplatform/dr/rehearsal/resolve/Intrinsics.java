package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.drplatform.dr.rehearsal.template.ContainerSpec;
import io.drplatform.dr.rehearsal.template.DatabaseInstance;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves one region stack's template values the way CloudFormation and ECS would at deploy time in that region,
 * with local stand-ins of the same kind in place of the AWS resources: literals, {@code Fn::Join}, {@code Fn::Sub},
 * pseudo parameters, {@code Ref} to secrets and to SSM-typed parameters, container secrets from Secrets Manager
 * (the environment's secrets and replicas, see {@link EnvironmentSecrets}) or Parameter Store, {@code Fn::GetAtt} on
 * the region's own database (writable or cross-region replica), the cache and a Cognito user pool, and
 * {@code {{resolve:...}}} dynamic references. Anything else is an error that names the variable and the
 * expression: no value is guessed, defaulted or dropped.
 */
public final class Intrinsics {
    /** Suffixes of the SSM parameters that publish the identity provider (PlatformParameters.AUTH_ISSUER_URI / AUTH_JWKS_URI). */
    static final String AUTH_ISSUER_URI = io.drplatform.manifest.contract.PlatformParameters.AUTH_ISSUER_URI;

    static final String AUTH_JWKS_URI = io.drplatform.manifest.contract.PlatformParameters.AUTH_JWKS_URI;
    private static final String SECRET_ARN = "arn:aws:secretsmanager:";
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:([a-z-]+):(.*?)}}");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final SynthesizedStack stack;
    private final EnvironmentSecrets secrets;
    private final LocalEndpoints endpoints;

    public Intrinsics(SynthesizedStack stack, EnvironmentSecrets secrets, LocalEndpoints endpoints) {
        this.stack = stack;
        this.secrets = secrets;
        this.endpoints = endpoints;
    }

    /** A value of the template, e.g. a resource property, named {@code what} in errors. */
    public String resolve(String what, JsonNode expression) {
        try {
            // CloudFormation resolves dynamic references in the final value, after the functions that build them.
            return dynamicReferences(value(expression));
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " = " + expression + ": " + e.getMessage(), e);
        }
    }

    /**
     * The environment ECS gives the container: its {@code Environment} values and its {@code Secrets}, each
     * {@code ValueFrom} read from the local secret. Every variable that cannot be resolved is reported at once.
     */
    public Map<String, String> environment(ContainerSpec container) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        container.environment().forEach((name, expression) -> {
            String value;
            try {
                value = resolve(name, expression);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                return;
            }
            try {
                // A secret's ARN passed as a value is read by the service itself: it must exist where it runs.
                if (value.startsWith(SECRET_ARN)) {
                    secrets.secretAt(stack.region(), value);
                }
                environment.put(name, value);
            } catch (IllegalArgumentException e) {
                problems.add(name + " = " + value + ": " + e.getMessage());
            }
        });
        container.secrets().forEach((name, valueFrom) -> {
            try {
                environment.put(name, secret(valueFrom));
            } catch (RuntimeException e) {
                problems.add(name + " (secret) = " + valueFrom + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(container.taskDefinitionId() + " container " + container.name()
                    + " has values with no local stand-in:\n  " + String.join("\n  ", problems));
        }
        return environment;
    }

    private String secret(JsonNode valueFrom) {
        String reference = value(valueFrom);
        if (reference.startsWith(SECRET_ARN)) {
            return secrets.valueFrom(stack.region(), reference);
        }
        // ECS also takes a Parameter Store parameter, by ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or name.
        int parameter = reference.indexOf(":parameter/");
        if (reference.startsWith("arn:aws:ssm:") && parameter > 0) {
            return ssmParameter(reference.substring(parameter + ":parameter".length()));
        }
        if (reference.startsWith("/")) {
            return ssmParameter(reference);
        }
        throw new IllegalArgumentException(
                "`" + reference + "` is neither a Secrets Manager secret nor an SSM parameter");
    }

    private String value(JsonNode expression) {
        if (expression.isTextual() || expression.isNumber() || expression.isBoolean()) {
            return expression.asText();
        }
        if (!expression.isObject() || expression.size() != 1) {
            throw new IllegalArgumentException("not a value or an intrinsic function: " + expression);
        }
        Map.Entry<String, JsonNode> function =
                expression.properties().iterator().next();
        JsonNode argument = function.getValue();
        return switch (function.getKey()) {
            case "Ref" -> ref(argument.asText());
            case "Fn::GetAtt" ->
                argument.isArray()
                        ? getAtt(argument.get(0).asText(), argument.get(1).asText())
                        : getAtt(
                                argument.asText().substring(0, argument.asText().indexOf('.')),
                                argument.asText().substring(argument.asText().indexOf('.') + 1));
            case "Fn::Join" -> join(argument);
            case "Fn::Sub" -> sub(argument);
            default ->
                throw new IllegalArgumentException("no local stand-in for " + function.getKey() + " in " + expression);
        };
    }

    private String join(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 2 || !argument.get(1).isArray()) {
            throw new IllegalArgumentException("Fn::Join needs [separator, [values]]: " + argument);
        }
        List<String> parts = new ArrayList<>();
        argument.get(1).forEach(part -> parts.add(value(part)));
        return String.join(argument.get(0).asText(), parts);
    }

    private String sub(JsonNode argument) {
        String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        if (argument.isArray() && argument.size() > 1) {
            argument.get(1).properties().forEach(v -> variables.put(v.getKey(), v.getValue()));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                replacement = value(variables.get(name));
            } else if (!name.startsWith("AWS::") && name.contains(".")) {
                replacement = getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
            } else {
                replacement = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return stack.region();
            case "AWS::AccountId":
                return stack.account();
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return stack.name();
            default:
                break;
        }
        JsonNode parameter = stack.parameter(name);
        if (!parameter.isMissingNode()) {
            if (!"AWS::SSM::Parameter::Value<String>"
                    .equals(parameter.path("Type").asText())) {
                throw new IllegalArgumentException(
                        "parameter " + name + " of type " + parameter.path("Type") + " has no local value");
            }
            return ssmParameter(parameter.path("Default").asText());
        }
        String type = stack.typeOf(name);
        return switch (type) {
            case "AWS::SecretsManager::Secret" ->
                secrets.secret(stack.name(), name).arn();
            // Ref to an attachment is the ARN of the secret it attaches.
            case "AWS::SecretsManager::SecretTargetAttachment" ->
                value(stack.resource(name).path("Properties").path("SecretId"));
            default -> throw new IllegalArgumentException("no local stand-in for Ref to " + type + " " + name);
        };
    }

    private String getAtt(String logicalId, String attribute) {
        JsonNode resource = stack.resource(logicalId);
        JsonNode props = resource.path("Properties");
        String type = resource.path("Type").asText();
        String key = type + " " + attribute;
        switch (key) {
            case "AWS::RDS::DBInstance Endpoint.Address":
            case "AWS::RDS::DBInstance Endpoint.Port":
                return databaseEndpoint(DatabaseInstance.read(logicalId, stack.region(), props), attribute);
            case "AWS::ElastiCache::ReplicationGroup PrimaryEndPoint.Address":
                return endpoints.cacheAddress();
            case "AWS::ElastiCache::ReplicationGroup PrimaryEndPoint.Port":
                return value(props.path("Port"));
            case "AWS::Cognito::UserPool ProviderURL":
                return endpoints.issuerUri();
            default:
                throw new IllegalArgumentException(
                        "no local stand-in for Fn::GetAtt " + attribute + " of " + type + " " + logicalId);
        }
    }

    /**
     * The region's own database is the local one: the writable instance, or the cross-region read replica, whose
     * endpoint is where the region's service connects in AWS too (and stays so after promotion). A reader in the
     * same region has no local counterpart.
     */
    private String databaseEndpoint(DatabaseInstance database, String attribute) {
        if (database.role() == DatabaseInstance.Role.IN_REGION_READ_REPLICA) {
            throw new IllegalArgumentException(database.logicalId() + " is a read replica in the region of its source;"
                    + " the local database of " + stack.region() + " stands for the region's own instance only");
        }
        return attribute.endsWith("Address") ? endpoints.databaseAddress() : Integer.toString(database.port());
    }

    private String ssmParameter(String parameterName) {
        if (parameterName.endsWith("/" + AUTH_ISSUER_URI)) {
            return endpoints.issuerUri();
        }
        if (parameterName.endsWith("/" + AUTH_JWKS_URI)) {
            return endpoints.jwksUri();
        }
        throw new IllegalArgumentException("no local value for SSM parameter " + parameterName);
    }

    private String dynamicReferences(String text) {
        Matcher m = DYNAMIC_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = switch (m.group(1)) {
                case "secretsmanager" -> secrets.dynamicReference(stack.region(), m.group(2));
                case "ssm" -> ssmParameter(m.group(2));
                default ->
                    throw new IllegalArgumentException("no local stand-in for the dynamic reference " + m.group());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
