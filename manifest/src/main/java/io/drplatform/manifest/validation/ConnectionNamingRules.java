package io.drplatform.manifest.validation;

import io.drplatform.manifest.contract.ContainerVariables;
import io.drplatform.manifest.contract.NeutralVariables;
import io.drplatform.manifest.model.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A service's {@code connectionVariables}: only with {@code neutral} naming, each key a neutral name of something the
 * service connects to, each target a portable variable name; and no name the platform sets on the service (after
 * renaming) also set by the service itself or given to two settings.
 */
final class ConnectionNamingRules extends SectionRules {
    private static final Pattern ENV_VAR = Pattern.compile("[A-Z_][A-Z0-9_]*");

    ConnectionNamingRules(ProblemReport report) {
        super(report);
    }

    void check(ServiceSpec s, String at) {
        Map<String, String> renames = s.connectionVariables() == null ? Map.of() : s.connectionVariables();
        if (!renames.isEmpty() && !s.neutralNaming()) {
            report.problem(
                    at + "/connectionVariables",
                    "renames the neutral connection variables, but the service has `connectionNaming: "
                            + s.connectionNaming() + "`",
                    "add `connectionNaming: neutral`, or remove `connectionVariables`");
            return;
        }
        if (!s.neutralNaming()) {
            return;
        }
        renames.forEach(
                (name, target) -> checkRename(s, at + "/connectionVariables/" + Pointers.escape(name), name, target));
        checkCollisions(s, at);
    }

    private void checkRename(ServiceSpec s, String pointer, String name, String target) {
        String resource = NeutralVariables.resourceOf(name);
        if (resource == null) {
            report.problem(
                    pointer,
                    "`" + name + "` is not a connection variable the platform sets",
                    Suggestions.hint(name, NeutralVariables.ALL)
                            .orElse("use one of " + String.join(", ", NeutralVariables.ALL)));
        } else if (!s.connectsTo(resource)) {
            report.problem(
                    pointer,
                    "`" + name + "` is set only for services that connect to the " + resource,
                    "add `" + resource + "` to `connectsTo`, or remove this entry");
        }
        if (target == null || !ENV_VAR.matcher(target).matches()) {
            report.problem(
                    pointer,
                    "`" + target + "` is not a portable environment variable name",
                    "use upper-case letters, digits and underscores");
        }
    }

    /** Every name the platform sets on the service, against the service's own names and against each other. */
    private void checkCollisions(ServiceSpec s, String at) {
        Map<String, String> setBy = new LinkedHashMap<>();
        NeutralVariables.FIXED.stream()
                .filter(name -> s.connectsTo(ServiceSpec.DATABASE)
                        || !name.equals(ContainerVariables.DATABASE_CREDENTIALS_SECRET_ARN))
                .forEach(name -> setBy.put(name, name));
        for (String resource : ServiceSpec.CONNECTABLE) {
            if (!s.connectsTo(resource)) {
                continue;
            }
            for (String name : NeutralVariables.BY_RESOURCE.get(resource)) {
                String given = s.variable(name);
                String other = setBy.putIfAbsent(given, name);
                if (other != null) {
                    report.problem(
                            renamed(s, name) || !renamed(s, other) ? pointerOf(s, at, name) : pointerOf(s, at, other),
                            "`" + given + "` would hold both " + describe(other, given) + " and `" + name + "`",
                            "give each connection variable a name of its own");
                }
            }
        }
        own(s, at, "environment", s.environment(), setBy);
        own(s, at, "secrets", s.secrets(), setBy);
    }

    private void own(ServiceSpec s, String at, String section, Map<String, ?> declared, Map<String, String> setBy) {
        if (declared == null) {
            return;
        }
        for (String name : declared.keySet()) {
            String platformName = setBy.get(name);
            if (platformName != null) {
                report.problem(
                        at + "/" + section + "/" + Pointers.escape(name),
                        "`" + name + "` is set by the platform"
                                + (platformName.equals(name) ? "" : " (it holds `" + platformName + "`)")
                                + " for this service",
                        NeutralVariables.ALL.contains(platformName)
                                ? "remove it, or give the platform's `" + platformName
                                        + "` another name in `connectionVariables`"
                                : "remove it from " + section);
            }
        }
    }

    private static boolean renamed(ServiceSpec s, String name) {
        return s.connectionVariables() != null && s.connectionVariables().containsKey(name);
    }

    /** A rename's own entry where the service renamed the variable, else the service. */
    private static String pointerOf(ServiceSpec s, String at, String name) {
        return renamed(s, name) ? at + "/connectionVariables/" + Pointers.escape(name) : at;
    }

    private static String describe(String platformName, String given) {
        return platformName.equals(given) ? "the platform's own `" + given + "`" : "`" + platformName + "`";
    }
}
