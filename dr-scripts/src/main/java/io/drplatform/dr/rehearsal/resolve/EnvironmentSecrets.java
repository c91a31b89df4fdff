package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drplatform.dr.rehearsal.assembly.EnvironmentTemplates;
import io.drplatform.dr.rehearsal.template.SynthesizedStack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A value for every Secrets Manager secret of an environment's region stacks, generated once (see
 * {@link SecretGenerator}) and kept in a file ({@link SecretsFile}) so that every process of a rehearsal resolves the
 * same values. Each secret lives in its stack's region under an ARN of the real shape, and, like a Secrets Manager
 * replica, in each of its {@code ReplicaRegions} with the same name, suffix and value. References are answered as
 * ECS and CloudFormation answer them in a region: full or partial ARN, {@code :jsonKey::}, dynamic references.
 */
public final class EnvironmentSecrets {
    static final String ATTACHMENT = "AWS::SecretsManager::SecretTargetAttachment";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One secret: its stack and logical id, its name, the account and region it is created in, the six characters
     * appended to its name in its ARN, the regions it is replicated to and its value.
     */
    public record Secret(
            String stack,
            String logicalId,
            String name,
            String account,
            String region,
            String suffix,
            List<String> replicaRegions,
            String value) {

        public Secret {
            replicaRegions = List.copyOf(replicaRegions);
        }

        /** The ARN in the region it is created in, which a {@code Ref} to it returns. */
        public String arn() {
            return arnIn(region);
        }

        /** The ARN of the secret, or of its replica, in {@code inRegion}. */
        public String arnIn(String inRegion) {
            return secretArn(inRegion, account, name, suffix);
        }

        SecretDeclaration.Place place() {
            return new SecretDeclaration.Place(stack, logicalId, name, account, region, replicaRegions);
        }
    }

    private final List<Secret> secrets;
    /** Region, then name with and without the suffix, to the secret or replica there. */
    private final Map<String, Map<String, Secret>> byRegion = new LinkedHashMap<>();

    EnvironmentSecrets(List<Secret> secrets) {
        this.secrets = List.copyOf(secrets);
        for (Secret secret : this.secrets) {
            List<String> regions = new ArrayList<>(List.of(secret.region()));
            regions.addAll(secret.replicaRegions());
            for (String region : regions) {
                Map<String, Secret> names = byRegion.computeIfAbsent(region, r -> new LinkedHashMap<>());
                // Secrets Manager refuses a second secret, or a replica, of a name that exists in the region.
                Secret other = names.put(secret.name(), secret);
                if (other != null) {
                    throw new IllegalStateException("two secrets named " + secret.name() + " in " + region + ": "
                            + describe(other) + " and " + describe(secret));
                }
                names.put(secret.name() + "-" + secret.suffix(), secret);
            }
        }
    }

    /** The secrets of an environment's region stacks. */
    public static EnvironmentSecrets generate(EnvironmentTemplates environment) {
        return generate(stacksOf(environment));
    }

    private static List<SynthesizedStack> stacksOf(EnvironmentTemplates environment) {
        return environment.regions().stream()
                .map(region -> region.template().stack())
                .toList();
    }

    /** The secrets of one stack, for a rehearsal of a single stack. */
    public static EnvironmentSecrets generate(SynthesizedStack stack) {
        return generate(List.of(stack));
    }

    public static EnvironmentSecrets generate(List<SynthesizedStack> stacks) {
        List<Secret> secrets = new ArrayList<>();
        for (SynthesizedStack stack : stacks) {
            List<SecretDeclaration> declared = SecretDeclaration.of(stack);
            Map<String, String> suffixes = new LinkedHashMap<>();
            declared.forEach(d -> suffixes.put(d.logicalId(), SecretGenerator.arnSuffix()));
            // Suffixes first: a secret's template may name another secret of the stack by its ARN.
            for (SecretDeclaration secret : declared) {
                secrets.add(new Secret(
                        stack.name(),
                        secret.logicalId(),
                        secret.name(),
                        stack.account(),
                        stack.region(),
                        suffixes.get(secret.logicalId()),
                        secret.replicaRegions(),
                        SecretGenerator.value(
                                secret.logicalId(),
                                secret.properties(),
                                ref -> refInTemplate(stack, declared, suffixes, ref))));
            }
        }
        return new EnvironmentSecrets(secrets);
    }

    /**
     * The secrets kept in {@code file}, or, if there is none yet, new ones for {@code environment}'s region stacks,
     * written there first. Kept secrets made for other templates (a secret added, renamed or moved) are refused.
     */
    public static EnvironmentSecrets loadOrGenerate(Path file, EnvironmentTemplates environment) {
        return loadOrGenerate(file, stacksOf(environment));
    }

    public static EnvironmentSecrets loadOrGenerate(Path file, List<SynthesizedStack> stacks) {
        return SecretsFile.loadOrCreate(file, () -> generate(stacks), kept -> kept.requireMatches(stacks));
    }

    /** Reads secrets written by {@link #save}. */
    public static EnvironmentSecrets load(Path file) {
        return SecretsFile.read(file);
    }

    /** Writes the secrets to {@code file}, readable by the owner only, replacing it atomically. */
    public void save(Path file) {
        SecretsFile.write(file, this);
    }

