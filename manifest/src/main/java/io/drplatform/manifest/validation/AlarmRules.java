package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.AlarmKind;
import io.drplatform.manifest.model.AlarmSeverity;
import io.drplatform.manifest.model.AlarmSubscribers;
import io.drplatform.manifest.model.AlarmTargets;
import io.drplatform.manifest.model.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code alarms} section: somebody is told, at addresses that work, the severities production's alarms are sent
 * with reach somebody, and overrides name real alarms.
 */
final class AlarmRules extends SectionRules {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-zA-Z]{2,}");

    private final AlarmAnchors anchors;
    private final AlarmOverrideRules overrides;
    private final AlarmRoutingRules routing;

    AlarmRules(ProblemReport report, AlarmAnchors anchors) {
        super(report);
        this.anchors = anchors;
        this.overrides = new AlarmOverrideRules(report);
        this.routing = new AlarmRoutingRules(report);
    }

    void check(Deployment d) {
        AlarmTargets alarms = d.alarms();
        if (alarms == null) {
            report.problem(
                    "/alarms", "nobody is told about alarms", "add `alarms: {page: {email: [oncall@example.com]}}`");
            return;
        }
        boolean anybody = false;
        for (AlarmSeverity severity : AlarmSeverity.values()) {
            AlarmSubscribers subscribers = alarms.subscribers(severity);
            checkAddresses(subscribers, "/alarms/" + severity.id());
            anybody |= !subscribers.isEmpty();
        }
        if (!anybody) {
            report.problem(
                    "/alarms",
                    "nobody is told about alarms",
                    "add an e-mail address or an HTTPS endpoint under `page`, `ticket` or `info`");
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
        if (anybody) { // otherwise "nobody is told" says it all
            routing.check(d.environment(), alarms);
        }
    }

    private void checkAddresses(AlarmSubscribers subscribers, String at) {
        List<String> email = subscribers.emails();
        for (int i = 0; i < email.size(); i++) {
            if (!EMAIL.matcher(email.get(i)).matches()) {
                report.problem(at + "/email/" + i, "`" + email.get(i) + "` is not an e-mail address", null);
            }
        }
        List<String> https = subscribers.endpoints();
        for (int i = 0; i < https.size(); i++) {
            if (!https.get(i).matches("https://[^\\s/]+(/\\S*)?")) {
                report.problem(
                        at + "/https/" + i,
                        "`" + https.get(i) + "` is not an HTTPS URL",
                        "alarm endpoints must use https:// so notifications are encrypted in transit");
            }
        }
    }
}
