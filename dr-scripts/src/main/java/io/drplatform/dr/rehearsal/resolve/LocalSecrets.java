package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A value for every Secrets Manager secret of the stack, generated as Secrets Manager would from the secret's
 * {@code GenerateSecretString} (fixed keys from {@code SecretStringTemplate}, a random {@code GenerateStringKey}
 * honouring the character rules and length), with an ARN of the real shape. Answers the references ECS and
 * CloudFormation make to them: {@code <arn>}, {@code <arn>:<jsonKey>:<stage>:<versionId>} and dynamic references.
 */
public final class LocalSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Secret(String logicalId, String arn, String value) {}

    private final Map<String, Secret> byLogicalId;

    private LocalSecrets(Map<String, Secret> byLogicalId) {
        this.byLogicalId = byLogicalId;
    }

    public static LocalSecrets generate(SynthesizedStack stack) {
        Map<String, String> arns = new LinkedHashMap<>();
        stack.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, props) -> {
            String name = props.has("Name") ? props.path("Name").asText() : id;
            arns.put(
                    id,
                    "arn:aws:secretsmanager:" + stack.region() + ":" + stack.account() + ":secret:" + name + "-"
                            + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 6));
        });
        // Values second: a template may name another secret (the application user's names its master, `masterarn`).
        Map<String, Secret> secrets = new LinkedHashMap<>();
        stack.resourcesOfType("AWS::SecretsManager::Secret")
                .forEach((id, props) -> secrets.put(
                        id,
                        new Secret(
                                id, arns.get(id), value(id, props, reference -> secretArn(stack, arns, reference)))));
        return new LocalSecrets(secrets);
    }

    public Secret byLogicalId(String logicalId) {
        Secret secret = byLogicalId.get(logicalId);
        if (secret == null) {
            throw new IllegalStateException("no secret " + logicalId);
        }
        return secret;
    }

    /** An ECS {@code valueFrom}: the secret's ARN, optionally followed by {@code :jsonKey:versionStage:versionId}. */
    public String valueFrom(String reference) {
        Secret secret = secretAtStartOf(reference);
        String rest = reference.substring(secret.arn().length());
        if (rest.isEmpty()) {
            return secret.value();
        }
        String[] parts = rest.substring(1).split(":", -1);
        if (parts.length != 3 || !parts[1].isEmpty() || !parts[2].isEmpty()) {
            throw new IllegalArgumentException(
                    "`" + reference + "` is not <arn>:<jsonKey>:: (version stages and ids are" + " not modelled)");
        }
        return jsonKey(secret, parts[0]);
    }

    /** The part of {@code {{resolve:secretsmanager:...}}} after the service name. */
    public String dynamicReference(String reference) {
        Secret secret = secretAtStartOf(reference);
        String rest = reference.substring(secret.arn().length());
        if (rest.isEmpty() || rest.equals(":SecretString") || rest.equals(":SecretString:::")) {
            return secret.value();
        }
        String[] parts = rest.split(":", -1);
        if (parts.length != 5 || !parts[1].equals("SecretString") || !parts[3].isEmpty() || !parts[4].isEmpty()) {
            throw new IllegalArgumentException("`" + reference
                    + "` is not <arn>:SecretString:<jsonKey>:: (version stages" + " and ids are not modelled)");
        }
        return parts[2].isEmpty() ? secret.value() : jsonKey(secret, parts[2]);
    }

    private Secret secretAtStartOf(String reference) {
        return byLogicalId.values().stream()
                .filter(s -> reference.equals(s.arn()) || reference.startsWith(s.arn() + ":"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("`" + reference + "` names no secret of the stack"));
    }

    private static String jsonKey(Secret secret, String key) {
        try {
            JsonNode value = JSON.readTree(secret.value()).path(key);
            if (!value.isValueNode()) {
                throw new IllegalArgumentException("secret " + secret.logicalId() + " has no key `" + key + "`");
            }
            return value.asText();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "secret " + secret.logicalId() + " is not JSON, so it has no key `" + key + "`");
        }
    }

    /** The ARN a {@code Ref} to a secret, or to its attachment to a database, stands for. */
    private static String secretArn(SynthesizedStack stack, Map<String, String> arns, String logicalId) {
        String target = "AWS::SecretsManager::SecretTargetAttachment".equals(stack.typeOf(logicalId))
                ? stack.resource(logicalId)
                        .path("Properties")
                        .path("SecretId")
                        .path("Ref")
                        .asText()
                : logicalId;
        String arn = arns.get(target);
        if (arn == null) {
            throw new IllegalArgumentException(
                    "Ref " + logicalId + " in a secret template names no secret of the stack");
        }
        return arn;
    }

    /** A secret template: a JSON string, or a Fn::Join of strings and Refs to other secrets. */
    private static String templateText(JsonNode template, Function<String, String> secretArn) {
        if (template.isTextual()) {
            return template.asText();
        }
        JsonNode join = template.path("Fn::Join");
        if (join.isArray() && join.size() == 2 && join.get(1).isArray()) {
            List<String> parts = new ArrayList<>();
            join.get(1)
                    .forEach(part -> parts.add(
                            part.isTextual()
                                    ? part.asText()
                                    : part.has("Ref")
                                            ? secretArn.apply(part.path("Ref").asText())
                                            : templateText(part, secretArn)));
            return String.join(join.get(0).asText(), parts);
        }
        throw new IllegalArgumentException("no local stand-in for the secret template " + template);
    }

    private static String value(String id, JsonNode props, Function<String, String> secretArn) {
        JsonNode generate = props.path("GenerateSecretString");
        if (generate.isMissingNode()) {
            if (props.path("SecretString").isTextual()) {
                return props.path("SecretString").asText();
            }
            throw new IllegalStateException("secret " + id + " is neither generated nor a literal: " + props);
        }
        String generated =
                random(alphabet(generate), generate.path("PasswordLength").asInt(32));
        if (!generate.has("SecretStringTemplate")) {
            return generated;
        }
        try {
            ObjectNode template =
                    (ObjectNode) JSON.readTree(templateText(generate.path("SecretStringTemplate"), secretArn));
            template.put(generate.path("GenerateStringKey").asText(), generated);
            return JSON.writeValueAsString(template);
        } catch (IOException e) {
            throw new UncheckedIOException("secret " + id + " has a SecretStringTemplate that is not JSON", e);
        }
    }

    private static String alphabet(JsonNode rules) {
        StringBuilder alphabet = new StringBuilder();
        String excluded = rules.path("ExcludeCharacters").asText("");
        for (char c = '!'; c <= '~'; c++) {
            boolean punctuation = !Character.isLetterOrDigit(c);
            if (excluded.indexOf(c) >= 0
                    || (punctuation && rules.path("ExcludePunctuation").asBoolean(false))
                    || (Character.isUpperCase(c)
                            && rules.path("ExcludeUppercase").asBoolean(false))
                    || (Character.isLowerCase(c)
                            && rules.path("ExcludeLowercase").asBoolean(false))
                    || (Character.isDigit(c) && rules.path("ExcludeNumbers").asBoolean(false))) {
                continue;
            }
            alphabet.append(c);
        }
        if (rules.path("IncludeSpace").asBoolean(false)) {
            alphabet.append(' ');
        }
        return alphabet.toString();
    }

    private static String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
