package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import java.util.regex.Pattern;

/** The application's {@code name} and {@code account}: they name every resource and say where it deploys. */
final class IdentityRules extends SectionRules {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    IdentityRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        require(d.name(), "/name", "give the application a name, e.g. `name: tco-calculator`");
        if (d.name() != null && !Formats.NAME.matcher(d.name()).matches()) {
            report.problem(
                    "/name",
                    "`" + d.name() + "` cannot be used in resource names",
                    "use 3-32 lower-case letters, digits and hyphens, starting with a letter");
        }
        require(d.account(), "/account", "set the 12-digit AWS account id, quoted");
        if (d.account() != null && !ACCOUNT.matcher(d.account()).matches()) {
            report.problem("/account", "`" + d.account() + "` is not a 12-digit AWS account id", null);
        }
    }
}
