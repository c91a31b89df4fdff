package io.drplatform.manifest.validation;

import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a service's containers are given: plain variables that are not secrets, secrets by reference, a migration
 * command, and connections to sections the manifest has, without overriding what the platform sets itself (under
 * neutral names: {@link ConnectionNamingRules}).
 */
final class ServiceSettingRules extends SectionRules {
    private static final Pattern ENV_VAR = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_LIKE =
            Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL).*");

    private final ConnectionNamingRules naming;

    ServiceSettingRules(ProblemReport report) {
        super(report);
        this.naming = new ConnectionNamingRules(report);
    }

    void check(Deployment d, ServiceSpec s, String at) {
        Set<String> declared = new HashSet<>();
        checkEnvironment(s, at, declared);
        checkSecrets(s, at, declared);
        checkMigrations(s, at);
        checkConnections(d, s, at);
        naming.check(s, at);
        refusePlatformNames(s, at, declared);
    }

    private void checkEnvironment(ServiceSpec s, String at, Set<String> declared) {
        if (s.environment() == null) {
            return;
        }
        s.environment().forEach((name, value) -> {
            String pointer = at + "/environment/" + Pointers.escape(name);
            variableName(name, pointer);
            declared.add(name);
            if (SECRET_LIKE.matcher(name).matches()) {
                report.problem(
                        pointer,
                        "`" + name
                                + "` looks like a secret, and plain environment values are stored in clear text in the task definition",
                        "move it to `secrets: {" + name + ": {name: <Secrets Manager secret name>}}`");
            }
        });
    }

    private void checkSecrets(ServiceSpec s, String at, Set<String> declared) {
        if (s.secrets() == null) {
            return;
        }
        s.secrets().forEach((name, ref) -> {
            String pointer = at + "/secrets/" + Pointers.escape(name);
            variableName(name, pointer);
            if (!declared.add(name)) {
                report.problem(
                        pointer,
                        "`" + name + "` is set both as a plain variable and as a secret",
                        "keep only the secret");
            }
            if (ref == null
                    || ref.name() == null
                    || !SECRET_NAME.matcher(ref.name()).matches()) {
                report.problem(
                        pointer + "/name",
                        "needs the name of a Secrets Manager secret",
                        "e.g. `{name: tco/jwt-signing-key}`");
            }
        });
    }

    private void checkMigrations(ServiceSpec s, String at) {
        if (s.migrations() == null) {
            return;
        }
        List<String> command = s.migrations().command();
        if (command == null || command.isEmpty() || command.stream().anyMatch(c -> c == null || c.isBlank())) {
            report.problem(
                    at + "/migrations/command",
                    "needs the container command that migrates the schema",
                    "e.g. `migrations: {command: [migrate]}`");
        }
        if (!s.connectsTo(ServiceSpec.DATABASE)) {
            report.problem(
                    at + "/migrations",
                    "a migration needs the database, but the service does not connect to it",
                    "add `database` to `connectsTo`");
        }
    }

    private void checkConnections(Deployment d, ServiceSpec s, String at) {
        if (s.connectsTo() == null) {
            return;
        }
        for (int i = 0; i < s.connectsTo().size(); i++) {
            String target = s.connectsTo().get(i);
            String pointer = at + "/connectsTo/" + i;
            if (!ServiceSpec.CONNECTABLE.contains(target)) {
                report.problem(
                        pointer,
                        "`" + target + "` is not something a service can connect to",
                        Suggestions.hint(target, ServiceSpec.CONNECTABLE)
                                .orElse("use " + Suggestions.alternatives(ServiceSpec.CONNECTABLE)));
            } else if ((ServiceSpec.DATABASE.equals(target) && d.database() == null)
                    || (ServiceSpec.CACHE.equals(target) && d.cache() == null)
                    || (ServiceSpec.AUTH.equals(target) && d.auth() == null)) {
                report.problem(
                        pointer,
                        "the service connects to the " + target + " but the manifest has no `" + target + "` section",
                        null);
            }
        }
    }

    private void refusePlatformNames(ServiceSpec s, String at, Set<String> declared) {
        boolean connects = s.connectsTo() != null && !s.connectsTo().isEmpty();
        // Neutral names are checked by ConnectionNamingRules, against the names the service is actually given.
        if ((connects && !s.neutralNaming()) || s.publishesMetricsToCloudWatch()) {
            for (String name : declared) {
                if (ContainerVariables.ALL.contains(name)) {
                    report.problem(
                            at,
                            "`" + name
                                    + "` is set by the platform for services that connect to a database, cache or identity provider"
                                    + " or publish metrics to CloudWatch",
                            "remove it from environment/secrets");
                }
            }
        }
    }

    private void variableName(String name, String pointer) {
        if (!ENV_VAR.matcher(name).matches()) {
            report.problem(
                    pointer,
                    "`" + name + "` is not a portable environment variable name",
                    "use upper-case letters, digits and underscores");
        }
    }
}