    /** Fails unless these are the secrets the stacks declare, where they declare them. */
    public void requireMatches(List<SynthesizedStack> stacks) {
        Set<SecretDeclaration.Place> declared = new LinkedHashSet<>();
        stacks.forEach(stack -> SecretDeclaration.of(stack).forEach(d -> declared.add(d.place())));
        Set<SecretDeclaration.Place> kept = new LinkedHashSet<>();
        secrets.forEach(secret -> kept.add(secret.place()));
        if (!declared.equals(kept)) {
            Set<SecretDeclaration.Place> missing = new LinkedHashSet<>(declared);
            missing.removeAll(kept);
            Set<SecretDeclaration.Place> extra = new LinkedHashSet<>(kept);
            extra.removeAll(declared);
            throw new IllegalStateException("the kept secrets are not those of the templates: the templates declare "
                    + missing + ", which are not kept; kept " + extra + ", which the templates do not declare");
        }
    }

    public List<Secret> secrets() {
        return secrets;
    }

    /** The secret a stack declares under {@code logicalId}. */
    public Secret secret(String stack, String logicalId) {
        return secrets.stream()
                .filter(s -> s.stack().equals(stack) && s.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no secret " + logicalId + " of " + stack));
    }

    /**
     * The secret a reference made in {@code region} names (anything after its id is ignored): by ARN in the ARN's
     * region, by name in {@code region}. A secret that exists elsewhere but is not replicated there is an error
     * naming it.
     */
    public Secret secretAt(String region, String reference) {
        return find(SecretReference.parse(reference, region));
    }

    /** An ECS {@code valueFrom} in {@code region}: a secret, optionally followed by {@code :jsonKey:versionStage:versionId}. */
    public String valueFrom(String region, String reference) {
        SecretReference parsed = SecretReference.parse(reference, region);
        Secret secret = find(parsed);
        if (parsed.rest().isEmpty()) {
            return secret.value();
        }
        String[] parts = parsed.rest().split(":", -1);
        if (parts.length != 3 || !parts[1].isEmpty() || !parts[2].isEmpty()) {
            throw new IllegalArgumentException(
                    "`" + reference + "` is not <secret>:<jsonKey>:: (version stages and ids are not modelled)");
        }
        return parts[0].isEmpty() ? secret.value() : jsonKey(secret, parts[0]);
    }

    /** The part of {@code {{resolve:secretsmanager:...}}} after the service name, resolved in {@code region}. */
    public String dynamicReference(String region, String reference) {
        SecretReference parsed = SecretReference.parse(reference, region);
        Secret secret = find(parsed);
        String[] parts = parsed.rest().split(":", -1);
        if (parsed.rest().isEmpty()) {
            return secret.value();
        }
        if (!parts[0].equals("SecretString")
                || parts.length > 4
                || (parts.length > 2 && !parts[2].isEmpty())
                || (parts.length > 3 && !parts[3].isEmpty())) {
            throw new IllegalArgumentException("`" + reference
                    + "` is not <secret>:SecretString:<jsonKey>:: (version stages and ids are not modelled)");
        }
        return parts.length < 2 || parts[1].isEmpty() ? secret.value() : jsonKey(secret, parts[1]);
    }

    private Secret find(SecretReference reference) {
        Map<String, Secret> names = byRegion.getOrDefault(reference.region(), Map.of());
        Secret secret = names.get(reference.id());
        if (secret == null) {
            Optional<Secret> elsewhere = secrets.stream()
                    .filter(s ->
                            reference.id().equals(s.name()) || reference.id().equals(s.name() + "-" + s.suffix()))
                    .findFirst();
            throw new IllegalArgumentException(elsewhere
                    .map(s -> "secret " + s.name() + " (" + describe(s) + ") is not in " + reference.region()
                            + ": it is created in " + s.region() + " and replicated to "
                            + (s.replicaRegions().isEmpty() ? "no region" : s.replicaRegions()))
                    .orElse("`" + reference.text() + "` names no secret of the environment's stacks in "
                            + reference.region()));
        }
        if (reference.account() != null && !reference.account().equals(secret.account())) {
            throw new IllegalArgumentException("`" + reference.text() + "` names account " + reference.account()
                    + ", but secret " + secret.name() + " is in " + secret.account());
        }
        return secret;
    }

    private static String jsonKey(Secret secret, String key) {
        JsonNode value;
        try {
            value = JSON.readTree(secret.value()).path(key);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "secret " + secret.name() + " is not JSON, so it has no key `" + key + "`");
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("secret " + secret.name() + " has no key `" + key + "`");
        }
        return value.asText();
    }

    private static String describe(Secret secret) {
        return secret.logicalId() + " of " + secret.stack();
    }

    /** The ARN a {@code Ref} to a secret, or to its attachment to a database, stands for in a secret's template. */
    private static String refInTemplate(
            SynthesizedStack stack, List<SecretDeclaration> declared, Map<String, String> suffixes, String logicalId) {
        String target = ATTACHMENT.equals(stack.typeOf(logicalId))
                ? stack.resource(logicalId)
                        .path("Properties")
                        .path("SecretId")
                        .path("Ref")
                        .asText()
                : logicalId;
        SecretDeclaration secret = declared.stream()
                .filter(d -> d.logicalId().equals(target))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Ref " + logicalId + " in a secret template names no secret of " + stack.name()));
        return secretArn(stack.region(), stack.account(), secret.name(), suffixes.get(target));
    }

    private static String secretArn(String region, String account, String name, String suffix) {
        return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-" + suffix;
    }
}
