package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmTargets;
import io.drplatform.manifest.model.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code alarms} section: somebody is told, at addresses that work, and overrides name real alarms. */
final class AlarmRules extends SectionRules {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}");

    private final AlarmAnchors anchors;
    private final AlarmOverrideRules overrides;

    AlarmRules(ProblemReport report, AlarmAnchors anchors) {
        super(report);
        this.anchors = anchors;
        this.overrides = new AlarmOverrideRules(report);
    }

    void check(Deployment d) {
        AlarmTargets alarms = d.alarms();
        if (alarms == null) {
            report.problem("/alarms", "nobody is told about alarms", "add `alarms: {email: [oncall@example.com]}`");
            return;
        }
        List<String> email = alarms.email() == null ? List.of() : alarms.email();
        List<String> https = alarms.https() == null ? List.of() : alarms.https();
        if (email.isEmpty() && https.isEmpty()) {
            report.problem("/alarms", "nobody is told about alarms", "add an e-mail address or an HTTPS endpoint");
        }
        for (int i = 0; i < email.size(); i++) {
            if (!EMAIL.matcher(email.get(i)).matches()) {
                report.problem("/alarms/email/" + i, "`" + email.get(i) + "` is not an e-mail address", null);
            }
        }
        for (int i = 0; i < https.size(); i++) {
            if (!https.get(i).matches("https://[^\\s/]+(/\\S*)?")) {
                report.problem(
                        "/alarms/https/" + i,
                        "`" + https.get(i) + "` is not an HTTPS URL",
                        "alarm endpoints must use https:// so notifications are encrypted in transit");
            }
        }
        if (alarms.overrides() != null) {
            alarms.overrides().forEach((anchor, override) -> {
                String at = "/alarms/overrides/" + Pointers.escape(anchor);
                Optional<AlarmKind> kind = anchors.kind(at, anchor, "overrides are keyed by");
                if (kind.isPresent() && override != null) {
                    overrides.check(kind.get(), override, at);
                }
            });
        }
    }
}
