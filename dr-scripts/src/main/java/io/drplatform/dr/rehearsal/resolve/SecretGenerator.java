package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Secret values as Secrets Manager generates them from a secret's {@code GenerateSecretString}: fixed keys from
 * {@code SecretStringTemplate}, a random {@code GenerateStringKey} honouring the character rules and length; and the
 * six random characters Secrets Manager appends to a secret's name in its ARN.
 */
final class SecretGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private SecretGenerator() {}

    static String arnSuffix() {
        return random(ARN_SUFFIX_ALPHABET, 6);
    }

    /**
     * The value of the secret {@code id} with properties {@code props}; {@code secretArn} gives the ARN a
     * {@code Ref} in its template stands for (the application user's template names its master, {@code masterarn}).
     */
    static String value(String id, JsonNode props, Function<String, String> secretArn) {
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
